/**
 * A validated service profile, as the engine and the formatters see it:
 * ordered arrays (profile order is display order), camelCase fields, and the
 * position of every entry for findings that point back into the YAML.
 */
import type { Pos } from './finding.js';
import type { PartyKind, Place, Position, Status } from './vocabulary.js';
import { entriesOf, field, stringOf } from './check.js';
import type { YEntry, YMap, YNode } from './yaml.js';

export interface Provenance {
  /** Source ids cited, in the order written. */
  sources: string[];
  /** false where no source confirms the claim yet. */
  verified: boolean;
}

export interface Stance extends Provenance {
  position: Position;
  note: string | null;
}

export interface Party extends Provenance {
  id: string;
  kind: PartyKind;
  name: string | null;
  note: string | null;
  /** Stated policy by scenario id. */
  stance: ReadonlyMap<string, Stance>;
  pos: Pos;
}

export interface Key extends Provenance {
  id: string;
  heldBy: string[];
  note: string | null;
  pos: Pos;
}

/** One place the data exists, in one form. */
export interface Form extends Provenance {
  id: string;
  kind: string;
  place: Place | null;
  seenBy: string[];
  encryptedWith: string[];
  containsKeys: string[];
  note: string | null;
  pos: Pos;
}

export interface Source {
  id: string;
  pos: Pos;
  title: string;
  url: string | null;
  /** When it was published, as precisely as known. */
  date: string | null;
  /** When it was read: for undated pages. */
  accessed: string | null;
  publisher: string | null;
  note: string | null;
}

export interface VariantInfo extends Provenance {
  name: string;
  summary: string | null;
  pos: Pos;
}

export interface Profile {
  id: string;
  name: string;
  category: string | null;
  asOf: string | null;
  summary: string | null;
  status: Status;
  discontinuedOn: string | null;
  parties: Party[];
  keys: Key[];
  forms: Form[];
  sources: Source[];
  /** Every variant the profile defines. */
  variants: VariantInfo[];
  /** The variant applied to this profile, or null for the base. */
  variant: VariantInfo | null;
  /** The file it was read from. */
  file: string;
}

const text = (node: YNode | undefined): string | null => stringOf(node) ?? null;
function list(node: YNode | undefined): string[] {
  const out: string[] = [];
  if (node?.type === 'seq') for (const i of node.items) if (i.type === 'scalar' && typeof i.value === 'string') out.push(i.value);
  return out;
}
const provenance = (node: YNode | undefined): Provenance => {
  const verified = field(node, 'verified');
  return { sources: list(field(node, 'sources')), verified: !(verified?.type === 'scalar' && verified.value === false) };
};

export function variantInfos(root: YMap): VariantInfo[] {
  return entriesOf(field(root, 'variants')).map(([name, { keyPos, value }]) => ({
    name,
    summary: text(field(value, 'summary')),
    pos: keyPos,
    ...provenance(value),
  }));
}

/**
 * Builds the typed profile from a tree that has passed every check. Entries
 * a variant leaves as they are are the same tree objects as the base's, and
 * with `shared` they become the same profile objects too.
 */
export function buildProfile(root: YMap, file: string, variants: VariantInfo[], variant: VariantInfo | null, shared?: Map<YEntry, unknown>): Profile {
  const each = <T>(node: YNode | undefined, make: (id: string, entry: YEntry) => T): T[] =>
    entriesOf(node).map(([id, entry]) => {
      if (!shared) return make(id, entry);
      let built = shared.get(entry) as T | undefined;
      if (built === undefined) shared.set(entry, (built = make(id, entry)));
      return built;
    });
  return {
    id: text(field(root, 'id')) ?? '',
    name: text(field(root, 'name')) ?? '',
    category: text(field(root, 'category')),
    asOf: text(field(root, 'as_of')),
    summary: text(field(root, 'summary')),
    status: (text(field(root, 'status')) as Status | null) ?? 'active',
    discontinuedOn: text(field(root, 'discontinued_on')),
    parties: each(field(root, 'parties'), (id, { keyPos, value }) => ({
      id,
      kind: text(field(value, 'kind')) as PartyKind,
      name: text(field(value, 'name')),
      note: text(field(value, 'note')),
      stance: new Map(
        entriesOf(field(value, 'stance')).map(([scenario, { value: s }]) => [
          scenario,
          { position: text(field(s, 'position')) as Position, note: text(field(s, 'note')), ...provenance(s) },
        ]),
      ),
      pos: keyPos,
      ...provenance(value),
    })),
    keys: each(field(root, 'keys'), (id, { keyPos, value }) => ({
      id,
      heldBy: list(field(value, 'held_by')),
      note: text(field(value, 'note')),
      pos: keyPos,
      ...provenance(value),
    })),
    forms: each(field(root, 'data'), (id, { keyPos, value }) => ({
      id,
      kind: text(field(value, 'kind')) ?? '',
      place: text(field(value, 'place')) as Place | null,
      seenBy: list(field(value, 'seen_by')),
      encryptedWith: list(field(value, 'encrypted_with')),
      containsKeys: list(field(value, 'contains_keys')),
      note: text(field(value, 'note')),
      pos: keyPos,
      ...provenance(value),
    })),
    sources: each(field(root, 'sources'), (id, { keyPos, value }) => ({
      id,
      pos: keyPos,
      title: text(field(value, 'title')) ?? '',
      url: text(field(value, 'url')),
      date: text(field(value, 'date')),
      accessed: text(field(value, 'accessed')),
      publisher: text(field(value, 'publisher')),
      note: text(field(value, 'note')),
    })),
    variants,
    variant,
    file,
  };
}
