/**
 * Two profiles -> what changes in their answers: between two services, two
 * variants, two versions of one profile file, or two conversations. Parties
 * and forms are matched by id (a participant's copy by id and participant).
 * A change is a regression where someone gains a way to read:
 *
 * - a party joins `byDesign` for a data kind;
 * - under an order, the authority goes from cannot-read to can-read;
 * - under an order, `ways` gains a set that contains no old set: a new way
 *   in that is not merely an old one plus more parties (gaining `[]`, "needs
 *   no one", where it needed someone, is one);
 * - under an order, a way on both sides newly yields a form the first
 *   profile has too (a renamed form is not a new yield).
 *
 * Everything else that changes is shown but is not a regression: a way in
 * lost, a form newly readable through harder ways, who is beyond reach, the
 * last resort, a stance (policy can change overnight; custody cannot).
 */
import type { Profile } from '../model/profile.js';
import { idOf } from '../model/conversation.js';
import type { Jurisdiction, Order, PartyKind, Position } from '../model/vocabulary.js';
import { buildRef, type Answer, type Build, type BuildRef, type FormRef, type KindAnswer, type LastResort, type PartyRef } from './answer-types.js';

export type { BuildRef };
import { analyse, answer, BASE_KINDS } from './answer.js';
import { append } from '../model/append.js';

interface Where {
  /** The data kind; null for a stance, which is the same for every kind. */
  data: string | null;
  /** `by-design` for byDesign; otherwise the order id. */
  order: string;
  regression: boolean;
}

