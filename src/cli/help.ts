/**
 * The text `--help` adds after commander's own: each command's exit codes,
 * the orders a command can be narrowed to (read from the built-in orders and
 * the jurisdictions, so the list is the data's), and the limits.
 */
import { DEFAULT_LIMITS } from '../engine/minimal-sets.js';
import { wrap } from '../format/layout.js';
import { LIMITS } from '../model/limits.js';
import type { Jurisdiction, Order } from '../model/vocabulary.js';
import { openCompiledCatalog } from './catalog.js';
import type { Io } from './io.js';
import { largest } from '../model/append.js';

/** Every command, in the order help lists them. */
export const COMMANDS = ['list', 'show', 'sources', 'ask', 'compare', 'orders', 'validate', 'diff', 'check', 'graph', 'report'] as const;
export type CommandName = (typeof COMMANDS)[number];

const INTERRUPTED = '  130  interrupted (Ctrl-C); 143 terminated';

/**
 * What exit codes 0, 1 and 2 mean for each command: 1 only where the
 * command looks for something and finds it; 2 for the failures particular
 * to the command, besides those every command has.
 */
const CODES: Record<CommandName, [string, string | null, string]> = {
  list: ['the services were listed', null, 'a bad profile in --profiles'],
  show: ['the profile was shown', null, 'an unknown service, a bad or unreadable profile'],
  sources: ['the sources were listed', null, 'an unknown service, a bad or unreadable profile'],
  ask: ['the answers were given', null, 'an unknown service, order, jurisdiction or data kind, a bad or unreadable profile'],
  compare: ['the answers were given', null, 'an unknown service, order, jurisdiction or data kind, a bad or unreadable profile'],
  orders: ['the orders were listed', null, 'an unknown jurisdiction, a bad order or jurisdiction file'],
  validate: [
    'every file is valid (warnings allowed)',
    'a file is invalid',
    'a file it cannot read (reported with the rest, but not checked), a folder with no profiles, a bad --max-age',
  ],
  diff: [
    'the answers were compared, whatever changed, unless --fail-on-regression finds a regression',
    '--fail-on-regression found a regression: someone gains a way to read',
    'an unknown service, order, jurisdiction or data kind, a bad or unreadable profile',
  ],
  check: ['no finding at or above --fail-on', 'a rule broken at or above --fail-on', 'a bad or unreadable policy or profile, an unknown service, order or jurisdiction'],
  graph: ['the diagram was drawn', null, 'an unknown service, order or jurisdiction, more than one order, a bad or unreadable profile'],
  report: ['the report was written', null, 'an unknown service, order or jurisdiction, a bad or unreadable profile'],
};

/** Text wrapped to 80 columns after `prefix`, its other lines indented to match. */
const hang = (prefix: string, text: string): string =>
  wrap(text, 80 - prefix.length)
    .map((line, i) => (i === 0 ? prefix : ' '.repeat(prefix.length)) + line)
    .join('\n');

const code = (n: number, text: string) => hang(`  ${String(n).padEnd(4)} `, text);

/** The exit codes of one command, or, for the program's own help, of every command. */
export function exitCodes(command: CommandName | null): string {
  if (command === null) {
    return [
      'Exit codes:',
      code(0, 'success; for validate, every file is valid; for check, no finding at or above --fail-on; for diff, any change unless --fail-on-regression'),
      code(1, 'validate found an invalid file; check found a rule broken at or above --fail-on; diff --fail-on-regression found a regression'),
      code(
        2,
        'any other failure: a usage error, an unknown option, service, order, jurisdiction or data kind, a bad or unreadable profile or policy, a file validate cannot read, an output that cannot be written, an internal error',
      ),
      INTERRUPTED,
    ].join('\n');
  }
  const [ok, found, failed] = CODES[command];
  const anyFailure = `a usage error or an unknown option, ${failed}, an output that cannot be written, an internal error`;
  return ['Exit codes:', code(0, ok), ...(found ? [code(1, found)] : []), code(2, anyFailure), INTERRUPTED].join('\n');
}

/** What keyholder lists and reads at most; docs/security.md has every limit. */
export const LIMITS_HELP = `Limits:
  Each answer lists at most ${DEFAULT_LIMITS.cap} ways in (via, beyond reach) for a kind of data,
  smallest first; "and N more" counts the others, "and more" says counting
  stopped. Profile, order and jurisdiction files are read up to ${LIMITS.maxBytes / 1024 / 1024} MiB.`;

/** The orders `--order` takes: each built-in id, whom it covers and whom it compels; then the jurisdictions `--in` takes. */
export function ordersHelp({ orders, jurisdictions }: { orders: readonly Order[]; jurisdictions: readonly Jurisdiction[] }): string {
  if (orders.length === 0) return '';
  const width = largest(0, orders.map((o) => o.id.length));
  const lines = orders.map((o) =>
    hang(
      `  ${o.id.padEnd(width)}  `,
      `${o.scope === 'bulk' ? 'every account' : o.scope === 'account' ? 'one account' : 'scope not given'}; ${o.reaches.includes('build') ? `orders ${o.compels.join(', ')} to build access` : `compels ${o.compels.join(', ')}`}`,
    ),
  );
  const places = jurisdictions.map((j) => `${j.id} (${j.instruments.length})`).join(', ');
  return [
    'Orders (--order <id>; add your own with --scenarios <file>):',
    ...lines,
    ...(places ? ['', hang('Jurisdictions (--in <id>, each with its instruments): ', places), "  'keyholder orders --in <id>' lists their instruments."] : []),
  ].join('\n');
}

/**
 * The built-in orders and the jurisdictions, for help: from the compiled
 * catalog, or read from YAML where that is missing or stale. Help never
 * fails for them: a broken file lists what it can.
 */
export async function builtInOrders(io: Io): Promise<{ orders: Order[]; jurisdictions: Jurisdiction[] }> {
  const compiled = await openCompiledCatalog();
  if (compiled) return { orders: compiled.orders, jurisdictions: compiled.jurisdictions };
  const { loadOrderFiles, loadJurisdictionFiles } = await import('./cold.js');
  return { orders: loadOrderFiles(io, []).orders, jurisdictions: loadJurisdictionFiles(io, []).jurisdictions };
}
