/**
 * The machine-readable answer, MODEL.md section 5. Field names are a public
 * interface (output format version 1): a change to one bumps
 * `schemaVersion`; new fields may be added.
 */
import type { PartyKind, Place, Position } from '../model/vocabulary.js';

export const SCHEMA_VERSION = 1;

/** A party named in an answer, with its kind. */
export interface PartyRef {
  party: string;
  kind: PartyKind;
}

/**
 * A form of the data that stays sealed when the compelled parties who have
 * it hand it over: the authority, with its own keys and theirs, cannot open it.
 */
export interface WhyNot {
  form: string;
  place: Place | null;
  /** Each key the authority lacks, with every party that knows it by design. */
  missing: { key: string; holders: PartyRef[] }[];
}

/** A party's stated policy for the answer's scenario, shown beside the answer. */
export interface StanceRef {
  party: string;
  kind: PartyKind;
  position: Position;
  sources: string[];
}

/** What the authority could read if every compelled party complied. */
export interface AuthorityAnswer {
  /** Whether the authority can read at least one form of the kind. */
  canRead: boolean;
  /** Every minimal set of compelled parties whose compliance is enough; `[[]]`: no one needed; `[]`: cannot read. */
  via: PartyRef[][];
  /** How many minimal sets exist; null where counting was cut off. `via` lists at most the cap. */
  viaTotal: number | null;
  /** true where every minimal set of a size is listed before any larger one; false where the search was cut off before that was proven. */
  viaExact: boolean;
  /** Each form some compelled party has that stays sealed when handed over, whatever `canRead` is, and the keys missing. */
  whyNot: WhyNot[];
  /** Where it cannot read: minimal sets of parties outside the scenario's reach whose compliance would be enough. */
  remaining: PartyRef[][];
  /** How many minimal `remaining` sets exist; null where counting was cut off. */
  remainingTotal: number | null;
  /** As `viaExact`, for `remaining`. */
  remainingExact: boolean;
  /** The forms of the kind the authority can read. */
  readable: { form: string; place: Place | null }[];
}

/** The answer for one data kind. */
export interface KindAnswer {
  kind: string;
  /** false where the profile has no form of this kind: nothing is readable. */
  modelled: boolean;
  /** Parties that can read at least one form of the kind, each on its own. */
  byDesign: PartyRef[];
  authority: AuthorityAnswer;
  stances: StanceRef[];
  /** Source ids cited by the forms, keys and parties the verdict rests on. */
  sources: string[];
  /** Claims the verdict rests on that no source confirms: `party:<id>`, `key:<id>`, `form:<id>`, `variant:<name>`. */
  unverified: string[];
}

/** One service (or variant) under one scenario. */
export interface Answer {
  service: string;
  variant: string | null;
  /** The path as given, for a service named by a file path; otherwise null. */
  file: string | null;
  scenario: string;
  asOf: string | null;
  data: KindAnswer[];
}

/** What `ask` and `compare` print with `--format json`. */
export interface AnswersDocument {
  schemaVersion: typeof SCHEMA_VERSION;
  answers: Answer[];
}