/** One change in the answers, from the first profile to the second. Field names are a public interface (`diff --format json`). */
export type Change = Where &
  (
    | { field: 'byDesign'; added: PartyRef[]; removed: PartyRef[] }
    | { field: 'canRead'; from: boolean; to: boolean }
    | {
        field: 'ways';
        added: PartyRef[][];
        removed: PartyRef[][];
        /** The added sets that contain no old set: new, easier ways in. */
        easier: PartyRef[][];
      }
    | {
        field: 'yields';
        /** A way on both sides. */
        parties: PartyRef[];
        added: FormRef[];
        removed: FormRef[];
        /** The added forms the first profile has too: what the way newly yields. */
        newly: FormRef[];
      }
    | { field: 'remaining'; added: PartyRef[][]; removed: PartyRef[][] }
    | { field: 'lastResort'; from: LastResort; to: LastResort }
    | {
        field: 'builds';
        /** Builds newly possible under an order to build access. */
        added: BuildRef[];
        removed: BuildRef[];
        /** Builds on both sides that no one could notice now, but someone (or an unknown) could before. */
        undetected: BuildRef[];
      }
    | { field: 'readable'; added: FormRef[]; removed: FormRef[] }
    | { field: 'stance'; party: string; kind: PartyKind; participant?: number; from: Position | null; to: Position | null }
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

export function diffProfiles(
  from: Profile,
  to: Profile,
  orders: readonly Order[],
  kinds: readonly string[] = kindsOf(from, to),
  jurisdictions: readonly Jurisdiction[] = [],
): Diff {
  const [a, b] = [analyse(from), analyse(to)];
  const answers = (analysis: typeof a) => orders.map((o) => answer(analysis, o, { kinds, jurisdictions }));
  const [before, after] = [answers(a), answers(b)];
  const order = before[0]?.data.map((d) => d.kind) ?? [...kinds];
  const changes: Change[] = [];
  for (const kind of order) {
    const at = (list: Answer[], i: number) => list[i]!.data.find((d) => d.kind === kind)!;
    if (orders.length > 0) {
      const [x, y] = [at(before, 0).byDesign, at(after, 0).byDesign];
      const added = minus(y, x);
      const removed = minus(x, y);
      if (added.length + removed.length > 0) changes.push({ data: kind, order: 'by-design', field: 'byDesign', added, removed, regression: added.length > 0 });
    }
    const oldForms = new Set(from.forms.map((f) => f.id));
    orders.forEach((o, i) => append(changes, compare(kind, o.id, at(before, i), at(after, i), oldForms)));
  }
  orders.forEach((o, i) => append(changes, compareStances(o.id, before[i]!, after[i]!)));
  return { kinds: order, changes, regression: changes.some((c) => c.regression) };
}

/**
 * Under an order to build access: a build newly possible, or one that no
 * one could notice any more, is a regression.
 */
function compareBuilds(data: string, order: string, x: KindAnswer, y: KindAnswer): Change[] {
  const key = (b: Build) => `${refKey(b)}\u0000${b.action}\u0000${idOf(b.target, b.targetParticipant)}`;
  const [before, after] = [x.builds ?? [], y.builds ?? []];
  const nobody = (b: Build) => b.detectedBy?.length === 1 && b.detectedBy[0] === 'nobody';
  const added = after.filter((b) => !before.some((o) => key(o) === key(b))).map(buildRef);
  const removed = before.filter((b) => !after.some((o) => key(o) === key(b))).map(buildRef);
  const undetected = after.filter((b) => nobody(b) && before.some((o) => key(o) === key(b) && !nobody(o))).map(buildRef);
  if (added.length + removed.length + undetected.length === 0) return [];
  return [{ data, order, field: 'builds', added, removed, undetected, regression: added.length + undetected.length > 0 }];
}

function compare(data: string, order: string, x: KindAnswer, y: KindAnswer, oldForms: ReadonlySet<string>): Change[] {
  if (!x.authority || !y.authority) return compareBuilds(data, order, x, y);
  const out: Change[] = [];
  const [p, q] = [x.authority, y.authority];
  if (p.canRead !== q.canRead) out.push({ data, order, field: 'canRead', from: p.canRead, to: q.canRead, regression: !p.canRead && q.canRead });
  const [pWays, qWays] = [p.ways.map((w) => w.parties), q.ways.map((w) => w.parties)];
  const sets = (before: PartyRef[][], after: PartyRef[][]) => ({
    added: after.filter((set) => !before.some((old) => sameSet(old, set))),
    removed: before.filter((set) => !after.some((now) => sameSet(now, set))),
  });
  const ways = sets(pWays, qWays);
  if (ways.added.length + ways.removed.length > 0) {
    // A new way in is easier unless it needs every party of some old one.
    const easier = ways.added.filter((set) => !pWays.some((old) => subset(old, set)));
    out.push({ data, order, field: 'ways', ...ways, easier, regression: easier.length > 0 });
  }
  for (const way of q.ways) {
    const old = p.ways.find((w) => sameSet(w.parties, way.parties));
    if (!old) continue;
    const added = formsMinus(way.reads, old.reads);
    const removed = formsMinus(old.reads, way.reads);
    if (added.length + removed.length === 0) continue;
    const newly = added.filter((r) => oldForms.has(formKey(r)));
    out.push({ data, order, field: 'yields', parties: way.parties, added, removed, newly, regression: newly.length > 0 });
  }
  const remaining = sets(
    p.remaining.map((r) => r.parties),
    q.remaining.map((r) => r.parties),
  );
  if (remaining.added.length + remaining.removed.length > 0) out.push({ data, order, field: 'remaining', ...remaining, regression: false });
  const bare = ({ form, place, participant }: FormRef): FormRef => (participant === undefined ? { form, place } : { form, place, participant });
  const readable = { added: formsMinus(q.readable, p.readable).map(bare), removed: formsMinus(p.readable, q.readable).map(bare) };
  if (readable.added.length + readable.removed.length > 0) out.push({ data, order, field: 'readable', ...readable, regression: false });
  if (p.lastResort !== q.lastResort && p.canRead === q.canRead) out.push({ data, order, field: 'lastResort', from: p.lastResort, to: q.lastResort, regression: false });
  return out;
}

function compareStances(order: string, x: Answer, y: Answer): Change[] {
  const [before, after] = [x.data[0]?.stances ?? [], y.data[0]?.stances ?? []];
  const parties = [...new Set([...before, ...after].map(refKey))];
  return parties.flatMap((party): Change[] => {
    const [s, t] = [before.find((v) => refKey(v) === party), after.find((v) => refKey(v) === party)];
    if (s?.position === t?.position) return [];
    const { party: id, kind, participant } = (t ?? s)!;
    return [{ data: null, order, field: 'stance', party: id, kind, ...(participant === undefined ? {} : { participant }), from: s?.position ?? null, to: t?.position ?? null, regression: false }];
  });
}

/** A party or form as the profile names it: a participant's copy by its own id. */
const refKey = (r: PartyRef) => idOf(r.party, r.participant);
const formKey = (r: FormRef) => idOf(r.form, r.participant);
const formsMinus = <T extends FormRef>(a: readonly T[], b: readonly FormRef[]) => {
  const drop = new Set(b.map(formKey));
  return a.filter((r) => !drop.has(formKey(r)));
};
const ids = (set: readonly PartyRef[]) => new Set(set.map(refKey));
const minus = (a: readonly PartyRef[], b: readonly PartyRef[]) => {
  const drop = ids(b);
  return a.filter((r) => !drop.has(refKey(r)));
};
const subset = (a: readonly PartyRef[], b: readonly PartyRef[]) => {
  const big = ids(b);
  return a.every((r) => big.has(refKey(r)));
};
const sameSet = (a: readonly PartyRef[], b: readonly PartyRef[]) => a.length === b.length && subset(a, b);
