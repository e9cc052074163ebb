/**
 * The rules of MODEL.md checked the slow, obvious way, to hold the engine's
 * answers against: what a group reads (the two rules applied in turn until
 * nothing changes, on the profile's own lists), is a set minimal, and every
 * minimal set found by trying every subset.
 */
import type { Answer, KindAnswer } from '../../src/engine/answer-types.js';
import type { Analysis } from '../../src/engine/answer.js';
import { NEVER_COMPELLED, type Scenario } from '../../src/model/vocabulary.js';

/** Which parties the authority has for free, may compel, or would need beyond the order. */
export function roles(analysis: Analysis, scenario: Scenario) {
  const kinds = analysis.custody.partyKinds;
  const own = kinds.flatMap((k, p) => (NEVER_COMPELLED.has(k) ? [p] : []));
  const compelled = kinds.flatMap((k, p) => (!NEVER_COMPELLED.has(k) && scenario.compels.includes(k) ? [p] : []));
  const beyond = kinds.flatMap((k, p) => (!NEVER_COMPELLED.has(k) && !scenario.compels.includes(k) && k !== 'user' ? [p] : []));
  return { own, compelled, beyond };
}

/** What a group of parties reads and knows together, worked out naively from the profile. */
export function reads(analysis: Analysis, parties: readonly number[]): { readable: boolean[]; known: boolean[] } {
  const { profile } = analysis.custody;
  const group = new Set(parties.map((p) => profile.parties[p]!.id));
  const known = new Set(profile.keys.filter((k) => k.heldBy.some((p) => group.has(p))).map((k) => k.id));
  const readable = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const form of profile.forms) {
      if (readable.has(form.id) || !form.seenBy.some((p) => group.has(p)) || !form.encryptedWith.every((k) => known.has(k))) continue;
      readable.add(form.id);
      form.containsKeys.forEach((k) => known.add(k));
      changed = true;
    }
  }
  return { readable: profile.forms.map((f) => readable.has(f.id)), known: profile.keys.map((k) => known.has(k.id)) };
}

/** Whether these parties, pooling what they have, read at least one of the forms. */
export function opens(analysis: Analysis, parties: readonly number[], targets: readonly number[]): boolean {
  const known = reads(analysis, parties);
  return targets.some((f) => known.readable[f]);
}

/** Whether `set`, with the free parties, opens the forms, and no member can be left out. */
export function sufficientAndMinimal(analysis: Analysis, free: readonly number[], set: readonly number[], targets: readonly number[]): boolean {
  if (!opens(analysis, [...free, ...set], targets)) return false;
  return set.every((p) => !opens(analysis, [...free, ...set.filter((q) => q !== p)], targets));
}

/** Every minimal set of candidates that opens the forms, by trying all subsets: by size, then profile order. */
export function bruteForce(analysis: Analysis, free: readonly number[], candidates: readonly number[], targets: readonly number[]): number[][] {
  if (candidates.length > 16) throw new Error('too many candidates to try every subset');
  const sufficient: number[][] = [];
  for (let mask = 0; mask < 1 << candidates.length; mask++) {
    const set = candidates.filter((_, i) => mask & (1 << i));
    if (opens(analysis, [...free, ...set], targets)) sufficient.push(set);
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

/** A kind's via or remaining sets as party indices. */
export function indicesOf(analysis: Analysis, sets: KindAnswer['authority']['via']): number[][] {
  return sets.map((set) => set.map((ref) => analysis.custody.partyIndex.get(ref.party)!));
}

/** The forms of a kind, as indices. */
export const targetsOf = (analysis: Analysis, kind: string): number[] => analysis.formsOfKind.get(kind) ?? [];

export const kindOf = (a: Answer, kind: string): KindAnswer => a.data.find((d) => d.kind === kind)!;

/**
 * The forms that stay sealed when the compelled parties who see each hand it
 * over, with each key the authority still lacks and every party that knows
 * it on its own; and the forms the authority reads with everyone compelled.
 */
export function sealedAndReadable(analysis: Analysis, own: readonly number[], compelled: readonly number[], targets: readonly number[]) {
  const c = analysis.custody;
  const knowsAlone = c.partyIds.map((_, p) => reads(analysis, [p]).known);
  const sealed = targets.flatMap((f) => {
    const handers = c.seenBy[f]!.filter((p) => compelled.includes(p));
    if (handers.length === 0) return [];
    const known = reads(analysis, [...own, ...handers]);
    if (known.readable[f]) return [];
    const missing = [...new Set(c.enc[f])].filter((k) => !known.known[k]);
    return [{ form: c.profile.forms[f]!.id, missing: missing.map((k) => ({ key: c.keyIds[k]!, holders: c.partyIds.filter((_, p) => knowsAlone[p]![k]) })) }];
  });
  const everyone = reads(analysis, [...own, ...compelled]);
  return { sealed, readable: targets.filter((f) => everyone.readable[f]).map((f) => c.profile.forms[f]!.id) };
}
