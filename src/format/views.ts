/**
 * What each command hands its formatter: the answers and the facts a person
 * needs to read them (names, dates, sources). Formatters are pure functions
 * of these views.
 */
import type { Paint } from './layout.js';
import type { Answer } from '../engine/answer-types.js';
import type { Diff } from '../engine/diff.js';
import type { PolicyFinding, Subject } from '../engine/policy.js';
import type { Finding } from '../model/finding.js';
import type { Policy } from '../model/policy.js';
import type { Profile } from '../model/profile.js';
import type { Citation } from '../model/provenance.js';
import type { Jurisdiction, Order } from '../model/vocabulary.js';
import type { RuleSeverity } from '../model/severity.js';

export interface ServiceView {
  /** How the service was named: `imessage@adp`, or its file as `file` names it. */
  label: string;
  /** The profile with its variant applied. */
  profile: Profile;
  /** For a service named by path, the path as given (one given absolute inside the working folder: its path from there). */
  file: string | null;
  /** One answer per order, in order. */
  answers: Answer[];
}

export interface AnswersView {
  services: ServiceView[];
  /** The orders answered, in order. */
  orders: Order[];
  /** The jurisdictions known to the run, for instruments' names and sources. */
  jurisdictions: Jurisdiction[];
  /** Today, YYYY-MM-DD, for the age of a profile's facts. */
  today?: string;
}

/**
 * The same answers, each service's worked out only when a streaming format
 * reaches it, so a run over ten thousand profiles never holds every answer
 * (or one string of all of them) at once.
 */
export interface AnswersStream {
  services: Iterable<ServiceView>;
  orders: Order[];
  jurisdictions: Jurisdiction[];
  today?: string;
}

export interface ListView {
  services: { profile: Profile; origin: 'catalog' | 'profiles' }[];
  /** Today, YYYY-MM-DD, for the age of each profile's facts. */
  today?: string;
}

/** What `sources` hands its formatters: each service named, with every source it cites and the claims citing each. */
export interface SourcesView {
  services: {
    /** How the service was named: `whatsapp`, `whatsapp@e2ee-backup`, or a path. */
    label: string;
    /** The profile (with its variant applied, if one was named): its id, `name` and dates. */
    profile: Profile;
    sources: Citation[];
  }[];
}

export interface OrdersView {
  orders: Order[];
  /** The jurisdictions the orders belong to, for their names and sources. */
  jurisdictions: Jurisdiction[];
}

export interface ShowView {
  label: string;
  profile: Profile;
  file: string | null;
  orders: Order[];
}

export interface ValidatedFile {
  file: string;
  type: 'profile' | 'orders' | 'jurisdiction' | 'policy';
  /** The profile's id, where the file got far enough to have one. */
  id: string | null;
  findings: Finding[];
}

export interface ValidateView {
  files: ValidatedFile[];
}

/** What `check` hands its formatters: the policy, what was checked, and every finding. */
export interface CheckView {
  /** keyholder itself: its name, version, and where to read about it. */
  tool: { name: string; version: string; informationUri: string };
  policy: Policy;
  /** The services checked, in order: as named, who each is (`subjectOf`), and its profile, for the names of its parties and forms. */
  services: (Required<Subject> & { label: string; profile: Profile })[];
  /** In file and line order, then rule order. */
  findings: PolicyFinding[];
  /** The least severity that fails the run. */
  failOn: RuleSeverity;
}

/** What `diff` hands its formatters: the two sides as named, and what changes from the first to the second. */
export interface DiffView {
  from: { label: string; profile: Profile; file: string | null };
  to: { label: string; profile: Profile; file: string | null };
  orders: Order[];
  diff: Diff;
}

export interface RenderOptions {
  /** Colour and emphasis for a terminal. */
  color: boolean;
  /** Columns the table must fit in. */
  width: number;
  /** How to colour a line, where colour is on (paint.ts); plain otherwise. */
  paint?: Paint;
  /** The JSON document version to print: 2 (default), or 1 with `--schema-version 1`. */
  schemaVersion?: 1 | 2;
}
