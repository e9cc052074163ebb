/**
 * The words every human-readable format uses for an answer, so the table,
 * the report and the Markdown say the same thing.
 */
import type { AuthorityAnswer, KindAnswer, PartyRef, StanceRef, WhyNot } from '../engine/answer-types.js';
import type { Profile } from '../model/profile.js';

/**
 * Control characters (so every ANSI escape), bidirectional overrides and
 * line separators from a profile, shown as visible escapes so they cannot
 * steer a terminal or a log: ESC becomes `\x1b`.
 */
export function visible(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => {
      const code = c.codePointAt(0)!;
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
    },
  );
}

/** `visible`, line by line: for messages of several lines, such as commander's. */
export const visibleLines = (text: string): string => text.split('\n').map(visible).join('\n');

export const parties = (refs: readonly PartyRef[]): string => refs.map((r) => r.party).join(', ');
const group = (set: readonly PartyRef[]): string => set.map((r) => r.party).join(' + ');

/** "via enterprise", "via blackberry, or via carrier", "and 12 more"; where the smallest were not proven, says so. */
export function waysIn(sets: readonly (readonly PartyRef[])[], total: number | null, exact = true): string {
  const shown = sets.map(group).join(', or ');
  const more = total === null ? ' (and more: counting stopped)' : total > sets.length ? ` (and ${total - sets.length} more)` : '';
  return shown + more + (exact ? '' : ' (smaller ways may exist: the search was cut off)');
}

export function verdict(kind: KindAnswer): string {
  const a = kind.authority;
  if (!kind.modelled) return 'not modelled';
  if (!a.canRead) return 'not readable';
  if (a.via.length === 1 && a.via[0]!.length === 0) return 'readable: needs no one';
  return `readable via ${waysIn(a.via, a.viaTotal, a.viaExact)}`;
}

export function sealed(w: WhyNot): string {
  const keys = w.missing.map((m) => `${m.key} (${m.holders.length > 0 ? `held by ${parties(m.holders)}` : 'held by no one'})`);
  return `${w.form} sealed: needs ${keys.join(' and ')}`;
}

/** Where the authority cannot read: who else would have to comply, or that only users can. */
export function beyondReach(a: AuthorityAnswer): string | null {
  if (a.canRead) return null;
  if (a.remaining.length === 0) return 'only users hold the way in';
  return `beyond reach: ${waysIn(a.remaining, a.remainingTotal, a.remainingExact)}`;
}

const POSITION: Record<StanceRef['position'], string> = {
  comply: 'complies',
  partial: 'complies in part',
  refuse: 'refuses',
};
export const stance = (s: StanceRef): string => `${s.party} ${POSITION[s.position]}`;

export function readableForms(a: AuthorityAnswer): string | null {
  return a.readable.length > 0 ? `reads ${a.readable.map((r) => r.form).join(', ')}` : null;
}

/** A service's state worth a reader's attention beside its name. */
export function statusNote(profile: Profile): string | null {
  if (profile.status !== 'discontinued') return null;
  return profile.discontinuedOn ? `discontinued ${profile.discontinuedOn}` : 'discontinued';
}
