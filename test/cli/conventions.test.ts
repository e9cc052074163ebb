/**
 * The conventions of a command-line tool, kept: `-` for standard input,
 * `help [command]`, every mistake on a command line reported at once,
 * `COLUMNS`, and options that say what they want.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/model/limits.js';
import { MINE, POLICY_RULE, ORDERS } from '../helpers.js';
import { BIN, run, runMain, workspace } from './run.js';

const BROKEN = MINE.replace('held_by: [user] }', 'held_by: [usr] }');
const bytes = (text: string) => new TextEncoder().encode(text);
/** An Io whose standard input holds `text`, counting the reads. */
function piped(text: string) {
  const calls: number[] = [];
  return {
    calls,
    io: {
      stdin: async (limit: number) => {
        calls.push(limit);
        return bytes(text);
      },
    },
  };
}

describe('- reads a profile from standard input', () => {
  it('validate -: the file is <stdin>, valid, exit 0', async () => {
    const r = await runMain(['validate', '-', '--format', 'json'], piped(MINE));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files.map((f: { file: string; valid: boolean }) => [f.file, f.valid])).toEqual([['<stdin>', true]]);
  });

  it('validate -: findings name <stdin>, exit 1', async () => {
    const r = await runMain(['validate', '-'], piped(BROKEN));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("<stdin>:8:18 unknown-party: 'usr' is not defined in parties (did you mean 'user'?)");
  });

  it('ask -, show -, compare - bes: answered like a file, named <stdin>', async () => {
    const ask = await runMain(['ask', '-', '--format', 'json'], piped(MINE));
    expect(ask.code).toBe(0);
    expect(JSON.parse(ask.stdout).answers[0]).toMatchObject({ service: 'mine', variant: null, file: '<stdin>' });
    const show = await runMain(['show', '-'], piped(MINE));
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^<stdin> · My Service/);
    const compare = await runMain(['compare', '-', 'bes'], piped(MINE));
    expect(compare.code).toBe(0);
    expect(compare.stdout).toMatch(/^\s+<stdin>\s+bes\n/);
  });

  it('a bad profile on standard input given to ask: <stdin>:line:col, exit 2', async () => {
    const r = await runMain(['ask', '-'], piped(BROKEN));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("<stdin>:8:18 unknown-party: 'usr' is not defined in parties (did you mean 'user'?)\n");
  });

  it('is read once a run, and never more than the size cap', async () => {
    const once = piped(MINE);
    expect((await runMain(['diff', '-', '--', '-@leaky'], once)).code).toBe(0);
    expect(once.calls).toEqual([LIMITS.maxBytes]);
    const big = await runMain(['validate', '-', '--format', 'json'], piped('#'.repeat(LIMITS.maxBytes + 1)));
    expect(big.code).toBe(1);
    expect(JSON.parse(big.stdout).files[0].findings.map((f: { code: string }) => f.code)).toEqual(['file-too-large']);
  });

  it('a terminal is not waited on: refused, exit 2', async () => {
    const r = await runMain(['ask', '-'], { io: { stdinIsTTY: true, stdin: async () => { throw new Error('read a terminal'); } } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^<stdin>:1:1 unreadable-file: cannot read this file: standard input is a terminal; pipe a profile in/);
  });

  it('a folder as standard input is refused, not read as empty: exit 2', () => {
    const folder = openSync(tmpdir(), 'r');
    try {
      const r = spawnSync(process.execPath, [BIN, 'validate', '-'], { stdio: [folder, 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(r.status).toBe(2);
      expect(r.stdout).toContain('<stdin>:1:1 unreadable-file: cannot read this file: standard input is a folder, not a file');
    } finally {
      closeSync(folder);
    }
  });

  it('the built binary reads a pipe: cat mine.yaml | keyholder validate -', () => {
    const r = run(['validate', '-'], { input: MINE });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 file checked: 1 valid, 0 invalid');
    expect(run(['ask', '-', '--format', 'json'], { input: MINE }).stdout).toContain('"file": "<stdin>"');
  });
});

describe('help', () => {
  it('keyholder help <command> prints that command\'s help on stdout, exit 0', async () => {
    const help = await runMain(['help', 'ask']);
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout).toMatch(/^Usage: keyholder ask /);
    expect(help.stdout).toBe((await runMain(['ask', '--help'])).stdout);
  });

  it('keyholder help prints the program\'s help, listing help [command], exit 0', async () => {
    const help = await runMain(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: keyholder /);
    expect(help.stdout).toMatch(/\n {2}help \[command\] +show help for a command\n/);
  });

  it.each([[['comapre', 'bes']], [['help', 'comapre']]])('an unknown command (%j) suggests the nearest and points at --help, exit 2', async (args) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("error: unknown command 'comapre'\n(Did you mean compare?)\nRun 'keyholder --help' to see the commands.\n");
  });

  const EXIT_1: Record<string, RegExp | null> = {
    list: null,
    show: null,
    ask: null,
    compare: null,
    validate: /\n {2}1 {4}a file is invalid\n/,
    diff: /\n {2}1 {4}--fail-on-regression found a regression/,
    check: /\n {2}1 {4}a rule broken at or above --fail-on\n/,
  };
  it.each(Object.entries(EXIT_1))('%s --help shows its own exit codes only', async (command, one) => {
    const help = (await runMain([command, '--help'])).stdout;
    const codes = help.slice(help.indexOf('\nExit codes:\n'));
    expect(codes).toMatch(/\n {2}0 {4}\S/);
    expect(codes).toMatch(/\n {2}2 {4}a usage error/);
    if (one) expect(codes).toMatch(one);
    else expect(codes).not.toMatch(/\n {2}1 /);
    // Nothing about the other commands.
    for (const other of Object.keys(EXIT_1).filter((c) => c !== command)) expect(codes).not.toMatch(new RegExp(`\\b${other}\\b`));
  });

  it.each(['ask', 'compare', 'diff', 'check'])('%s --help lists the built-in orders, from data/scenarios.yaml, and the jurisdictions', async (command) => {
    const help = (await runMain([command, '--help'])).stdout;
    const block = help.slice(help.indexOf('\nOrders (--order <id>'));
    expect(block.length).toBeLessThan(help.length);
    const scope = { account: 'one account', bulk: 'every account' } as const;
    for (const s of ORDERS) {
      const does = s.reaches.includes('build') ? `orders ${s.compels.join(', ')} to build access` : `compels ${s.compels.join(', ')}`;
      expect(block).toMatch(new RegExp(`\\n {2}${s.id} +${scope[s.scope as 'account' | 'bulk']}; ${does}\\n`));
    }
    expect(block.replace(/\s+/g, ' ')).toMatch(/Jurisdictions \(--in <id>, each with its instruments\): au \(\d+\), ca \(\d+\), eu \(\d+\), in \(\d+\), pk \(\d+\), uk \(\d+\), us \(\d+\)/);
  });

  it.each(['graph', 'report'])('%s --help, which prints no JSON, offers no --schema-version, and refuses one', async (command) => {
    expect((await runMain([command, '--help'])).stdout).not.toContain('--schema-version');
    expect((await runMain(['ask', '--help'])).stdout).toContain('--schema-version');
    const r = await runMain([command, 'bes', '--schema-version', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--schema-version'");
  });

  it.each(['list', 'show', 'validate'])('%s --help, which takes no --order, lists none', async (command) => {
    expect((await runMain([command, '--help'])).stdout).not.toContain('Orders (');
  });
});

describe('every mistake on one command line is reported', () => {
  it('each unknown service and variant on its own line, the hint once, exit 2', async () => {
    const r = await runMain(['compare', 'bess', 'imessage', 'imesage', 'imessage@adb', 'nothing-like-it']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        "error: unknown service 'bess' (did you mean 'bes'?)",
        "error: unknown service 'imesage' (did you mean 'imessage'?)",
        "error: 'imessage' has no variant 'adb' (did you mean 'adp'?)",
        "error: unknown service 'nothing-like-it'",
        "Run 'keyholder list' to see the services, or name a profile file by its path.",
        "Variants of 'imessage': adp, no-backup.",
        '',
      ].join('\n'),
    );
  });

  it('a bad profile file beside an unknown service: both, exit 2', async () => {
    const dir = workspace({ 'broken.yaml': BROKEN, 'policy.yaml': POLICY_RULE });
    for (const args of [['ask', 'bess', './broken.yaml'], ['diff', 'bess', './broken.yaml'], ['check', '--policy', 'policy.yaml', 'bess', './broken.yaml']]) {
      const r = await runMain(args, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("error: unknown service 'bess' (did you mean 'bes'?)\n");
      expect(r.stderr).toContain("./broken.yaml:8:18 unknown-party: 'usr' is not defined in parties (did you mean 'user'?)\n");
    }
  });
});

describe('COLUMNS sets the width of table output that is not a terminal', () => {
  const widest = (text: string) => Math.max(...text.split('\n').map((l) => l.length));
  const compare = (env: Record<string, string>, io = {}) => runMain(['compare', 'bbm', 'imessage', 'bes', 'whatsapp'], { env, io }).then((r) => r.stdout);

  it('narrower and wider than the default of 100', async () => {
    expect(widest(await compare({}))).toBeLessThanOrEqual(100);
    expect(widest(await compare({ COLUMNS: '60' }))).toBeLessThanOrEqual(60);
    expect(widest(await compare({ COLUMNS: '150' }))).toBeGreaterThan(100);
    expect(widest(await compare({ COLUMNS: '150' }))).toBeLessThanOrEqual(150);
  });

  it('clamped to 40..200; ignored where it is not a number', async () => {
    expect(await compare({ COLUMNS: '10' })).toBe(await compare({ COLUMNS: '40' }));
    expect(await compare({ COLUMNS: '1000' })).toBe(await compare({ COLUMNS: '200' }));
    expect(await compare({ COLUMNS: 'wide' })).toBe(await compare({}));
  });

  it('a terminal keeps its own width', async () => {
    expect(widest(await compare({ COLUMNS: '150' }, { stdoutIsTTY: true, columns: 70 }))).toBeLessThanOrEqual(70);
  });

  it('the built binary, piped, honours it', () => {
    expect(widest(run(['compare', 'bbm', 'imessage', 'bes'], { env: { COLUMNS: '60' } }).stdout)).toBeLessThanOrEqual(60);
  });
});

describe('options and paths that say what they want', () => {
  it('--max-age without a unit is a usage error that lists the units, exit 2', async () => {
    const r = await runMain(['validate', '--max-age', '2', 'data/services/bes.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("error: --max-age '2' has no unit\nWrite a number and a unit: d (days), w (weeks), m (months) or y (years), as in 90d, 26w, 18m, 2y.\n");
    expect((await runMain(['validate', '--max-age', '200y', 'data/services/bes.yaml'])).code).toBe(0);
  });

  it.each([['ask', 'bes'], ['list'], ['validate']])('%s --profiles FILE says the option wants a folder, exit 2', async (...args) => {
    const dir = workspace({ 'mine.yaml': MINE });
    const r = await runMain([...args, '--profiles', 'mine.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("error: --profiles wants a folder, and 'mine.yaml' is a file\nName the file where a service goes (./mine.yaml), or give --profiles its folder (.).\n");
  });

  it('--profiles with a folder that is not there, exit 2', async () => {
    const r = await runMain(['list', '--profiles', 'no-such-folder'], { cwd: workspace({}) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: --profiles 'no-such-folder': no such folder\n");
  });
});

describe('validate: 1 for an invalid file, 2 where it could not check what was asked', () => {
  const dir = () => workspace({ 'good.yaml': MINE, 'broken.yaml': BROKEN, 'empty/notes.txt': 'not yaml', 'full/mine.yaml': MINE });

  it('a missing file: reported with the rest, exit 2, and said on stderr', async () => {
    const r = await runMain(['validate', 'missing.yaml'], { cwd: dir() });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('missing.yaml:1:1 unreadable-file: cannot read this file: no such file');
    expect(r.stderr).toBe('error: could not read missing.yaml, so it was not checked\n');
  });

  it.each([[['good.yaml']], [['broken.yaml']], [['good.yaml', 'broken.yaml']]])('a missing file beside %j: still exit 2, every file reported', async (others) => {
    const r = await runMain(['validate', ...others, 'missing.yaml', '--format', 'json'], { cwd: dir() });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).files.map((f: { file: string }) => f.file).sort()).toEqual([...others, 'missing.yaml'].sort());
  });

  it('an invalid file, every path read: exit 1', async () => {
    expect((await runMain(['validate', 'good.yaml', 'broken.yaml'], { cwd: dir() })).code).toBe(1);
  });

  it('a folder with no profiles says so, exit 2, nothing checked', async () => {
    const r = await runMain(['validate', 'empty'], { cwd: dir() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: no profiles found in 'empty'\nvalidate checks the \*\.yaml and \*\.yml files in a folder/);
    expect((await runMain(['validate', 'full', 'empty'], { cwd: dir() })).code).toBe(2);
    expect((await runMain(['validate', 'full'], { cwd: dir() })).code).toBe(0);
  });
});
