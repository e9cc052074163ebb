/**
 * The words every human-readable format uses for an answer, so the table,
 * the report and the Markdown say the same thing.
 */
import type { AuthorityAnswer, KindAnswer, PartyRef, StanceRef, WhyNot } from '../engine/answer-types.js';
import type { Profile } from '../model/profile.js';

/**
 * Characters that show as nothing, or change how what follows is shown:
 * format characters (bidirectional overrides and marks, zero-width spaces
 * and joiners, the byte order mark, soft hyphens, tag characters), line and
 * paragraph separators, and the Hangul fillers. A regular expression class,
 * for the formats that each neutralise them in their own way.
 */
export const INVISIBLE = '\\p{Cf}\\p{Zl}\\p{Zp}\\u115f\\u1160\\u3164\\uffa0';

const UNSAFE = new RegExp(`[\\p{Cc}${INVISIBLE}]`, 'gu');

/**
 * Control characters (so every ANSI escape) and invisible characters from a
 * profile, a policy or a file name, shown as visible escapes so they can
 * neither steer a terminal or a log nor hide in it: ESC becomes `\x1b`, a
 * zero-width space `\u{200b}`.
 */
export function visible(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** `visible`, line by line: for messages of several lines, such as commander's. */
export const visibleLines = (text: string): string => text.split('\n').map(visible).join('\n');

export const parties = (refs: readonly PartyRef[]): string => refs.map((r) => r.party).join(', ');
const group = (set: readonly PartyRef[]): string => set.map((r) => r.party).join(' + ');

/** "via enterprise", "via blackberry, or via carrier", "and 12 more". */
export function waysIn(sets: readonly (readonly PartyRef[])[], total: number | null): string {
  const shown = sets.map(group).join(', or ');
  const more = total === null ? ' (and more: counting stopped)' : total > sets.length ? ` (and ${total - sets.length} more)` : '';
  return shown + more;
}

export function verdict(kind: KindAnswer): string {
  const a = kind.authority;
  if (!kind.modelled) return 'not modelled';
  if (!a.canRead) return 'not readable';
  if (a.via.length === 1 && a.via[0]!.length === 0) return 'readable: needs no one';
  return `readable via ${waysIn(a.via, a.viaTotal)}`;
}

export function sealed(w: WhyNot): string {
  const keys = w.missing.map((m) => `${m.key} (${m.holders.length > 0 ? `held by ${parties(m.holders)}` : 'held by no one'})`);
  return `${w.form} sealed: needs ${keys.join(' and ')}`;
}

/** Where the authority cannot read: who else would have to comply, or that only users can. */
export function beyondReach(a: AuthorityAnswer): string | null {
  if (a.canRead) return null;
  if (a.remaining.length === 0) return 'only users hold the way in';
  return `beyond reach: ${waysIn(a.remaining, a.remainingTotal)}`;
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
