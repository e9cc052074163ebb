/**
 * GitHub Actions workflow commands: one annotation per finding, on the
 * profile's own line (`::error file=…,line=…,col=…,title=…::message`), then
 * the summary as a plain log line. Control and invisible characters from
 * a file name or a profile are made visible first, as in the terminal; then
 * values are escaped as the runner expects: `%`, CR and LF everywhere, and
 * `:` and `,` in properties too.
 */
import { visible } from '../text.js';
import type { CheckFormatter } from './registry.js';
import { breach, summary } from './summary.js';

const COMMAND = { error: 'error', warn: 'warning', info: 'notice' } as const;

export const escapeData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

export const github: CheckFormatter = (view) => {
  const lines = view.findings.map((f) => {
    const props = [`file=${visible(f.file)}`, `line=${f.line}`, `col=${f.col}`, `title=keyholder ${visible(f.rule)}`].map((p) => {
      const eq = p.indexOf('=');
      return `${p.slice(0, eq)}=${escapeProperty(p.slice(eq + 1))}`;
    });
    return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(breach(view, f))}`;
  });
  return `${[...lines, `keyholder check: ${summary(view)}`].join('\n')}\n`;
};
