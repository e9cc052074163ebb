/**
 * Text of a profile file -> a validated profile with all its variants, or the
 * findings that say why not. Pure: the CLI reads the bytes.
 */
import { append } from './append.js';
import { checkReferences, entriesOf, field, stringOf, type CheckContext } from './check.js';
import { finding, findDuplicates, hasErrors, type Finding, type Pos } from './finding.js';
import { buildProfile, variantInfos, type Profile } from './profile.js';
import { Suggester, suggesting, withSuggestions, type SuggestWork } from './suggest.js';
import { ProfileSchema } from './schema.js';
import { checkShape } from './shape.js';
import { applyVariant, VARIANT_OWN_FIELDS } from './variant.js';
import { decodeText, isNull, parseYaml, type Limits, LIMITS, type YEntry, type YMap, type YNode } from './yaml.js';

export interface LoadedProfile {
  file: string;
  id: string;
  /** Where the id is written, for findings about duplicate ids. */
  idPos: Pos;
  base: Profile;
  variants: ReadonlyMap<string, Profile>;
}

export interface LoadResult {
  /** null when any finding is an error: an invalid profile is never answered. */
  profile: LoadedProfile | null;
  findings: Finding[];
}

export interface LoadOptions {
  /** Ids of the orders a stance may name: built-in, --scenarios, and every known jurisdiction's instruments. */
  orders: ReadonlySet<string>;
  limits?: Limits;
  /** Where to count the work of "did you mean", for tests. */
  work?: SuggestWork;
}

export function loadProfileBytes(bytes: Uint8Array, file: string, options: LoadOptions): LoadResult {
  const decoded = decodeText(bytes, file, options.limits);
  if (decoded.text === undefined) return { profile: null, findings: decoded.findings };
  return loadProfileText(decoded.text, file, options);
}

export function loadProfileText(text: string, file: string, options: LoadOptions): LoadResult {
  const parsed = parseYaml(text, file, options.limits ?? LIMITS);
  if (!parsed.root) return { profile: null, findings: parsed.findings };
  return loadProfileTree(parsed.root, file, options, parsed.findings);
}

/** Validates a parsed tree: its shape, its references, then each variant merged onto it. */
export function loadProfileTree(root: YNode, file: string, options: LoadOptions, earlier: Finding[] = []): LoadResult {
  const ctx: CheckContext = { file, orders: options.orders };
  // Each variant is checked merged onto the whole profile: bound the work
  // before doing any of it.
  const variantsEntry = root.type === 'map' ? root.entries.get('variants') : undefined;
  const variantCount = variantsEntry?.value.type === 'map' ? variantsEntry.value.entries.size : 0;
  if (variantsEntry && variantCount > 1) {
    const nodes = countNodes(root);
    if (variantCount * nodes > VARIANT_BUDGET) {
      const args = { variants: variantCount, nodes, limit: VARIANT_BUDGET };
      return { profile: null, findings: [...earlier, finding('too-many-variants', file, variantsEntry.keyPos, 'variants', args)] };
    }
  }
  const findings = [...earlier, ...checkShape(root, ProfileSchema, file)];
  if (root.type !== 'map') return { profile: null, findings: withSuggestions(findings, undefined, options.work) };
  append(findings, checkReferences(root, ctx));

  const infos = variantInfos(root);
  const merged = new Map<string, YMap>();
  /** The base profile's findings, for a variant's to be told from them: made at the first variant. */
  let seen: Set<string> | undefined;
  // What the base profile's own check covered, a merged variant shares unchanged.
  const checked = new Set<YNode>();
  if (infos.length > 0) for (const [name, { value }] of root.entries) if (name !== 'variants') collect(value, checked);
  const typos = new Suggester();
  for (const [name, { keyPos, value }] of entriesOf(field(root, 'variants'))) {
    if (value.type !== 'map') continue;
    seen ??= new Set(findings.map(key));
    const tree = applyVariant(root, value);
    merged.set(name, tree);
    const inVariant = (f: Finding) => within(f, value) || (f.line === keyPos.line && f.col === keyPos.col);
    // Where the variant deletes nothing, every id the base defines is still
    // defined, and the base's own references need no second look.
    const references = checkReferences(tree, ctx, deletes(value) ? undefined : checked);
    const overrides = checkOverrides(root, value, file, typos);
    append(findings, overrides.findings.map((f) => ({ ...f, args: { ...f.args, variant: name } })));
    for (const f of [...checkShape(tree, ProfileSchema, file, checked), ...references]) {
      if (seen.has(key(f))) continue;
      // An incomplete entry that is a likely typo of one the base has is reported as that, once.
      if (f.code === 'missing-field' && overrides.typos.has(f.path)) continue;
      seen.add(key(f));
      // A problem the variant causes in lines it did not write (a form still
      // naming a party the variant deletes) is reported at the variant.
      const at = inVariant(f) ? f : { ...f, line: keyPos.line, col: keyPos.col, args: { ...f.args, at: `${f.line}:${f.col}` } };
      findings.push({ ...at, args: { ...at.args, variant: name } });
    }
  }
  if (hasErrors(findings)) return { profile: null, findings: withSuggestions(findings, undefined, options.work) };

  const shared = new Map<YEntry, unknown>();
  const base = buildProfile(root, file, infos, null, shared);
  const variants = new Map<string, Profile>();
  for (const info of infos) {
    const tree = merged.get(info.name);
    if (tree) variants.set(info.name, buildProfile(tree, file, infos, info, shared));
  }
  const idEntry = root.entries.get('id');
  return {
    profile: { file, id: stringOf(idEntry?.value) ?? '', idPos: idEntry?.value.pos ?? root.pos, base, variants },
    findings: withSuggestions(findings, undefined, options.work),
  };
}

