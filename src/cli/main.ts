/**
 * The command line: `main(argv, io)` parses the arguments, runs one command
 * and returns the exit code. Nothing else in keyholder reads argv or decides
 * an exit code.
 */
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_LIMITS } from '../engine/minimal-sets.js';
import { findingLine } from '../format/messages.js';
import { CHECK_FORMAT_NAMES } from '../format/check/registry.js';
import { DIFF_FORMAT_NAMES } from '../format/diff/registry.js';
import { FORMAT_NAMES } from '../format/registry.js';
import { visibleLines } from '../format/text.js';
import { LIMITS } from '../model/limits.js';
import { RULE_SEVERITIES } from '../model/severity.js';
import type { CheckOptions } from './commands/check.js';
import type { DiffOptions } from './commands/diff.js';
import { FindingsError, OutputError, UsageError } from './errors.js';
import type { Io } from './io.js';
import { checkOutputs } from './output.js';
import { VERSION } from './version.js';
import { runList } from './commands/list.js';
import { runShow } from './commands/show.js';
import { runAnswers } from './commands/answers.js';

export const EXIT_CODES = `Exit codes:
  0    success; for validate, every file is valid; for check, no finding at or
       above --fail-on; for diff, any change unless --fail-on-regression
  1    validate found an invalid file; check found a rule broken at or above
       --fail-on; diff --fail-on-regression found a regression
  2    any other failure: a usage error, an unknown option, service, scenario
       or data kind, a bad or unreadable profile or policy, an output that
       cannot be written, an internal error
  130  interrupted (Ctrl-C); 143 terminated`;

/** What keyholder lists and reads at most; docs/security.md has every limit. */
export const LIMITS_HELP = `Limits:
  Each answer lists at most ${DEFAULT_LIMITS.cap} ways in (via, beyond reach) for a kind of data,
  smallest first; "and N more" counts the others, "and more" says counting
  stopped. Profile and scenario files are read up to ${LIMITS.maxBytes / 1024 / 1024} MiB.`;

/** Options every command takes. */
export interface CommonOptions {
  format: string;
  output?: string;
  profiles: string[];
  scenarios: string[];
  color: boolean;
  debug?: boolean;
}

/** Repeatable options also take comma-separated lists. No default, so help shows none. */
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter(Boolean)];

function common(command: Command, formats: readonly string[] = FORMAT_NAMES, fallback = 'table'): Command {
  return command
    .addOption(new Option('-f, --format <format>', 'output format').choices(formats).default(fallback))
    .option('-o, --output <file>', 'write the result to this file (whole, or not at all) instead of stdout')
    .option('--profiles <dir>', 'add a folder of your own profiles (repeatable)', collect)
    .option('--scenarios <file>', 'add scenarios from a YAML file (repeatable)', collect)
    .option('--no-color', 'never colour the output (also: NO_COLOR=1)')
    .option('--debug', 'print stack traces of internal errors')
    .addHelpText('after', `\n${EXIT_CODES}`)
    .hook('preAction', (_, action) => {
      // Repeatable options without a default: make them lists for the commands.
      for (const name of ['profiles', 'scenarios', 'scenario', 'data', 'report']) {
        if (action.getOptionValue(name) === undefined && action.options.some((o) => o.attributeName() === name)) action.setOptionValue(name, []);
      }
    });
}

/** `--scenario` and `--data`, for the commands that compute answers. */
function narrowing(command: Command): Command {
  return command
    .option('-s, --scenario <id>', 'answer for this scenario only (repeatable; default: all)', collect)
    .option('-d, --data <kind>', 'answer for this data kind only: content, metadata, ... (repeatable)', collect);
}

