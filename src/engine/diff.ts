/**
 * Two profiles -> what changes in their answers: between two services, two
 * variants, or two versions of one profile file. Parties and forms are
 * matched by id. A change is a regression where someone gains a way to read:
 *
 * - a party joins `byDesign` for a data kind;
 * - under a scenario, the authority goes from cannot-read to can-read;
 * - under a scenario, `via` gains a set that contains no old set: a new way
 *   in that is not merely an old one plus more parties (gaining `[]`, "needs
 *   no one", where it needed someone, is one).
 *
 * Everything else that changes is shown but is not a regression: a way in
 * lost, a form newly readable through the same ways, who is beyond reach,
 * a stance (policy can change overnight; custody cannot).
 */
import { append } from '../model/append.js';
import type { Profile } from '../model/profile.js';
import type { PartyKind, Place, Position } from '../model/vocabulary.js';
import type { Scenario } from '../model/vocabulary.js';
import type { Answer, KindAnswer, PartyRef } from './answer-types.js';
import { analyse, answer, BASE_KINDS } from './answer.js';

interface Where {
  /** The data kind; null for a stance, which is the same for every kind. */
  data: string | null;
  /** `by-design` for byDesign; otherwise the scenario id. */
  scenario: string;
  regression: boolean;
}

/** One change in the answers, from the first profile to the second. Field names are a public interface (`diff --format json`). */
export type Change = Where &
  (
    | { field: 'byDesign'; added: PartyRef[]; removed: PartyRef[] }
    | { field: 'canRead'; from: boolean; to: boolean }
    | {
        field: 'via';
        added: PartyRef[][];
        removed: PartyRef[][];
        /** The added sets that contain no old set: new, easier ways in. */
        easier: PartyRef[][];
      }
    | { field: 'remaining'; added: PartyRef[][]; removed: PartyRef[][] }
    | { field: 'readable'; added: { form: string; place: Place | null }[]; removed: { form: string; place: Place | null }[] }
    | { field: 'stance'; party: string; kind: PartyKind; from: Position | null; to: Position | null }
  );

export interface Diff {
  /** The data kinds compared, in answer order. */
  kinds: string[];
  changes: Change[];
  /** Whether any change is a regression. */
  regression: boolean;
}

/** Data kinds of both profiles: content, metadata, then others as they first appear in either. */
export function kindsOf(...profiles: Profile[]): string[] {
  const kinds = [...BASE_KINDS];
  for (const p of profiles) for (const f of p.forms) if (!kinds.includes(f.kind)) kinds.push(f.kind);
  return kinds;
}

export function diffProfiles(from: Profile, to: Profile, scenarios: readonly Scenario[], kinds: readonly string[] = kindsOf(from, to)): Diff {
  const [a, b] = [analyse(from), analyse(to)];
  const answers = (analysis: typeof a) => scenarios.map((s) => answer(analysis, s, { kinds }));
  const [before, after] = [answers(a), answers(b)];
  const order = before[0]?.data.map((d) => d.kind) ?? [...kinds];
  const changes: Change[] = [];
  for (const kind of order) {
    const at = (list: Answer[], i: number) => list[i]!.data.find((d) => d.kind === kind)!;
    if (scenarios.length > 0) {
      const [x, y] = [at(before, 0).byDesign, at(after, 0).byDesign];
      const added = minus(y, x);
      const removed = minus(x, y);
      if (added.length + removed.length > 0) changes.push({ data: kind, scenario: 'by-design', field: 'byDesign', added, removed, regression: added.length > 0 });
    }
    scenarios.forEach((s, i) => append(changes, compare(kind, s.id, at(before, i), at(after, i))));
  }
  scenarios.forEach((s, i) => append(changes, compareStances(s.id, before[i]!, after[i]!)));
  return { kinds: order, changes, regression: changes.some((c) => c.regression) };
}

function compare(data: string, scenario: string, x: KindAnswer, y: KindAnswer): Change[] {
  const out: Change[] = [];
  const [p, q] = [x.authority, y.authority];
  if (p.canRead !== q.canRead) out.push({ data, scenario, field: 'canRead', from: p.canRead, to: q.canRead, regression: !p.canRead && q.canRead });
  const sets = (field: 'via' | 'remaining') => ({
    added: q[field].filter((set) => !p[field].some((old) => sameSet(old, set))),
    removed: p[field].filter((set) => !q[field].some((now) => sameSet(now, set))),
  });
  const via = sets('via');
  if (via.added.length + via.removed.length > 0) {
    // A new way in is easier unless it needs every party of some old one.
    const easier = via.added.filter((set) => !p.via.some((old) => subset(old, set)));
    out.push({ data, scenario, field: 'via', ...via, easier, regression: easier.length > 0 });
  }
  const remaining = sets('remaining');
  if (remaining.added.length + remaining.removed.length > 0) out.push({ data, scenario, field: 'remaining', ...remaining, regression: false });
  const readable = {
    added: q.readable.filter((r) => !p.readable.some((o) => o.form === r.form)),
    removed: p.readable.filter((r) => !q.readable.some((o) => o.form === r.form)),
  };
  if (readable.added.length + readable.removed.length > 0) out.push({ data, scenario, field: 'readable', ...readable, regression: false });
  return out;
}

function compareStances(scenario: string, x: Answer, y: Answer): Change[] {
  const [before, after] = [x.data[0]?.stances ?? [], y.data[0]?.stances ?? []];
  const parties = [...new Set([...before, ...after].map((s) => s.party))];
  return parties.flatMap((party): Change[] => {
    const [s, t] = [before.find((v) => v.party === party), after.find((v) => v.party === party)];
    if (s?.position === t?.position) return [];
    return [{ data: null, scenario, field: 'stance', party, kind: (t ?? s)!.kind, from: s?.position ?? null, to: t?.position ?? null, regression: false }];
  });
}

const ids = (set: readonly PartyRef[]) => new Set(set.map((r) => r.party));
const minus = (a: readonly PartyRef[], b: readonly PartyRef[]) => a.filter((r) => !b.some((s) => s.party === r.party));
const subset = (a: readonly PartyRef[], b: readonly PartyRef[]) => {
  const big = ids(b);
  return a.every((r) => big.has(r.party));
};
const sameSet = (a: readonly PartyRef[], b: readonly PartyRef[]) => a.length === b.length && subset(a, b);
