/**
 * A validated service profile, as the engine and the formatters see it:
 * ordered arrays (profile order is display order), camelCase fields, and the
 * position of every entry for findings that point back into the YAML.
 */
import type { Pos } from './finding.js';
import type { PartyKind, Place, Position, Retention, StandardKind, Status } from './vocabulary.js';
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

/**
 * Something a party controls that an order to build access could use
 * (MODEL.md section 6): a key directory, the code another party runs, a
 * setting it can withdraw.
 */
export interface Control extends Provenance {
  party: string;
  /** Party ids or party kinds who could notice, or ['nobody']; null: unknown. */
  detectedBy: string[] | null;
  note: string | null;
  pos: Pos;
}

/**
 * In a conversation (MODEL.md section 7), a per-participant element is
 * copied once for each participant: the copy's `id` is `<of>#<participant>`,
 * unique in the composed profile, and answers name it by `of` and
 * `participant`.
 */
export interface Copy {
  of: string;
  /** 1-based, in the order the participants were given. */
  participant: number;
}

export interface Party extends Provenance {
  id: string;
  kind: PartyKind;
  name: string | null;
  note: string | null;
  /** Where it must answer to orders; empty: local to every order. */
  jurisdictions: string[];
  /** Stated policy by order id. */
  stance: ReadonlyMap<string, Stance>;
  /** The party that ships the software this one runs. */
  codeFrom: Control | null;
  perParticipant: boolean | null;
  /** In a conversation: the participant whose copy this is. */
  copy?: Copy;
  pos: Pos;
}

export interface Key extends Provenance {
  id: string;
  name: string | null;
  heldBy: string[];
  /** stored (default) or passing: a session key never stored is no record. */
  retention: Retention;
  /** The party that hands out its public keys: a key directory. */
  directory: Control | null;
  perParticipant: boolean | null;
  /** In a conversation: the participant whose copy this is. */
  copy?: Copy;
  note: string | null;
  pos: Pos;
}

/** One place the data exists, in one form. */
export interface Form extends Provenance {
  id: string;
  name: string | null;
  kind: string;
  place: Place | null;
  /** stored or passing, as written or by default for its place. */
  retention: Retention;
  /** Whether `retention` is the default for the place rather than written out: a claim no source made. */
  retentionDefaulted: boolean;
  /** For how long it is kept, as written: shown, used in no rule. */
  kept: string | null;
  seenBy: string[];
  encryptedWith: string[];
  containsKeys: string[];
  perParticipant: boolean | null;
  /** In a conversation: the participant whose copy this is. */
  copy?: Copy;
  note: string | null;
  pos: Pos;
}

/** A data kind a profile adds, and the standard kind it counts as for orders. */
export interface KindInfo {
  id: string;
  like: StandardKind;
  name: string | null;
  note: string | null;
  pos: Pos;
}

export interface Source {
  id: string;
  pos: Pos;
  title: string;
  url: string | null;
  /** A real document with no public address (print, a court filing, a letter). */
  offline: boolean;
  /** When it was published, as precisely as known. */
  date: string | null;
  /** When it was read: for undated pages. */
  accessed: string | null;
  publisher: string | null;
  note: string | null;
}

export interface VariantInfo extends Provenance {
  name: string;
  /** The setting as people name it ("Advanced Data Protection"); null: answers name it by `name`. */
  label: string | null;
  summary: string | null;
  /** The party that can turn this setting off. */
  withdrawableBy: Control | null;
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
  /** Why the status is what it is (required with `status: unconfirmed`). */
  statusNote: string | null;
  /** Kinds the profile declares, in the order written. */
  kinds: KindInfo[];
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
  /** A conversation (MODEL.md section 7): its participants in the order given; absent for a service alone. */
  participants?: Participant[];
}

