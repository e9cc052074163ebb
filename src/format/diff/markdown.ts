/**
 * The diff as Markdown, for a pull request comment: one table of changes,
 * regressions in bold, then the verdict. Every string is escaped.
 */
import { md } from '../markdown.js';
import type { DiffFormatter } from './registry.js';
import { changeLines, title, verdictLine } from './words.js';

export const markdown: DiffFormatter = (view) => {
  const out = [`## ${md(title(view))}`, ''];
  if (view.diff.changes.length > 0) {
    out.push('| Data | Order | Change |', '| --- | --- | --- |');
    for (const c of view.diff.changes) {
      const order = c.order === 'by-design' ? 'by design' : c.order;
      for (const l of changeLines(c, view)) {
        out.push(`| ${md(c.data ?? 'stance')} | ${md(order)} | ${l.regression ? `**${md(l.text)}** (regression)` : md(l.text)} |`);
      }
    }
    out.push('');
  }
  out.push(`**${view.diff.regression ? 'Regression' : 'No regression'}.** ${md(verdictLine(view))}`);
  return `${out.join('\n')}\n`;
};
