/**
 * The checks a schema cannot express: every id a profile refers to is
 * defined, dates are real dates, a discontinued service says when. They run on
 * the positioned tree and tolerate shape errors (already reported), so one run
 * reports every problem it can.
 */
import { append } from './append.js';
import { finding, type Finding, type FindingCode, type Pos } from './finding.js';
import { closest, distance } from './suggest.js';
import type { YEntry, YMap, YNode } from './yaml.js';

export interface CheckContext {
  file: string;
  /** Ids of the scenarios known to this run, for stances. */
  scenarios: ReadonlySet<string>;
}

export const entriesOf = (node: YNode | undefined): [string, YEntry][] => (node?.type === 'map' ? [...node.entries] : []);
export const field = (node: YNode | undefined, key: string): YNode | undefined =>
  node?.type === 'map' ? node.entries.get(key)?.value : undefined;
export const stringOf = (node: YNode | undefined): string | undefined =>
  node?.type === 'scalar' && typeof node.value === 'string' ? node.value : undefined;

interface Ref {
  id: string;
  pos: Pos;
  path: string;
}

function refs(node: YNode | undefined, path: string): Ref[] {
  if (node?.type !== 'seq') return [];
  const out: Ref[] = [];
  node.items.forEach((item, i) => {
    if (item.type === 'scalar' && typeof item.value === 'string') out.push({ id: item.value, pos: item.pos, path: `${path}[${i}]` });
  });
  return out;
}

const WELL_KNOWN_KINDS = ['content', 'metadata'];

/** A data kind a letter or two from `content` or `metadata` is likely a typo: a warning. */
export function checkDataKind(node: YNode | undefined, file: string, path: string): Finding[] {
  const kind = stringOf(node);
  if (!node || !kind || WELL_KNOWN_KINDS.includes(kind)) return [];
  const near = nearKind(kind);
  return near ? [finding('unusual-kind', file, node.pos, path, { value: kind, suggestion: near }, 'warning')] : [];
}

/** The well-known kind a kind is a likely typo for: the same few kinds recur in every profile. */
const nearKinds = new Map<string, string | undefined>();
function nearKind(kind: string): string | undefined {
  if (!nearKinds.has(kind)) nearKinds.set(kind, WELL_KNOWN_KINDS.find((k) => distance(kind, k, 2) <= 2));
  return nearKinds.get(kind);
}

/**
 * Names compared for "did you mean" in one file: each unknown reference is
 * compared with every defined id, so ten thousand bad references to ten
 * thousand parties would take a minute. Past the budget, findings come
 * without a suggestion.
 */
const SUGGESTION_BUDGET = 100_000;

/**
 * Checks every reference, date and status. Entries whose tree is in
 * `unchanged` (a variant's merged tree sharing the base's, where the variant
 * deletes nothing, so every id the base defines is still defined) were
 * checked with the base and are skipped.
 */
