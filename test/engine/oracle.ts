/**
 * The rules of MODEL.md checked the slow, obvious way, to hold the engine's
 * answers against: what a group reads (the two rules applied in turn until
 * nothing changes, on the profile's own lists, each party seeing and holding
 * only what the order reaches), is a set minimal, and every minimal set
 * found by trying every subset.
 */
import type { Answer, KindAnswer } from '../../src/engine/answer-types.js';
import type { Analysis } from '../../src/engine/answer.js';
import { NEVER_COMPELLED, type Order } from '../../src/model/vocabulary.js';
import type { DataKindAnswer } from '../helpers.js';

/** Which parties the authority has for free, may compel, or would need beyond the order. */
export function roles(analysis: Analysis, scenario: Order) {
  const { parties } = analysis.custody.profile;
  const within = (p: number) => scenario.jurisdiction === null || parties[p]!.jurisdictions.length === 0 || parties[p]!.jurisdictions.includes(scenario.jurisdiction);
  const kinds = analysis.custody.partyKinds;
  const own = kinds.flatMap((k, p) => (NEVER_COMPELLED.has(k) ? [p] : []));
  const compelled = kinds.flatMap((k, p) => (!NEVER_COMPELLED.has(k) && scenario.compels.includes(k) && within(p) ? [p] : []));
  const beyond = kinds.flatMap((k, p) => (!NEVER_COMPELLED.has(k) && !(scenario.compels.includes(k) && within(p)) && k !== 'user' ? [p] : []));
  return { own, compelled, beyond };
}

/** Whether an order covers a kind: all where it lists none; else the kind, or the standard kind a profile declares it like. */
export function coversKind(analysis: Analysis, order: Order, kind: string): boolean {
  const like = analysis.custody.profile.kinds.find((k) => k.id === kind)?.like;
  return order.data === null || order.data.includes(kind) || (like !== undefined && order.data.includes(like));
}

/**
 * What a group of parties reads and knows together, worked out naively from
 * the profile; under an order, a party other than the authority's own sees
 * only forms of kinds it covers whose retention it reaches, and holds only
 * the keys it reaches.
 */
export function reads(analysis: Analysis, parties: readonly number[], order?: Order): { readable: boolean[]; known: boolean[] } {
  const { profile } = analysis.custody;
  const group = new Set(parties.map((p) => profile.parties[p]!.id));
  const ownKind = (id: string) => NEVER_COMPELLED.has(profile.parties.find((x) => x.id === id)!.kind);
  const seesIt = (form: (typeof profile.forms)[number]) =>
    !order || (coversKind(analysis, order, form.kind) && order.reaches.includes(form.retention === 'stored' ? 'records' : 'live'));
  const holdsIt = (key: (typeof profile.keys)[number]) => !order || order.reaches.includes('live') || key.retention === 'stored';
  const known = new Set(profile.keys.filter((k) => k.heldBy.some((p) => group.has(p) && (ownKind(p) || holdsIt(k)))).map((k) => k.id));
  const readable = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const form of profile.forms) {
      const seen = form.seenBy.some((p) => group.has(p) && (ownKind(p) || seesIt(form)));
      if (readable.has(form.id) || !seen || !form.encryptedWith.every((k) => known.has(k))) continue;
      readable.add(form.id);
      form.containsKeys.forEach((k) => known.add(k));
      changed = true;
    }
  }
  return { readable: profile.forms.map((f) => readable.has(f.id)), known: profile.keys.map((k) => known.has(k.id)) };
}

/** Whether these parties, pooling what they have (under the order), read at least one of the forms. */
export function opens(analysis: Analysis, parties: readonly number[], targets: readonly number[], order?: Order): boolean {
  const known = reads(analysis, parties, order);
  return targets.some((f) => known.readable[f]);
}

/** Whether `set`, with the free parties, opens the forms, and no member can be left out. */
export function sufficientAndMinimal(analysis: Analysis, free: readonly number[], set: readonly number[], targets: readonly number[], order?: Order): boolean {
  if (!opens(analysis, [...free, ...set], targets, order)) return false;
  return set.every((p) => !opens(analysis, [...free, ...set.filter((q) => q !== p)], targets, order));
}

/** Every minimal set of candidates that opens the forms, by trying all subsets: by size, then profile order. */
export function bruteForce(analysis: Analysis, free: readonly number[], candidates: readonly number[], targets: readonly number[], order?: Order): number[][] {
  if (candidates.length > 16) throw new Error('too many candidates to try every subset');
  const sufficient: number[][] = [];
  for (let mask = 0; mask < 1 << candidates.length; mask++) {
    const set = candidates.filter((_, i) => mask & (1 << i));
    if (opens(analysis, [...free, ...set], targets, order)) sufficient.push(set);
  }
  const minimal = sufficient.filter((s) => !sufficient.some((t) => t.length < s.length && t.every((p) => s.includes(p))));
  return minimal.sort(bySizeThenOrder);
}

/** Sets of party indices (each in profile order) by size, then the first party where they differ. */
export function bySizeThenOrder(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return a.length - b.length;
  const i = a.findIndex((p, j) => p !== b[j]);
  return i < 0 ? 0 : a[i]! - b[i]!;
}

/** A kind's ways, remaining or via sets as party indices. */
export function indicesOf(analysis: Analysis, sets: readonly (readonly { party: string }[] | { parties: readonly { party: string }[] })[]): number[][] {
  return sets.map((set) => ('parties' in set ? set.parties : set).map((ref) => analysis.custody.partyIndex.get(ref.party)!));
}

/** The forms of a kind, as indices. */
export const targetsOf = (analysis: Analysis, kind: string): number[] => analysis.formsOfKind.get(kind) ?? [];

export const kindOf = (a: Answer, kind: string): DataKindAnswer => a.data.find((d) => d.kind === kind)! as DataKindAnswer;

/**
 * The forms that stay sealed when the compelled parties who see each hand it
 * over, with each key the authority still lacks and every party that knows
 * it on its own; and the forms the authority reads with everyone compelled.
 */
export function sealedAndReadable(analysis: Analysis, own: readonly number[], compelled: readonly number[], targets: readonly number[], order?: Order) {
  const c = analysis.custody;
  const knowsAlone = c.partyIds.map((_, p) => reads(analysis, [p]).known);
  const handsOver = (p: number, f: number) => !order || seenUnder(analysis, p, f, order);
  const sealed = targets.flatMap((f) => {
    const handers = c.seenBy[f]!.filter((p) => compelled.includes(p) && handsOver(p, f));
    if (handers.length === 0) return [];
    const known = reads(analysis, [...own, ...handers], order);
    if (known.readable[f]) return [];
    const missing = [...new Set(c.enc[f])].filter((k) => !known.known[k]);
    return [{ form: c.profile.forms[f]!.id, missing: missing.map((k) => ({ key: c.keyIds[k]!, holders: c.partyIds.filter((_, p) => knowsAlone[p]![k]) })) }];
  });
  const everyone = reads(analysis, [...own, ...compelled], order);
  return { sealed, readable: targets.filter((f) => everyone.readable[f]).map((f) => c.profile.forms[f]!.id) };
}

/** Whether a compelled party hands a form over under the order: it sees it, and the order reaches its kind and retention. */
function seenUnder(analysis: Analysis, p: number, f: number, order: Order): boolean {
  const form = analysis.custody.profile.forms[f]!;
  return coversKind(analysis, order, form.kind) && order.reaches.includes(form.retention === 'stored' ? 'records' : 'live') && analysis.custody.seenBy[f]!.includes(p);
}
