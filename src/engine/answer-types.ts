/**
 * The machine-readable answer, MODEL.md section 5. Field names are a public
 * interface (output format version 2): a change to one bumps
 * `schemaVersion`; new fields may be added. `--schema-version 1` prints the
 * version 1 shape for one minor release (`v1.ts`).
 */
import type { Freshness } from '../model/freshness.js';
import type { BuildAction, PartyKind, Place, Position, Scope } from '../model/vocabulary.js';

export type { Freshness };

export const SCHEMA_VERSION = 2;

/** A party named in an answer, with its kind. */
export interface PartyRef {
  party: string;
  kind: PartyKind;
  /** In a conversation, the participant (1-based) whose copy of a per-participant party this is. */
  participant?: number;
}

/** A form of the data named in an answer, with where it lives. */
export interface FormRef {
  form: string;
  place: Place | null;
  /** In a conversation, the participant whose copy of a per-participant form this is. */
  participant?: number;
}

/**
 * A form of the data that stays sealed when the compelled parties who have
 * it hand it over: the authority, with its own keys and theirs, cannot open it.
 */
export interface WhyNot extends FormRef {
  /** Each key the authority lacks (in a conversation, with the participant whose copy it is), with every party that knows it by design. */
  missing: { key: string; participant?: number; holders: PartyRef[] }[];
}

/** A party's stated policy for the answer's order, shown beside the answer, never folded into it. */
export interface StanceRef extends PartyRef {
  /** The order the answer is for. */
  order: string;
  /** The built-in order whose stance this is, where the party states none for `order`; else null. */
  inheritedFrom: string | null;
  position: Position;
  /** The profile's note on the stance (for an inherited one, the note of the stance inherited); null where it has none. */
  note: string | null;
  sources: string[];
}

/** A minimal set of compelled parties whose compliance is enough, with what it yields. */
export interface Way {
  parties: PartyRef[];
  /** Every form of the kind the authority reads with this set complying (and what it starts with). */
  reads: FormRef[];
  /** The stances of this set's parties. */
  stances: StanceRef[];
}

/** A form the authority reads with every compelled party complying, with its own minimal sets. */
export interface ReadableForm extends FormRef {
  /** Every minimal set of compelled parties whose compliance opens this form: at most 50, by size. */
  via: PartyRef[][];
  /** How many such sets exist; null where counting was cut off. */
  viaTotal: number | null;
  /** As `waysExact`, for `via`. */
  viaExact: boolean;
}

/** Why a form that a compelled party sees is not handed over. */
export type UnreachedWhy = 'kind' | 'retention';

export interface Unreached extends FormRef {
  /** `kind`: the order does not cover the kind; `retention`: a passing form under a records-only order, or a stored one under a live-only order. */
  why: UnreachedWhy;
  /** Whether the form is kept (stored) or only passes (passing). */
  retention: 'stored' | 'passing';
}

/** Why a party is beyond the order's reach. */
export type Beyond = 'kind' | 'jurisdiction';

export interface RemainingParty extends PartyRef {
  beyond: Beyond[];
  /** Where it answers to orders; empty: local to every order. */
  jurisdictions: string[];
}

/** A minimal set of parties beyond reach whose compliance, with the compelled parties', would be enough. */
export interface Remaining {
  parties: RemainingParty[];
  reads: FormRef[];
}

/**
 * Where the authority cannot read, what is left: `beyond-reach` (parties
 * beyond the order would be enough), `another-order` (the same compelled
 * parties under an order reaching records and live and every kind would
 * read it), `ban` (only the users hold the way in); null where it can read.
 */
export type LastResort = 'ban' | 'another-order' | 'beyond-reach' | null;

/** An authority that reads nothing of a kind: nothing handed over, nothing left beyond reach. */
export function nothingRead(unreached: Unreached[] = [], lastResort: LastResort = null): AuthorityAnswer {
  return {
    canRead: false,
    ways: [],
    waysTotal: 0,
    waysExact: true,
    readable: [],
    whyNot: [],
    unreached,
    remaining: [],
    remainingTotal: 0,
    remainingExact: true,
    lastResort,
  };
}

/** What the authority could read if every compelled party complied. */
export interface AuthorityAnswer {
  /** Whether the authority can read at least one form of the kind. */
  canRead: boolean;
  /** Every minimal set of compelled parties whose compliance is enough, with what each yields: `[{parties: []}]` needs no one; `[]` cannot read. At most 50. */
  ways: Way[];
  /** How many minimal sets exist; null where counting was cut off. */
  waysTotal: number | null;
  /** true where every minimal set of a size is listed before any larger one; false where the search was cut off before that was proven. */
  waysExact: boolean;
  /** Every form of the kind read with all compelled parties complying, each with its own minimal sets. */
  readable: ReadableForm[];
  /** Each form some compelled party hands over that stays sealed, whatever `canRead` is, and the keys missing. */
  whyNot: WhyNot[];
  /** Forms of the kind that compelled parties see but the order does not reach. */
  unreached: Unreached[];
  /** Where it cannot read: minimal sets of parties beyond reach whose compliance would be enough. */
  remaining: Remaining[];
  remainingTotal: number | null;
  remainingExact: boolean;
  lastResort: LastResort;
  /**
   * Where `lastResort` is `beyond-reach` and `remaining` lists no group (the
   * order would not reach the form even from parties beyond it, or does not
   * cover the kind): each party beyond reach that, handing over everything
   * it has, would with the compelled parties be enough. Empty where only
   * several together would be; absent everywhere else.
   */
  holdersBeyond?: RemainingParty[];
}

