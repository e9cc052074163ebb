/** The words the human-readable diff formats use, so the table and the Markdown say the same. */
import type { PartyRef } from '../../engine/answer-types.js';
import type { Change } from '../../engine/diff.js';
import type { Position } from '../../model/vocabulary.js';
import type { DiffView } from '../views.js';

export interface ChangeLine {
  text: string;
  regression: boolean;
}

const group = (set: readonly PartyRef[]) => (set.length === 0 ? 'needs no one' : `via ${set.map((r) => r.party).join(' + ')}`);
const POSITION: Record<Position, string> = { comply: 'complies', partial: 'complies in part', refuse: 'refuses' };

/** The lines of one change: `+` what the second profile adds, `-` what it drops. */
export function changeLines(c: Change): ChangeLine[] {
  const line = (text: string, regression = false): ChangeLine => ({ text, regression });
  switch (c.field) {
    case 'byDesign':
      return [...c.added.map((r) => line(`+ ${r.party} (${r.kind}) reads it`, true)), ...c.removed.map((r) => line(`- ${r.party} (${r.kind}) reads it`))];
    case 'canRead':
      return [line(c.to ? 'not readable -> readable' : 'readable -> not readable', c.regression)];
    case 'via':
      return [...c.added.map((set) => line(`+ ${group(set)}`, c.easier.includes(set))), ...c.removed.map((set) => line(`- ${group(set)}`))];
    case 'remaining':
      return [
        ...c.added.map((set) => line(`+ beyond reach: ${set.map((r) => r.party).join(' + ')}`)),
        ...c.removed.map((set) => line(`- beyond reach: ${set.map((r) => r.party).join(' + ')}`)),
      ];
    case 'readable':
      return [
        ...(c.added.length > 0 ? [line(`+ reads ${c.added.map((r) => r.form).join(', ')}`)] : []),
        ...(c.removed.length > 0 ? [line(`- reads ${c.removed.map((r) => r.form).join(', ')}`)] : []),
      ];
    case 'stance':
      return [line(`${c.party}: ${c.from ? POSITION[c.from] : 'no stance'} -> ${c.to ? POSITION[c.to] : 'no stance'}`)];
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
