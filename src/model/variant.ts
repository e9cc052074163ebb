/**
 * Applies a variant to its base profile, on the positioned tree: mappings
 * merge key by key, lists and scalars replace, `null` deletes. Every node of
 * the result keeps the position it was written at, so findings on the merged
 * profile point at the variant's own lines where the variant wrote them.
 */
import { isNull, type YMap, type YNode } from './yaml.js';

/** Fields of a variant that describe the variant itself, not overrides. */
export const VARIANT_OWN_FIELDS = new Set(['label', 'summary', 'sources', 'verified', 'withdrawable_by']);
/** Top-level fields a variant cannot change. */
export const NOT_OVERRIDABLE = new Set(['id', 'variants', 'sources']);

export function applyVariant(base: YMap, variant: YMap): YMap {
  const overrides: YMap = { ...variant, entries: new Map() };
  for (const [key, entry] of variant.entries) {
    if (!VARIANT_OWN_FIELDS.has(key) && !NOT_OVERRIDABLE.has(key)) overrides.entries.set(key, entry);
  }
  const withoutVariants: YMap = { ...base, entries: new Map(base.entries) };
  withoutVariants.entries.delete('variants');
  return merge(withoutVariants, overrides) as YMap;
}

function merge(base: YNode, over: YNode): YNode {
  if (base.type !== 'map' || over.type !== 'map') return over;
  const entries = new Map(base.entries);
  for (const [key, entry] of over.entries) {
    if (isNull(entry.value)) {
      entries.delete(key);
      continue;
    }
    const existing = entries.get(key);
    const value = existing ? merge(existing.value, entry.value) : merge({ ...entry.value, type: 'map', entries: new Map() }, entry.value);
    entries.set(key, { keyPos: entry.keyPos, value });
  }
  return { ...base, entries };
}
