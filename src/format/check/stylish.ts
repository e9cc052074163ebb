/**
 * The default: findings grouped by profile file, one line each with
 * `line:col`, severity, the finding and the rule, like ESLint's stylish;
 * then a summary. Colour only when asked.
 */
import { largest } from '../../model/append.js';
import type { Style } from '../layout.js';
import { painter } from '../layout.js';
import { visible } from '../text.js';
import type { CheckFormatter } from './registry.js';
import { breach, summary, failing } from './summary.js';

const STYLE: Record<string, Style> = { error: 'bad', warn: 'warn', info: 'dim' };

export const stylish: CheckFormatter = (view, opts) => {
  const paint = painter(opts);
  const out: string[] = [];
  const files = [...new Set(view.findings.map((f) => f.file))];
  for (const file of files) {
    const here = view.findings.filter((f) => f.file === file);
    const posWidth = largest(0, here.map((f) => `${f.line}:${f.col}`.length));
    out.push(paint(visible(file), 'bold'));
    for (const f of here) {
      const pos = `${f.line}:${f.col}`.padEnd(posWidth);
      out.push(`  ${pos}  ${paint(f.severity.padEnd(5), STYLE[f.severity])}  ${breach(view, f)}  ${paint(visible(f.rule), 'dim')}`);
    }
    out.push('');
  }
  out.push(paint(summary(view), failing(view).length > 0 ? 'bad' : 'good'));
  return `${out.join('\n')}\n`;
};
