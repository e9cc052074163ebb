/**
 * The checks a schema cannot express: every id a profile refers to is
 * defined, dates are real dates, a discontinued service says when. They run on
 * the positioned tree and tolerate shape errors (already reported), so one run
 * reports every problem it can.
 */
import { finding, type Finding, type FindingCode, type Pos } from './finding.js';
import { distance, suggesting } from './suggest.js';
import { isRealDate } from './dates.js';
import { unknownCode } from './orders.js';
import { JURISDICTION_CODES, PREFERRED_CODES } from './regions.js';
import { NOBODY, PARTY_KINDS, STANDARD_KINDS } from './vocabulary.js';
import type { YEntry, YMap, YNode } from './yaml.js';
import { append } from './append.js';

export interface CheckContext {
  file: string;
  /** Ids of the orders known to this run (built-in, --scenarios, instruments), for stances. */
  orders: ReadonlySet<string>;
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

const WELL_KNOWN_KINDS: readonly string[] = STANDARD_KINDS;

/**
 * A form's data kind: a standard one, or one the profile declares in `kinds`.
 * A kind a letter or two from a standard one is likely a typo; any other
 * undeclared kind is allowed (v1 profiles did not declare them) but counts as
 * no standard kind for orders that list the kinds they cover: both warnings.
 */
export function checkDataKind(node: YNode | undefined, file: string, path: string, declared: ReadonlySet<string>): Finding[] {
  const kind = stringOf(node);
  if (!node || !kind || WELL_KNOWN_KINDS.includes(kind) || declared.has(kind)) return [];
  const near = nearKind(kind);
  if (near) return [finding('unusual-kind', file, node.pos, path, { value: kind, suggestion: near }, 'warning')];
  return [finding('undeclared-kind', file, node.pos, path, { value: kind }, 'warning')];
}

/** The well-known kind a kind is a likely typo for: the same few kinds recur in every profile. */
const nearKinds = new Map<string, string | undefined>();
function nearKind(kind: string): string | undefined {
  if (!nearKinds.has(kind)) nearKinds.set(kind, WELL_KNOWN_KINDS.find((k) => distance(kind, k, 2) <= 2));
  return nearKinds.get(kind);
}

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
  const parties = new Set(entriesOf(field(root, 'parties')).map(([id]) => id));
  const keys = new Set(entriesOf(field(root, 'keys')).map(([id]) => id));
  const sources = new Set(entriesOf(field(root, 'sources')).map(([id]) => id));
  const declaredKinds = new Set(entriesOf(field(root, 'kinds')).map(([id]) => id));

  const expect = (list: YNode | undefined, path: string, defined: Set<string>, code: FindingCode, where: string) => {
    const seen = new Set<string>();
    for (const ref of refs(list, path)) {
      if (seen.has(ref.id)) out.push(finding('duplicate-entry', file, ref.pos, ref.path, { id: ref.id }, 'warning'));
      seen.add(ref.id);
      if (defined.has(ref.id)) continue;
      out.push(suggesting(finding(code, file, ref.pos, ref.path, { id: ref.id, where }), ref.id, defined));
    }
  };
  const cites = (node: YNode | undefined, path: string) =>
    expect(field(node, 'sources'), `${path}.sources`, sources, 'unknown-source', 'sources');

  /** Who may be named as noticing: made once, for the first that is not. */
  let detectors: Set<string> | undefined;
  /** A control fact: its party exists, and who could notice names parties, kinds, or nobody alone. */
  const control = (node: YNode | undefined, path: string) => {
    if (node?.type !== 'map') return;
    const party = field(node, 'party');
    const id = stringOf(party);
    if (party && id !== undefined && !parties.has(id)) {
      out.push(suggesting(finding('unknown-party', file, party.pos, `${path}.party`, { id, where: 'parties' }), id, parties));
    }
    const noticing = refs(field(node, 'detected_by'), `${path}.detected_by`);
    for (const ref of noticing) {
      if (ref.id === NOBODY) {
        if (noticing.length > 1) out.push(finding('bad-detector', file, ref.pos, ref.path, { reason: 'nobody-with-others' }));
        continue;
      }
      if (parties.has(ref.id) || PARTY_KINDS.includes(ref.id as (typeof PARTY_KINDS)[number])) continue;
      detectors ??= new Set([...parties, ...PARTY_KINDS, NOBODY]);
      out.push(suggesting(finding('bad-detector', file, ref.pos, ref.path, { id: ref.id }), ref.id, detectors));
    }
    cites(node, path);
  };

