/** The words the human-readable diff formats use, so the table and the Markdown say the same. */
import type { PartyRef } from '../../engine/answer-types.js';
import type { Change } from '../../engine/diff.js';
import type { Position } from '../../model/vocabulary.js';
import { formList, namer, type Namer } from '../text.js';
import type { DiffView } from '../views.js';

export interface ChangeLine {
  text: string;
  regression: boolean;
}

const members = (set: readonly PartyRef[], n: Namer) => set.map((r) => n.party(r)).join(' + ');
const group = (set: readonly PartyRef[], n: Namer) => (set.length === 0 ? 'needs no one' : `via ${members(set, n)}`);
const POSITION: Record<Position, string> = { comply: 'complies', partial: 'complies in part', refuse: 'refuses' };
const RESORT: Record<string, string> = {
  'beyond-reach': 'parties beyond reach would be enough',
  'another-order': 'another order would reach it',
  ban: 'only the users hold the way in',
};
const resort = (r: string | null) => (r === null ? 'readable' : (RESORT[r] ?? r));

/**
 * The lines of one change: `+` what the second profile adds, `-` what it
 * drops. What is added is named as the second profile names it; what is
 * dropped, as the first did.
 */
export function changeLines(c: Change, view: Pick<DiffView, 'from' | 'to'>): ChangeLine[] {
  const [was, now] = [namer(view.from.profile), namer(view.to.profile)];
  const line = (text: string, regression = false): ChangeLine => ({ text, regression });
  switch (c.field) {
    case 'byDesign':
      return [
        ...c.added.map((r) => line(`+ ${now.party(r)} (${r.kind}) reads it`, true)),
        ...c.removed.map((r) => line(`- ${was.party(r)} (${r.kind}) reads it`)),
      ];
    case 'canRead':
      return [line(c.to ? 'not readable -> readable' : 'readable -> not readable', c.regression)];
    case 'ways':
      return [...c.added.map((set) => line(`+ ${group(set, now)}`, c.easier.includes(set))), ...c.removed.map((set) => line(`- ${group(set, was)}`))];
    case 'yields':
      return [
        ...(c.added.length > 0 ? [line(`+ ${group(c.parties, now)} now yields ${formList(c.added, now)}`, c.newly.length > 0)] : []),
        ...(c.removed.length > 0 ? [line(`- ${group(c.parties, was)} no longer yields ${formList(c.removed, was)}`)] : []),
      ];
    case 'remaining':
      return [
        ...c.added.map((set) => line(`+ beyond reach: ${members(set, now)}`)),
        ...c.removed.map((set) => line(`- beyond reach: ${members(set, was)}`)),
      ];
    case 'readable':
      return [
        ...(c.added.length > 0 ? [line(`+ reads ${formList(c.added, now)}`)] : []),
        ...(c.removed.length > 0 ? [line(`- reads ${formList(c.removed, was)}`)] : []),
      ];
    case 'lastResort':
      return [line(`what is left: ${resort(c.from)} -> ${resort(c.to)}`)];
    case 'builds': {
      const b = (x: (typeof c.added)[number], n: Namer) => `${n.party(x)} ${x.action} ${x.target}${x.targetParticipant === undefined ? '' : ` of participant ${x.targetParticipant}`}`;
      return [
        ...c.added.map((x) => line(`+ build: ${b(x, now)}`, true)),
        ...c.removed.map((x) => line(`- build: ${b(x, was)}`)),
        ...c.undetected.map((x) => line(`build ${b(x, now)}: now no one could notice`, true)),
      ];
    }
    case 'stance': {
      const ref = { party: c.party, kind: c.kind, ...(c.participant === undefined ? {} : { participant: c.participant }) };
      const who = c.to ? now.party(ref) : was.party(ref);
      return [line(`${who}: ${c.from ? POSITION[c.from] : 'no stance'} -> ${c.to ? POSITION[c.to] : 'no stance'}`)];
    }
  }
}

/** "imessage -> imessage@adp". */
export const title = (view: DiffView): string => `${view.from.label} -> ${view.to.label}`;

/** The verdict line: how many changes, and whether any is a regression. */
export function verdictLine(view: DiffView): string {
  const { changes } = view.diff;
  if (changes.length === 0) return 'No changes in the answers.';
  const n = changes.length;
  const r = changes.filter((c) => c.regression).length;
  const counted = `${n} change${n === 1 ? '' : 's'}`;
  return r === 0
    ? `${counted}, no regression: no party and no authority gains a way to read.`
    : `${counted}, ${r} regression${r === 1 ? '' : 's'}: a party or the authority gains a way to read.`;
}
