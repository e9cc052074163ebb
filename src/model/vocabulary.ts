/**
 * The model's vocabulary: the kinds, places and positions a profile may
 * name, and what a scenario is. Plain constants, apart from the schema, so
 * the engine and the command line can use them without loading the
 * validator.
 */

/** `[a-z0-9-]+`: every id, variant name and data kind. */
export const ID_PATTERN = '^[a-z0-9-]+$';
export const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
export const PARTIAL_DATE_PATTERN = '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$';
/** Text must hold more than white space. */
export const TEXT_PATTERN = '\\S';

export const PARTY_KINDS = ['user', 'customer', 'provider', 'network', 'host', 'authority', 'public'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const PLACES = ['device', 'transit', 'server', 'backup'] as const;
export type Place = (typeof PLACES)[number];

export const POSITIONS = ['comply', 'partial', 'refuse'] as const;
export type Position = (typeof POSITIONS)[number];

export const STATUSES = ['active', 'discontinued'] as const;
export type Status = (typeof STATUSES)[number];

/** The data kinds every answer gives, in this order; profiles may add others. */
export const STANDARD_KINDS = ['content', 'metadata'] as const;

/** What a policy rule forbids. */
export const FORBIDS = ['authority-reads', 'party-reads', 'unverified'] as const;
export type Forbid = (typeof FORBIDS)[number];

/** The `scenario` of a rule about who reads by design, with no one compelled. */
export const BY_DESIGN = 'by-design';

/** Parties of these kinds are the authority's own or anyone's: never compelled. */
export const NEVER_COMPELLED: ReadonlySet<PartyKind> = new Set(['authority', 'public']);

/** Which kinds of party an authority can compel (MODEL.md section 3). */
export interface Scenario {
  id: string;
  name: string;
  scope: string;
  /** Kinds of party the authority can compel, in the order written. */
  compels: PartyKind[];
  description: string | null;
  file: string;
  pos: { line: number; col: number };
}
