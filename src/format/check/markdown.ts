/**
 * A Markdown report for a pull request comment or a job summary: the
 * verdict, then a table of findings with their places. Every string is
 * escaped, so a cell cannot break the table.
 */
import { md } from '../markdown.js';
import { subjectLabel } from '../messages.js';
import type { CheckFormatter } from './registry.js';
import { breach, failing, location, summary } from './summary.js';

export const markdown: CheckFormatter = (view) => {
  const out = ['# keyholder check', ''];
  const about = view.policy.description ? `: ${md(view.policy.description)}` : '';
  out.push(`Policy ${md(view.policy.file)}${about}`, '');
  out.push(`**${failing(view).length > 0 ? 'Failed' : 'Passed'}**: ${md(summary(view))}.`, '');
  if (view.findings.length > 0) {
    out.push('| Severity | Rule | Service | Order | Data | Location | Finding |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const f of view.findings) {
      out.push(`| ${f.severity} | ${md(f.rule)} | ${md(subjectLabel(f))} | ${md(f.order)} | ${md(f.data)} | ${md(location(f))} | ${md(breach(view, f))} |`);
    }
    out.push('');
  }
  out.push('| Rule | Severity | Order | Data | Forbids | Description |', '| --- | --- | --- | --- | --- | --- |');
  for (const r of view.policy.rules) {
    const forbids = r.forbid === 'party-reads' ? `party-reads: ${r.partyKinds.join(', ')}` : r.forbid;
    out.push(`| ${md(r.id)} | ${r.severity} | ${md((r.order ?? 'every order'))} | ${md(r.data)} | ${md(forbids)} | ${md(r.description)} |`);
  }
  return `${out.join('\n')}\n`;
};
