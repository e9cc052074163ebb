/**
 * The terminal diff: a section per data kind, a row per scenario (and one
 * for by design), `+` for what the second profile adds and `-` for what it
 * drops, regressions marked; then the verdict.
 */
import { append } from '../../model/append.js';
import type { Change } from '../../engine/diff.js';
import { painter, row, type Line } from '../layout.js';
import { visible } from '../text.js';
import type { DiffFormatter } from './registry.js';
import { changeLines, title, verdictLine } from './words.js';

const LABEL = 16;

export const table: DiffFormatter = (view, opts) => {
  const paint = painter(opts);
  const widths = [LABEL, opts.width - LABEL - 2];
  const { from, to } = view;
  const out = [paint(visible(title(view)), 'bold')];
  const asOf = (p: typeof from.profile) => p.asOf ?? 'no date';
  out.push(paint(`as of ${asOf(from.profile)} -> ${asOf(to.profile)}`, 'dim'));
  const cell = (changes: Change[]): Line[] =>
    changes.flatMap((c) => changeLines(c, view)).map((l) => (l.regression ? { text: visible(`${l.text} (regression)`), style: 'bad' as const } : { text: visible(l.text) }));
  const section = (heading: string, groups: [string, Change[]][]) => {
    out.push('', paint(heading, 'heading'));
    const shown = groups.filter(([, changes]) => changes.length > 0);
    if (shown.length === 0) append(out, row([[{ text: '' }], [{ text: 'no change', style: 'dim' }]], widths, paint));
    for (const [label, changes] of shown) append(out, row([[{ text: visible(label) }], cell(changes)], widths, paint));
  };
  const rows = ['by-design', ...view.orders.map((o) => o.id)];
  const label = (order: string) => (order === 'by-design' ? 'by design' : order);
  for (const kind of view.diff.kinds) {
    const mine = view.diff.changes.filter((c) => c.data === kind);
    section(visible(kind.toUpperCase()), rows.map((r) => [label(r), mine.filter((c) => c.order === r)]));
  }
  const stances = view.diff.changes.filter((c) => c.field === 'stance');
  if (stances.length > 0) section('STANCES', view.orders.map((o) => [o.id, stances.filter((c) => c.order === o.id)]));
  out.push('', paint(verdictLine(view), view.diff.regression ? 'bad' : 'good'));
  return `${out.join('\n')}\n`;
};
