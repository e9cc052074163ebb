/**
 * The command line: `main(argv, io)` parses the arguments, runs one command
 * and returns the exit code. Nothing else in keyholder reads argv or decides
 * an exit code.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { findingLine } from '../format/messages.js';
import { CHECK_FORMAT_NAMES } from '../format/check/registry.js';
import { DIFF_FORMAT_NAMES } from '../format/diff/registry.js';
import { FORMAT_NAMES } from '../format/registry.js';
import { GRAPH_FORMAT_NAMES } from '../format/graph/registry.js';
import { visibleLines } from '../format/text.js';
import { RULE_SEVERITIES } from '../model/severity.js';
import type { CheckOptions } from './commands/check.js';
import type { DiffOptions } from './commands/diff.js';
import type { GraphOptions } from './commands/graph.js';
import type { ReportOptions } from './commands/report.js';
import { checkProfileFolders } from './context.js';
import { FindingsError, ManyErrors, OutputError, UsageError } from './errors.js';
import { builtInOrders, COMMANDS, exitCodes, LIMITS_HELP, ordersHelp, type CommandName } from './help.js';
import type { Io } from './io.js';
import { checkOutputs } from './output.js';
import { VERSION } from './version.js';
import { runList } from './commands/list.js';
import { runShow } from './commands/show.js';
import { runAnswers } from './commands/answers.js';

/** Options every command takes. */
export interface CommonOptions {
  format: string;
  output?: string;
  profiles: string[];
  scenarios: string[];
  jurisdictions: string[];
  /** The JSON document version: 2, or 1 for scripts written against v1. */
  schemaVersion: 1 | 2;
  color: boolean;
  debug?: boolean;
}

/** The options that narrow what is answered. */
export interface NarrowingOptions {
  /** `--order`, with v1's `--scenario`. */
  order: string[];
  scenario: string[];
  in: string[];
  data: string[];
}

/** Repeatable options also take comma-separated lists. No default, so help shows none. */
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter(Boolean)];

function common(command: Command, formats: readonly string[] = FORMAT_NAMES, fallback = 'table'): Command {
  command
    .addOption(new Option('-f, --format <format>', 'output format').choices(formats).default(fallback))
    .option('-o, --output <file>', 'write the result to this file (whole, or not at all) instead of stdout')
    .option('--profiles <dir>', 'add a folder of your own profiles (repeatable)', collect)
    .option('--scenarios <file>', 'add orders of your own from a YAML file (repeatable)', collect)
    .option('--jurisdictions <dir>', 'add a folder of your own jurisdiction files (repeatable)', collect);
  // Only a command that prints JSON has a JSON schema version to choose.
  if (formats.includes('json')) {
    command.addOption(
      new Option('--schema-version <n>', 'JSON output: 2, or 1 as printed before orders (for one minor release) (choices: "1", "2")')
        .default(2)
        .argParser((v) => {
          if (v !== '1' && v !== '2') throw new InvalidArgumentError('Allowed choices are 1, 2.');
          return Number(v);
        }),
    );
  }
  return command
    .option('--no-color', 'never colour the output (also: NO_COLOR=1)')
    .option('--debug', 'print stack traces of internal errors')
    .hook('preAction', (_, action) => {
      // Repeatable options without a default: make them lists for the commands.
      for (const name of ['profiles', 'scenarios', 'jurisdictions', 'order', 'scenario', 'in', 'data', 'report']) {
        if (action.getOptionValue(name) === undefined && action.options.some((o) => o.attributeName() === name)) action.setOptionValue(name, []);
      }
    });
}

/** `--order`, `--in` and `--data`, for the commands that compute answers; help lists the orders. */
function narrowing(command: Command, orders: string, data = true): Command {
  command
    .addHelpText('after', orders && `\n${orders}`)
    .option('--order <id>', 'answer for this order (repeatable, or comma-separated; default: lawful-request, blanket-order)', collect)
    .addOption(new Option('-s, --scenario <id>', 'the v1 name of --order').argParser(collect))
    .option('--in <jurisdiction>', 'answer for every instrument of this jurisdiction, in its file order (repeatable, or comma-separated: --in us,uk)', collect);
  return data ? command.option('-d, --data <kind>', 'answer for this data kind only: content, metadata, subscriber, ... (repeatable)', collect) : command;
}

/**
 * `help` and `help <command>` as `--help` and `<command> --help`, so they
 * print the same, on stdout, exit 0; `help <unknown>` as `<unknown>`, which
 * is reported as an unknown command, with a suggestion.
 */