/** One participant of a conversation, as composition takes it. */
export interface Participant {
  /** The participant's profile, its variant applied. */
  profile: Profile;
  /** The same service without the variant: what a withdrawn setting leaves (orders to build access). */
  base: Profile | null;
  /** The file as output names it, for a participant named by path. */
  file: string | null;
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
const flag = (node: YNode | undefined): boolean | null => (node?.type === 'scalar' && typeof node.value === 'boolean' ? node.value : null);

function control(node: YNode | undefined): Control | null {
  if (node?.type !== 'map') return null;
  const detected = field(node, 'detected_by');
  return { party: text(field(node, 'party')) ?? '', detectedBy: detected ? list(detected) : null, note: text(field(node, 'note')), pos: node.pos, ...provenance(node) };
}

/** The retention a place has where none is written: transit passes, everything else is kept. */
export const defaultRetention = (place: Place | null): Retention => (place === 'transit' ? 'passing' : 'stored');

export function variantInfos(root: YMap): VariantInfo[] {
  return entriesOf(field(root, 'variants')).map(([name, { keyPos, value }]) => ({
    name,
    label: text(field(value, 'label')),
    summary: text(field(value, 'summary')),
    withdrawableBy: control(field(value, 'withdrawable_by')),
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
    statusNote: text(field(root, 'status_note')),
    kinds: each(field(root, 'kinds'), (id, { keyPos, value }) => ({
      id,
      like: text(field(value, 'like')) as StandardKind,
      name: text(field(value, 'name')),
      note: text(field(value, 'note')),
      pos: keyPos,
    })),
    parties: each(field(root, 'parties'), (id, { keyPos, value }) => ({
      id,
      kind: text(field(value, 'kind')) as PartyKind,
      name: text(field(value, 'name')),
      note: text(field(value, 'note')),
      jurisdictions: list(field(value, 'jurisdictions')),
      codeFrom: control(field(value, 'code_from')),
      perParticipant: flag(field(value, 'per_participant')),
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
      name: text(field(value, 'name')),
      heldBy: list(field(value, 'held_by')),
      retention: (text(field(value, 'retention')) as Retention | null) ?? 'stored',
      directory: control(field(value, 'directory')),
      perParticipant: flag(field(value, 'per_participant')),
      note: text(field(value, 'note')),
      pos: keyPos,
      ...provenance(value),
    })),
    forms: each(field(root, 'data'), (id, { keyPos, value }) => {
      const place = text(field(value, 'place')) as Place | null;
      const retention = text(field(value, 'retention')) as Retention | null;
      return {
      id,
      name: text(field(value, 'name')),
      kind: text(field(value, 'kind')) ?? '',
      place,
      retention: retention ?? defaultRetention(place),
      retentionDefaulted: retention === null,
      kept: text(field(value, 'kept')),
      perParticipant: flag(field(value, 'per_participant')),
      seenBy: list(field(value, 'seen_by')),
      encryptedWith: list(field(value, 'encrypted_with')),
      containsKeys: list(field(value, 'contains_keys')),
      note: text(field(value, 'note')),
      pos: keyPos,
      ...provenance(value),
      };
    }),
    sources: buildSources(field(root, 'sources'), each),
    variants,
    variant,
    file,
  };
}

/** The `sources` mapping of a profile or a jurisdiction file, in the order written. */
export function buildSources(
  node: YNode | undefined,
  each: <T>(node: YNode | undefined, make: (id: string, entry: YEntry) => T) => T[] = (n, make) => entriesOf(n).map(([id, e]) => make(id, e)),
): Source[] {
  return each(node, (id, { keyPos, value }) => ({
    id,
    pos: keyPos,
    title: text(field(value, 'title')) ?? '',
    url: text(field(value, 'url')),
    offline: flag(field(value, 'offline')) === true,
    date: text(field(value, 'date')),
    accessed: text(field(value, 'accessed')),
    publisher: text(field(value, 'publisher')),
    note: text(field(value, 'note')),
  }));
}