/** Mappings of a profile whose entries are ids a variant may override or delete. */
const ENTRY_MAPS = ['parties', 'keys', 'data', 'kinds'];

/**
 * What a variant deletes or changes must exist in the base: a `null` for a
 * field or entry the base does not have deletes nothing (a typo, and the
 * answer silently wrong), so it is an error with "did you mean". An entry the
 * base does not have is an addition, allowed; but where it is incomplete and
 * a near id exists in the base, it is reported as an override of that id.
 * `typos` are the paths of such entries, whose missing fields go unreported.
 * Telling a typo needs the nearest id at once, so those lookups share one
 * budget for the file (`near`): past it, an incomplete entry is reported
 * for its missing fields.
 */
function checkOverrides(base: YMap, variant: YMap, file: string, near: Suggester): { findings: Finding[]; typos: Set<string> } {
  const findings: Finding[] = [];
  const typos = new Set<string>();
  const walk = (over: YMap, under: YNode | undefined, path: string, entries: boolean) => {
    const have = under?.type === 'map' ? [...under.entries.keys()] : [];
    for (const [key, { keyPos, value }] of over.entries) {
      const at = path === '' ? key : `${path}.${key}`;
      const existing = under?.type === 'map' ? under.entries.get(key) : undefined;
      if (existing) {
        if (value.type === 'map') walk(value, existing.value, at, path === '' && ENTRY_MAPS.includes(key));
        continue;
      }
      const args = { id: key, where: path || 'the profile' };
      if (isNull(value)) findings.push(suggesting(finding('unknown-override', file, keyPos, at, { ...args, action: 'delete' }), key, have, 'action'));
      else if (entries && value.type === 'map' && missesRequired(path, value)) {
        const suggestion = near.nearest(key, have);
        if (!suggestion) continue;
        findings.push(finding('unknown-override', file, keyPos, at, { ...args, suggestion, action: 'override' }));
        typos.add(at);
      }
    }
  };
  const overrides: YMap = { ...variant, entries: new Map([...variant.entries].filter(([k]) => !VARIANT_OWN_FIELDS.has(k))) };
  walk(overrides, base, '', false);
  return { findings, typos };
}

/** Whether a new entry of `parties`, `keys` or `data` lacks a field the profile requires of it. */
function missesRequired(map: string, entry: YMap): boolean {
  const required = REQUIRED[map] ?? [];
  return required.some((f) => !entry.entries.has(f));
}
const REQUIRED: Record<string, string[]> = { parties: ['kind'], keys: ['held_by'], data: ['kind', 'seen_by'], kinds: ['like'] };

/**
 * Variants times YAML nodes in the profile that one file may ask to check:
 * each variant is checked merged onto the whole profile, about a
 * microsecond a node, so this is a twentieth of a second on top of reading
 * a file at the node limit: a hundred-node profile may have 500 variants,
 * one at the node limit five. The catalog's largest is 4 variants of 452
 * nodes (1,808).
 */
export const VARIANT_BUDGET = 50_000;

function countNodes(node: YNode): number {
  if (node.type === 'scalar') return 1;
  let n = 1;
  if (node.type === 'seq') for (const item of node.items) n += countNodes(item);
  else for (const entry of node.entries.values()) n += countNodes(entry.value);
  return n;
}

/** The same problem at the same place, whether found in the base or in a variant merged onto it. */
/** Whether a variant deletes anything (a null anywhere in what it overrides). */
function deletes(variant: YMap): boolean {
  const has = (node: YNode): boolean =>
    node.type === 'map' ? [...node.entries.values()].some((e) => has(e.value)) : node.type === 'seq' ? node.items.some(has) : isNull(node);
  return [...variant.entries].some(([key, entry]) => !VARIANT_OWN_FIELDS.has(key) && has(entry.value));
}

/** Every node of a tree. */
function collect(node: YNode, into: Set<YNode>): void {
  into.add(node);
  if (node.type === 'map') for (const entry of node.entries.values()) collect(entry.value, into);
  else if (node.type === 'seq') for (const item of node.items) collect(item, into);
}

const key = (f: Finding) => `${f.code}\u0000${f.line}:${f.col}`;

function within(f: Finding, node: YNode): boolean {
  const after = (a: { line: number; col: number }, b: { line: number; col: number }) => a.line > b.line || (a.line === b.line && a.col >= b.col);
  return after(f, node.pos) && after(node.end, f);
}

/** Profiles among the catalog and `--profiles` folders must not share an id. */
export function findDuplicateIds(profiles: readonly LoadedProfile[]): Finding[] {
  return findDuplicates(profiles.map((p) => ({ id: p.id, file: p.file, pos: p.idPos })));
}


