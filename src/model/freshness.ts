/**
 * How old a profile's facts are on a given day. A service still running
 * whose `as_of` is more than two years before that day is stale: a reader
 * should check its facts before relying on them. A discontinued service is
 * historical, never stale: its facts describe it as it ran.
 *
 * The day is a value handed in (the command line takes it from
 * SOURCE_DATE_EPOCH, or else the clock): nothing here reads the clock, so
 * generated documents and tests pin it and never break on the calendar.
 */
import type { Profile } from './profile.js';
import type { Status } from './vocabulary.js';

/** Facts older than this many calendar years, for a service still running, are stale. */
export const STALE_AFTER_YEARS = 2;

/** The age of a profile's facts, as an answer and a listing give it (JSON: `freshness`). */
export interface Freshness {
  /** The day the age is measured on, YYYY-MM-DD (today, or SOURCE_DATE_EPOCH); null where none was given. */
  measuredOn: string | null;
  /** Whole days from `as_of` to `measuredOn`; negative where `as_of` is later; null without both dates. */
  ageDays: number | null;
  /** `as_of` is more than two calendar years before `measuredOn`, and the service still runs. */
  stale: boolean;
  status: Status;
  discontinuedOn: string | null;
  /** Why the status is what it is (`status_note`); set where the status is unconfirmed. */
  statusNote: string | null;
}

const DAY = 24 * 60 * 60 * 1000;

/** The latest time a YYYY-MM-DD day can name: the last millisecond of 9999-12-31. */
export const LAST_DAY_MS = 253_402_300_799_999;

/**
 * The UTC day of a time (ms since 1970, 0 to LAST_DAY_MS) as YYYY-MM-DD,
 * worked out from the count of days (H. Hinnant's civil_from_days) rather
 * than by a Date: a process's first Date object costs it a third of a
 * millisecond of time-zone detection, which a run that only wants today's
 * date need not pay.
 */
export function isoDay(ms: number): string {
  const z = Math.floor(ms / DAY) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whole days from one YYYY-MM-DD date to another. */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

/** The same day `years` later, as text: 2024-02-29 plus 2 is 2026-02-29, which still sorts between 02-28 and 03-01. */
const yearsLater = (date: string, years: number) => `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;

export function freshness(profile: Pick<Profile, 'asOf' | 'status' | 'discontinuedOn' | 'statusNote'>, measuredOn: string | null): Freshness {
  const { asOf, status, discontinuedOn, statusNote } = profile;
  const dated = asOf !== null && measuredOn !== null;
  return {
    measuredOn,
    ageDays: dated ? daysBetween(asOf, measuredOn) : null,
    stale: dated && status !== 'discontinued' && yearsLater(asOf, STALE_AFTER_YEARS) < measuredOn,
    status,
    discontinuedOn,
    statusNote,
  };
}

/**
 * Whole calendar months from one date to another, for people: 0 for a day
 * before `from` (an `as_of` later than the day measured).
 */
export function monthsBetween(from: string, to: string): number {
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(to.slice(5, 7)) - Number(from.slice(5, 7)));
  return Math.max(0, Number(to.slice(8, 10)) < Number(from.slice(8, 10)) ? months - 1 : months);
}