/**
 * Under an order to build access (MODEL.md section 6): what one compelled
 * party could be made to build with what it controls, and what it could then
 * read of the kind.
 */
export interface Build extends PartyRef {
  /** ghost-key: add a key to a directory it runs; code: ship changed software to a party; withdraw: turn a setting off. */
  action: BuildAction;
  /** The key of the directory, the party whose software changes, or the setting (variant) withdrawn. */
  target: string;
  /** In a conversation: the participant whose key, party or setting the target is (absent for a shared one). */
  targetParticipant?: number;
  /** One named account or every account: the order's scope. */
  scope: Scope | null;
  /** Every form of the kind the party could then read. */
  reads: FormRef[];
  /** Of those, the forms it could not read by design: what the build yields. */
  newly: FormRef[];
  /** Parties or kinds of party who could notice, or ['nobody']; null: no source says (listed as unverified). */
  detectedBy: string[] | null;
  /** The profile's note on the control fact the build rests on (the key's `directory`, the party's `code_from`, the variant's `withdrawable_by`): how the party could do it, and who could notice it and how; null where it has none. */
  note: string | null;
  /** The party's stance for the order, stated or inherited from build-order. */
  stances: StanceRef[];
}

/** A build, as a diff or a policy finding names it: who, what, its target, who could notice. */
export interface BuildRef extends PartyRef {
  action: Build['action'];
  target: string;
  targetParticipant?: number;
  detectedBy: string[] | null;
}

export const buildRef = ({ party, kind, participant, action, target, targetParticipant, detectedBy }: Build): BuildRef => ({
  party,
  kind,
  ...(participant === undefined ? {} : { participant }),
  action,
  target,
  ...(targetParticipant === undefined ? {} : { targetParticipant }),
  detectedBy,
});

/** Whether any build reads content, and whether one that does could go unnoticed. */
export interface BuildSummary {
  readsContent: boolean;
  /** A build that reads content has detectedBy: ['nobody']. */
  undetectedContent: boolean;
  /** A build that reads content has no source saying who could notice. */
  unknownDetection: boolean;
}

/** A build a party beyond the order's reach could make: what the order cannot make it do, and why. */
export interface BeyondBuild extends Build {
  beyond: Beyond[];
  /** Where it answers to orders; empty: local to every order. */
  jurisdictions: string[];
}

/** The answer for one data kind. */
export interface KindAnswer {
  kind: string;
  /** false where the profile has no form of this kind: nothing is readable. */
  modelled: boolean;
  /** false where the order does not cover the kind: nothing is handed over, and `unreached` says what was left. */
  reached: boolean;
  /** Parties that can read at least one form of the kind, each on its own. */
  byDesign: PartyRef[];
  /** What the authority could read if every compelled party complied; null under an order to build access, which hands nothing over. */
  authority: AuthorityAnswer | null;
  /** Under an order to build access: every build that yields something of the kind; absent under any other order. */
  builds?: Build[];
  /** Under an order to build access: builds that parties beyond its reach (another kind, another country) could make; absent under any other order. */
  buildsBeyondReach?: BeyondBuild[];
  /** Every party with a stance for this order, stated or inherited. */
  stances: StanceRef[];
  /** Source ids the verdict rests on; an instrument's as `<jurisdiction>:<id>`. */
  sources: string[];
  /** Claims the verdict rests on that no source confirms: `party:<id>`, `key:<id>`, `form:<id>`, `variant:<name>`, `retention:<form>`, `instrument:<id>`, `jurisdiction:<id>`. */
  unverified: string[];
}

/** One service (or variant, or conversation) under one order. */
export interface Answer {
  service: string;
  variant: string | null;
  /** For a service named by a file path, the path as given (one given absolute inside the working folder: its path from there, with `/`); otherwise null. */
  file: string | null;
  /** For a conversation, its participants in the order given; otherwise null. */
  participants: { service: string; variant: string | null; file: string | null }[] | null;
  /** The order's id. */
  order: string;
  /** The order's jurisdiction; null for a built-in order or a user's own. */
  jurisdiction: string | null;
  asOf: string | null;
  /**
   * How old the facts are on the day measured (today, or SOURCE_DATE_EPOCH):
   * `stale` where `asOf` is over two years old and the service still runs;
   * a discontinued service (`status`, `discontinuedOn`) is historical, never
   * stale. Not in the v1 document.
   */
  freshness: Freshness;
  data: KindAnswer[];
  /** Under an order to build access: whether any build reads content, and unnoticed; null under any other order. */
  build: BuildSummary | null;
}

/** What `ask` and `compare` print with `--format json`. */
export interface AnswersDocument {
  schemaVersion: typeof SCHEMA_VERSION;
  answers: Answer[];
}
