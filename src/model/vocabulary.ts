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
/** A jurisdiction: two lower-case letters (ISO 3166-1 alpha-2, or uk, eu). */
export const JURISDICTION_PATTERN = '^[a-z]{2}$';
/** Text must hold more than white space. */
export const TEXT_PATTERN = '\\S';

export const PARTY_KINDS = ['user', 'customer', 'provider', 'network', 'host', 'authority', 'public'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const PLACES = ['device', 'transit', 'server', 'backup'] as const;
export type Place = (typeof PLACES)[number];

export const POSITIONS = ['comply', 'partial', 'refuse'] as const;
export type Position = (typeof POSITIONS)[number];

/**
 * Whether the service still runs: `unconfirmed` where no source read says
 * whether it still runs or when it ended (`status_note` says what is known).
 */
export const STATUSES = ['active', 'discontinued', 'unconfirmed'] as const;
export type Status = (typeof STATUSES)[number];

/**
 * The standard data kinds, in answer order; every answer gives these three.
 * `subscriber` is basic subscriber information in the sense of US law
 * (18 U.S.C. 2703(c)(2)). A profile may add kinds, each counting as one of
 * these for orders (`kinds: { call-media: { like: content } }`).
 */
export const STANDARD_KINDS = ['content', 'metadata', 'subscriber'] as const;
export type StandardKind = (typeof STANDARD_KINDS)[number];

/** Whether a form is a record that exists now, or seen only in passing and not kept. */
export const RETENTIONS = ['stored', 'passing'] as const;
export type Retention = (typeof RETENTIONS)[number];

/** What an order reaches: records already kept, what passes from the order on, or a capability to be built. */
export const REACHES = ['records', 'live', 'build'] as const;
export type Reach = (typeof REACHES)[number];

/** Whom an order covers: one named account, or every account at once. */
export const SCOPES = ['account', 'bulk'] as const;
export type Scope = (typeof SCOPES)[number];

/** What an order to build access may demand (MODEL.md section 6). */
export const BUILD_ACTIONS = ['ghost-key', 'code', 'withdraw'] as const;
export type BuildAction = (typeof BUILD_ACTIONS)[number];

/** `detected_by: [nobody]`: no one could notice. */
export const NOBODY = 'nobody';

/** What a policy rule forbids. */
export const FORBIDS = ['authority-reads', 'party-reads', 'unverified', 'build-reads', 'undetected-build'] as const;
export type Forbid = (typeof FORBIDS)[number];

/** The `order` of a rule about who reads by design, with no one compelled. */
export const BY_DESIGN = 'by-design';

/** Parties of these kinds are the authority's own or anyone's: never compelled. */
export const NEVER_COMPELLED: ReadonlySet<PartyKind> = new Set(['authority', 'public']);

/**
 * An order (MODEL.md section 3): which kinds of party an authority can
 * compel, over which kinds of data, reaching what. The built-in orders live
 * in `data/scenarios.yaml`, a user's own in `--scenarios` files, and the
 * instruments of real jurisdictions in `data/jurisdictions/<id>.yaml`.
 */
export interface Order {
  id: string;
  name: string;
  /** account or bulk; null for a v1 scenario whose scope is free text (it inherits no stance). */
  scope: Scope | null;
  /** Kinds of party the authority can compel, in the order written. */
  compels: PartyKind[];
  /** records, live, both, or build; never empty. */
  reaches: Reach[];
  /** The data kinds it covers; null: every kind. */
  data: string[] | null;
  /** With `reaches: [build]`: what it may demand. */
  allows: BuildAction[];
  /** The jurisdiction whose instrument it is; null for a built-in order or a user's own. */
  jurisdiction: string | null;
  statute: string | null;
  inForce: string | null;
  lapsed: string | null;
  /** Courts have not settled it; `note` says what is contested. */
  contested: boolean;
  note: string | null;
  description: string | null;
  /** Source ids, of the jurisdiction file's sources. */
  sources: string[];
  verified: boolean;
  /** One of the built-in orders of data/scenarios.yaml. */
  builtIn: boolean;
  file: string;
  pos: { line: number; col: number };
}

/** A jurisdiction file: its instruments and the sources they cite. */
export interface Jurisdiction {
  id: string;
  name: string;
  note: string | null;
  verified: boolean;
  sources: import('./profile.js').Source[];
  instruments: Order[];
  file: string;
  pos: { line: number; col: number };
}