  /** The orders a stance may name, as a finding lists them: made once, for the first it does not. */
  let allowed: readonly string[] | undefined;
  for (const [id, { value: party }] of entriesOf(field(root, 'parties')).filter(fresh)) {
    const path = `parties.${id}`;
    cites(party, path);
    for (const [order, { keyPos, value: stance }] of entriesOf(field(party, 'stance'))) {
      if (!ctx.orders.has(order)) {
        allowed ??= ctx.orders.size <= 12 ? [...ctx.orders] : [...[...ctx.orders].slice(0, 12), '… (keyholder orders lists them all)'];
        out.push(suggesting(finding('unknown-order', file, keyPos, `${path}.stance.${order}`, { id: order, allowed }), order, ctx.orders));
      }
      cites(stance, `${path}.stance.${order}`);
    }
    const codes = refs(field(party, 'jurisdictions'), `${path}.jurisdictions`);
    const seenCodes = new Set<string>();
    for (const ref of codes) {
      if (seenCodes.has(ref.id)) out.push(finding('duplicate-entry', file, ref.pos, ref.path, { id: ref.id }, 'warning'));
      seenCodes.add(ref.id);
      if (/^[a-z]{2}$/.test(ref.id) && (!JURISDICTION_CODES.has(ref.id) || PREFERRED_CODES[ref.id])) out.push(unknownCode(ref.id, ref.pos, ref.path, file));
    }
    control(field(party, 'code_from'), `${path}.code_from`);
  }
  // A declared kind is one the profile adds: a standard kind cannot count as another.
  for (const [id, { keyPos }] of entriesOf(field(root, 'kinds'))) {
    if (WELL_KNOWN_KINDS.includes(id)) out.push(finding('bad-kind', file, keyPos, `kinds.${id}`, { value: id }));
  }
  for (const [id, { value: key }] of entriesOf(field(root, 'keys')).filter(fresh)) {
    expect(field(key, 'held_by'), `keys.${id}.held_by`, parties, 'unknown-party', 'parties');
    cites(key, `keys.${id}`);
    control(field(key, 'directory'), `keys.${id}.directory`);
  }
  for (const [id, { value: form }] of entriesOf(field(root, 'data')).filter(fresh)) {
    const path = `data.${id}`;
    expect(field(form, 'seen_by'), `${path}.seen_by`, parties, 'unknown-party', 'parties');
    expect(field(form, 'encrypted_with'), `${path}.encrypted_with`, keys, 'unknown-key', 'keys');
    expect(field(form, 'contains_keys'), `${path}.contains_keys`, keys, 'unknown-key', 'keys');
    cites(form, path);
    append(out, checkDataKind(field(form, 'kind'), file, `${path}.kind`, declaredKinds));
  }
  for (const [name, { value: variant }] of entriesOf(field(root, 'variants'))) {
    cites(variant, `variants.${name}`);
    control(field(variant, 'withdrawable_by'), `variants.${name}.withdrawable_by`);
  }

  checkDates(root, ctx, out, unchanged);
  checkStatus(root, ctx, out);
  return out;
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
    append(out, checkSourceAddress(id, value, file));
  }
}

/** A source is at a url or offline, not both: a warning where it says both. */
export function checkSourceAddress(id: string, source: YNode, file: string): Finding[] {
  const offline = field(source, 'offline');
  if (!field(source, 'url') || offline?.type !== 'scalar' || offline.value !== true) return [];
  return [finding('inconsistent-source', file, offline.pos, `sources.${id}.offline`, { id }, 'warning')];
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
  // An unconfirmed status must say why: what the sources say, and what none says.
  if (status === 'unconfirmed' && !root.entries.get('status_note') && statusEntry) {
    out.push(finding('missing-field', file, statusEntry.keyPos, '', { field: 'status_note' }));
  }
}