function helpArgs(argv: readonly string[]): readonly string[] {
  if (argv[0] !== 'help') return argv;
  const command = argv[1];
  if (command === undefined || command === 'help') return ['--help'];
  return COMMANDS.includes(command as CommandName) ? [command, '--help'] : [command];
}

export async function main(args: readonly string[], io: Io): Promise<number> {
  const argv = helpArgs(args);
  // Help is rare: only then are the orders read, to list them.
  const orders = argv.includes('--help') || argv.includes('-h') ? ordersHelp(await builtInOrders(io).catch(() => ({ orders: [], jurisdictions: [] }))) : '';
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('keyholder')
    .description(
      'Who can read this? For communication services, derives who can read content, metadata and subscriber data: by design, under a targeted lawful request, a blanket order, or the instruments of real jurisdictions (--in us), with the ways in, what each yields, the reasons and the sources.',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: (text) => io.stderr(visibleLines(text)) })
    // Before any command runs: nothing is worked out for an output that cannot be written.
    .hook('preAction', (_, action) => checkOutputs(io, { command: action.name(), args: action.args, opts: action.opts() }))
    .addHelpText(
      'after',
      `
Services are named by id (bes), id and variant (imessage@adp), a profile
file's path (./mine.yaml, ./mine.yaml@strict), or - for a profile read from
standard input (cat mine.yaml | keyholder ask -). A conversation joins its
participants with +, each with its own setting, up to 32, and *N repeats
one: 'imessage@adp+imessage', 'imessage@adp+imessage*3'.

Examples:
  keyholder compare bbm imessage bes
  keyholder ask imessage@adp --order blanket-order --data content
  keyholder ask bes bbm --in pk
  keyholder ask 'imessage@adp+imessage'
  keyholder compare whatsapp signal imessage telegram --in us --format markdown
  keyholder orders --in uk
  keyholder sources whatsapp signal
  keyholder compare bes bbm --format markdown -o docs/blackberry.md
  keyholder validate ./profiles
  keyholder check --policy examples/policies/customer-held-keys.yaml
  keyholder diff imessage imessage@adp
  keyholder diff ./base.yaml ./head.yaml --fail-on-regression
  keyholder graph bes --order blanket-order --format svg -o bes.svg
  keyholder report --all -o report.html

${LIMITS_HELP}

${exitCodes(null)}`,
    );

  // Only the command being run is built (commander's set-up of every command
  // and option is start-up time); all of them where help or a suggestion for
  // a mistyped command may be needed.
  const only = COMMANDS.includes(argv[0] as CommandName) ? argv[0] : null;
  const wanted = (name: CommandName) => only === null || only === name;

  if (wanted('list')) common(program.command('list').description('list the services, their variants and as-of dates')).action(async (opts: CommonOptions) => {
    setExit(await runList(opts, io));
  });

  if (wanted('show')) common(program.command('show').description('show a profile: parties, keys and who holds them, each form of data, sources'))
    .argument('<service>', 'id, id@variant, profile path, or - to read a profile from standard input')
    .action(async (service: string, opts: CommonOptions) => {
      setExit(await runShow(service, opts, io));
    });

  if (wanted('sources')) common(
    program
      .command('sources')
      .description('list the sources behind each service: title, date, where to read it (url, or offline material), and the claims that cite it'),
  )
    .argument('[services...]', 'ids, id@variant, profile paths, or - for a profile on standard input (default: every service in the catalog and --profiles)')
    .action(async (services: string[], opts: CommonOptions) => {
      const { runSources } = await import('./commands/sources.js');
      setExit(await runSources(services, opts, io));
    });

  for (const name of (['ask', 'compare'] as const).filter(wanted)) {
    const description =
      name === 'ask'
        ? 'answer for each service in turn: who can read each kind of data, how, and why not'
        : 'compare services side by side: a column per service, a row per order';
    narrowing(
      common(program.command(name).description(description))
        .addHelpText('after', `\n${LIMITS_HELP}`)
        .argument('[service...]', 'ids, id@variant, profile paths, or - for a profile on standard input')
        .option('-a, --all', 'every service in the catalog and in --profiles, each with all its variants'),
      orders,
    ).action(async (services: string[], opts: CommonOptions & NarrowingOptions & { all?: boolean }) => {
      const { runAnswers } = await import('./commands/answers.js');
      setExit(await runAnswers(name, services, opts, io));
    });
  }

  if (wanted('orders')) common(program.command('orders').description('list the orders: the built-in ones, yours, and the instruments of each jurisdiction'))
    .option('--in <jurisdiction>', 'only the instruments of this jurisdiction (repeatable, or comma-separated)', collect)
    .action(async (opts: CommonOptions & { in: string[] }) => {
      const { runOrders } = await import('./commands/orders.js');
      setExit(await runOrders(opts, io));
    });

  if (wanted('validate')) common(program.command('validate').description('check profiles, order files, jurisdictions and policies; exit 1 if any is invalid'))
    .argument('[paths...]', 'files or folders (searched for *.yaml, *.yml), or - for standard input; default: the catalog')
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
      .argument('<from>', 'id, id@variant, profile path, or - (standard input): the old side')
      .argument('<to>', 'id, id@variant, profile path, or - (standard input): the new side'),
    orders,
  )
    .option('--fail-on-regression', 'exit 1 when a party or the authority gains a way to read')
    .action(async (from: string, to: string, opts: DiffOptions) => {
      const { runDiff } = await import('./commands/diff.js');
      setExit(await runDiff(from, to, opts, io));
    });

  if (wanted('graph')) common(
    program.command('graph').description('draw a service: who holds which key, which key seals which form, who sees it; under an order, the ways in'),
    GRAPH_FORMAT_NAMES,
    'mermaid',
  )
    .addHelpText('after', orders && `\n${orders}`)
    .argument('<service>', 'id, id@variant, profile path, or - to read a profile from standard input')
    .option('--order <id>', 'draw it under this order: who is compelled, the ways in, what stays sealed (default: by design)', collect)
    .addOption(new Option('-s, --scenario <id>', 'the v1 name of --order').argParser(collect))
    .option('--in <jurisdiction>', "draw it under this jurisdiction's instrument: the one it has, or the one --order names", collect)
    .action(async (service: string, opts: GraphOptions) => {
    const { runGraph } = await import('./commands/graph.js');
    setExit(await runGraph(service, opts, io));
  });

  if (wanted('report')) narrowing(
    common(program.command('report').description('write the comparison as one HTML page, with a diagram of each service, to open in a browser'), ['html'], 'html')
      .argument('[service...]', 'ids, id@variant, or profile paths')
      .option('-a, --all', 'every service in the catalog and in --profiles, each with all its variants'),
    orders,
    false,
  ).action(async (services: string[], opts: ReportOptions) => {
    const { runReport } = await import('./commands/report.js');
    setExit(await runReport(services, opts, io));
  });

  if (wanted('check')) common(
    program.command('check').description('check services against a policy; exit 1 if a rule at or above --fail-on is broken'),
    CHECK_FORMAT_NAMES,
    'stylish',
  )
    .argument('[services...]', 'ids, id@variant, or profile paths (default: every service in the catalog and --profiles)')
    .requiredOption('-p, --policy <file>', 'the policy: a YAML file of rules')
    .addOption(new Option('--fail-on <severity>', 'the least severity that fails the run').choices(RULE_SEVERITIES).default('error'))
    .option('--report <format:file>', 'also write a report in this format to this file, - for stdout (repeatable)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
  if (wanted('check')) narrowing(program.commands.find((c) => c.name() === 'check')!, orders, false)
    .action(async (services: string[], opts: CheckOptions) => {
      const { runCheck } = await import('./cold.js');
      setExit(await runCheck(services, opts, io));
    });

  // Each command's exit codes end its help.
  for (const command of program.commands) command.addHelpText('after', `\n${exitCodes(command.name() as CommandName)}`);
  program.hook('preAction', (_, action) => checkProfileFolders((action.getOptionValue('profiles') as string[] | undefined) ?? [], io.cwd));

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
    // Help asked for (`help`), or shown because no command was given.
    if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : 2;
    if (error.code === 'commander.unknownCommand') io.stderr("Run 'keyholder --help' to see the commands.\n");
    return 2; // commander has already printed the message
  }
  if (error instanceof FindingsError || error instanceof UsageError || error instanceof ManyErrors) {
    // Each problem on its own line; a hint that several share, once, after them.
    const problems = error instanceof ManyErrors ? error.errors : [error];
    for (const problem of problems) {
      if (problem instanceof FindingsError) for (const f of problem.findings) io.stderr(`${findingLine(f)}\n`);
      else io.stderr(visibleLines(`error: ${problem.message}\n`));
    }
    const hints = new Set(problems.map((p) => (p instanceof UsageError ? p.hint : undefined)).filter((h) => h !== undefined));
    for (const hint of hints) io.stderr(visibleLines(`${hint}\n`));
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