export function checkReferences(root: YMap, ctx: CheckContext, unchanged?: ReadonlySet<YNode>): Finding[] {
  const out: Finding[] = [];
  const fresh = ([, entry]: [string, YEntry]) => !unchanged?.has(entry.value);
  const { file } = ctx;
  let budget = SUGGESTION_BUDGET;
  const suggest = (id: string, defined: ReadonlySet<string>): string | undefined => {
    budget -= defined.size;
    return budget >= 0 ? closest(id, defined) : undefined;
  };
  const parties = new Set(entriesOf(field(root, 'parties')).map(([id]) => id));
  const keys = new Set(entriesOf(field(root, 'keys')).map(([id]) => id));
  const sources = new Set(entriesOf(field(root, 'sources')).map(([id]) => id));

  const expect = (list: YNode | undefined, path: string, defined: Set<string>, code: FindingCode, where: string) => {
    const seen = new Set<string>();
    for (const ref of refs(list, path)) {
      if (seen.has(ref.id)) out.push(finding('duplicate-entry', file, ref.pos, ref.path, { id: ref.id }, 'warning'));
      seen.add(ref.id);
      if (defined.has(ref.id)) continue;
      const args: Record<string, string> = { id: ref.id, where };
      const suggestion = suggest(ref.id, defined);
      if (suggestion) args['suggestion'] = suggestion;
      out.push(finding(code, file, ref.pos, ref.path, args));
    }
  };
  const cites = (node: YNode | undefined, path: string) =>
    expect(field(node, 'sources'), `${path}.sources`, sources, 'unknown-source', 'sources');

  for (const [id, { value: party }] of entriesOf(field(root, 'parties')).filter(fresh)) {
    const path = `parties.${id}`;
    cites(party, path);
    for (const [scenario, { keyPos, value: stance }] of entriesOf(field(party, 'stance'))) {
      if (!ctx.scenarios.has(scenario)) {
        const args: Record<string, string> = { id: scenario };
        const suggestion = suggest(scenario, ctx.scenarios);
        if (suggestion) args['suggestion'] = suggestion;
        out.push(finding('unknown-scenario', file, keyPos, `${path}.stance.${scenario}`, args, 'warning'));
      }
      cites(stance, `${path}.stance.${scenario}`);
    }
  }
  for (const [id, { value: key }] of entriesOf(field(root, 'keys')).filter(fresh)) {
    expect(field(key, 'held_by'), `keys.${id}.held_by`, parties, 'unknown-party', 'parties');
    cites(key, `keys.${id}`);
  }
  for (const [id, { value: form }] of entriesOf(field(root, 'data')).filter(fresh)) {
    const path = `data.${id}`;
    expect(field(form, 'seen_by'), `${path}.seen_by`, parties, 'unknown-party', 'parties');
    expect(field(form, 'encrypted_with'), `${path}.encrypted_with`, keys, 'unknown-key', 'keys');
    expect(field(form, 'contains_keys'), `${path}.contains_keys`, keys, 'unknown-key', 'keys');
    cites(form, path);
    append(out, checkDataKind(field(form, 'kind'), file, `${path}.kind`));
  }
  for (const [name, { value: variant }] of entriesOf(field(root, 'variants'))) cites(variant, `variants.${name}`);

  checkDates(root, ctx, out, unchanged);
  checkStatus(root, ctx, out);
  return out;
}

/** YYYY, YYYY-MM or YYYY-MM-DD (digits already checked) naming a day that exists. */
function isRealDate(text: string): boolean {
  const y = Number(text.slice(0, 4));
  const m = text.length > 4 ? Number(text.slice(5, 7)) : 1;
  const d = text.length > 7 ? Number(text.slice(8, 10)) : 1;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return days !== undefined && d >= 1 && d <= days;
}

function checkDates(root: YMap, { file }: CheckContext, out: Finding[], unchanged?: ReadonlySet<YNode>): void {
  const check = (node: YNode | undefined, path: string) => {
    const text = stringOf(node);
    if (node && text && !unchanged?.has(node) && /^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$/.test(text) && !isRealDate(text)) {
      out.push(finding('bad-date', file, node.pos, path, { value: text }));
    }
  };
  check(field(root, 'as_of'), 'as_of');
  check(field(root, 'discontinued_on'), 'discontinued_on');
  for (const [id, { value }] of entriesOf(field(root, 'sources'))) {
    check(field(value, 'date'), `sources.${id}.date`);
    check(field(value, 'accessed'), `sources.${id}.accessed`);
  }
}

function checkStatus(root: YMap, { file }: CheckContext, out: Finding[]): void {
  const statusEntry = root.entries.get('status');
  const status = stringOf(statusEntry?.value);
  const on = root.entries.get('discontinued_on');
  if (status === 'discontinued' && !on && statusEntry) {
    out.push(finding('missing-field', file, statusEntry.keyPos, '', { field: 'discontinued_on' }));
  }
  if (on && status !== 'discontinued') {
    out.push(finding('inconsistent-status', file, on.keyPos, 'discontinued_on', {}, 'warning'));
  }
}