/** Every command, in the order help lists them. */
const COMMANDS = ['list', 'show', 'ask', 'compare', 'validate', 'diff', 'check'] as const;

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('keyholder')
    .description(
      'Who can read this? For communication services, derives who can read content and metadata: by design, under a targeted lawful request, and under a blanket order, with the reasons and the sources.',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addHelpCommand(false)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: (text) => io.stderr(visibleLines(text)) })
    // Before any command runs: nothing is worked out for an output that cannot be written.
    .hook('preAction', (_, action) => checkOutputs(io, { command: action.name(), args: action.args, opts: action.opts() }))
    .addHelpText(
      'after',
      `
Services are named by id (bes), id and variant (imessage@adp), or a profile
file's path (./mine.yaml, ./mine.yaml@strict).

Examples:
  keyholder compare bbm imessage bes
  keyholder ask imessage@adp --scenario blanket-order --data content
  keyholder compare bes bbm --format markdown -o docs/blackberry.md
  keyholder validate ./profiles
  keyholder check --policy examples/policies/customer-held-keys.yaml
  keyholder diff imessage imessage@adp
  keyholder diff ./base.yaml ./head.yaml --fail-on-regression

${LIMITS_HELP}

${EXIT_CODES}`,
    );

  // Only the command being run is built (commander's set-up of every command
  // and option is start-up time); all of them where help or a suggestion for
  // a mistyped command may be needed.
  const only = COMMANDS.includes(argv[0] as (typeof COMMANDS)[number]) ? argv[0] : null;
  const wanted = (name: (typeof COMMANDS)[number]) => only === null || only === name;

  if (wanted('list')) common(program.command('list').description('list the services, their variants and as-of dates')).action(async (opts: CommonOptions) => {
    setExit(await runList(opts, io));
  });

  if (wanted('show')) common(program.command('show').description('show a profile: parties, keys and who holds them, each form of data, sources'))
    .argument('<service>', 'id, id@variant, or profile path')
    .action(async (service: string, opts: CommonOptions) => {
      setExit(await runShow(service, opts, io));
    });

  for (const name of (['ask', 'compare'] as const).filter(wanted)) {
    const description =
      name === 'ask'
        ? 'answer for each service in turn: who can read each kind of data, how, and why not'
        : 'compare services side by side: a column per service, a row per scenario';
    narrowing(
      common(program.command(name).description(description))
        .addHelpText('after', `\n${LIMITS_HELP}`)
        .argument('[service...]', 'ids, id@variant, or profile paths')
        .option('-a, --all', 'every service in the catalog and in --profiles, each with all its variants'),
    ).action(async (services: string[], opts: CommonOptions & { scenario: string[]; data: string[]; all?: boolean }) => {
      const { runAnswers } = await import('./commands/answers.js');
      setExit(await runAnswers(name, services, opts, io));
    });
  }

  if (wanted('validate')) common(program.command('validate').description('check profiles, scenario files and policies; exit 1 if any is invalid'))
    .argument('[paths...]', 'files or folders (searched for *.yaml, *.yml); default: the catalog')
    .option('--strict', 'also fail on an uncited claim, an unused or undated source, a missing as_of')
    .option('--max-age <age>', 'with --strict, also fail where as_of is older than this: 90d, 26w, 18m, 2y')
    .action(async (paths: string[], opts: CommonOptions & { strict?: boolean; maxAge?: string }) => {
      const { runValidate } = await import('./cold.js');
      setExit(await runValidate(paths, opts, io));
    });

  if (wanted('diff')) narrowing(
    common(
      program.command('diff').description('show what changes in the answers from one service, variant or profile file to another'),
      DIFF_FORMAT_NAMES,
    )
      .argument('<from>', 'id, id@variant, or profile path: the old side')
      .argument('<to>', 'id, id@variant, or profile path: the new side'),
  )
    .option('--fail-on-regression', 'exit 1 when a party or the authority gains a way to read')
    .action(async (from: string, to: string, opts: DiffOptions) => {
      const { runDiff } = await import('./commands/diff.js');
      setExit(await runDiff(from, to, opts, io));
    });

  if (wanted('check')) common(
    program.command('check').description('check services against a policy; exit 1 if a rule at or above --fail-on is broken'),
    CHECK_FORMAT_NAMES,
    'stylish',
  )
    .argument('[services...]', 'ids, id@variant, or profile paths (default: every service in the catalog and --profiles)')
    .requiredOption('-p, --policy <file>', 'the policy: a YAML file of rules')
    .addOption(new Option('--fail-on <severity>', 'the least severity that fails the run').choices(RULE_SEVERITIES).default('error'))
    .option('--report <format:file>', 'also write a report in this format to this file, - for stdout (repeatable)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .action(async (services: string[], opts: CheckOptions) => {
      const { runCheck } = await import('./cold.js');
      setExit(await runCheck(services, opts, io));
    });

  const debug = argv.includes('--debug');
  try {
    if (argv.length === 0) {
      io.stderr(program.helpInformation());
      return 2;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return report(error, io, debug);
  }
}

/**
 * Every failure ends here: a clear message on stderr and its exit code.
 * Messages can quote the command line or a profile, so control characters
 * in them are shown, not sent.
 */
function report(error: unknown, io: Io, debug: boolean): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    if (error.code === 'commander.help') return 2; // help shown because no command was given
    return 2; // commander has already printed the message
  }
  if (error instanceof FindingsError) {
    for (const f of error.findings) io.stderr(`${findingLine(f)}\n`);
    return 2;
  }
  if (error instanceof UsageError) {
    io.stderr(visibleLines(`error: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`));
    return 2;
  }
  if (error instanceof OutputError) {
    io.stderr(visibleLines(`error: ${error.message}\n`));
    return 2;
  }
  const e = error as Error;
  io.stderr(visibleLines(`internal error: ${e?.message ?? String(error)}\n`));
  io.stderr(debug && e?.stack ? `${visibleLines(e.stack)}\n` : 'Run again with --debug for the stack trace, and please report it.\n');
  return 2;
}
