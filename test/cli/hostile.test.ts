/**
 * Hostile input: whatever a profile file holds, keyholder answers with a
 * `file:line:col code: message` finding and the documented exit code (2 from
 * `ask`, 1 from `validate`), having read no more than its limits allow, and
 * never with a stack trace. Each case
 * runs in-process through `main`, and the built binary is spawned for every
 * case to show the process agrees.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES } from '../../src/format/registry.js';
import { LIMITS } from '../../src/model/limits.js';
import { decodeText, parseYaml, type ParseWork } from '../../src/model/yaml.js';
import { DENSE, LONG } from '../fixtures/hostile.js';
import { ROOT } from '../helpers.js';
import { BIN, UNPRIVILEGED, run, runMain, workspace } from './run.js';

const MINE = `id: mine
name: My Service
parties:
  user: { kind: user }
  vendor: { kind: provider, name: The vendor }
keys:
  k: { held_by: [user] }
data:
  chat: { kind: content, place: transit, seen_by: [user, vendor], encrypted_with: [k] }
  logs: { kind: metadata, place: server, seen_by: [vendor] }
`;

const utf8 = (text: string) => new TextEncoder().encode(text);
const laughs = () => {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++) lines.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(10).fill(`*${'abcdefghij'[i - 1]}`).join(', ')}]`);
  return lines.join('\n');
};

/** A profile of `n` parties and `n` forms, each form written by `form`. */
const profileOf = (n: number, form: (i: number) => string) =>
  [
    'id: many',
    'name: Many',
    'parties:',
    ...Array.from({ length: n }, (_, i) => `  party-${i}: { kind: provider }`),
    'keys: {}',
    'data:',
    ...Array.from({ length: n }, (_, i) => `  f${i}: { kind: content, ${form(i)} }`),
    '',
  ].join('\n');

interface Case {
  /** The file `ask` is given, as `./bad.yaml`. */
  file: string | Uint8Array;
  /** The first line on stderr, after `./bad.yaml:`. */
  first: RegExp;
}

const CASES: Record<string, Case> = {
  'malformed YAML': { file: 'id: x\nparties: [user\nkeys: {}\n', first: /^\d+:\d+ yaml-syntax: YAML syntax: / },
  'an empty file': { file: '', first: /^1:1 empty-file: file is empty/ },
  'only comments and blank lines': { file: '# nothing\n\n   \n', first: /^1:1 empty-file: / },
  'a list': { file: '- id: mine\n- name: x\n', first: /^1:1 wrong-type: expected a mapping, found a list$/ },
  'a scalar': { file: 'mine\n', first: /^1:1 wrong-type: expected a mapping, found a string$/ },
  'a number for the id': { file: MINE.replace('id: mine', 'id: 42'), first: /^1:5 wrong-type: expected a string, found a number at id$/ },
  'a string for a list': { file: MINE.replace('held_by: [user]', 'held_by: user'), first: /^7:17 wrong-type: expected a list, found a string at keys\.k\.held_by$/ },
  'a list for a mapping': { file: MINE.replace('  user: { kind: user }\n  vendor: { kind: provider, name: The vendor }\n', '  - user\n'), first: /^4:3 wrong-type: expected a mapping, found a list at parties$/ },
  'a mapping for a string': { file: MINE.replace('name: My Service', 'name: { en: x }'), first: /^2:7 wrong-type: expected a string, found a mapping at name$/ },
  'a mapping as a key': { file: `${MINE}? { a: 1 }\n: x\n`, first: /^11:3 wrong-type: mapping keys must be plain text$/ },
  'a duplicate key': { file: MINE.replace('name: My Service', 'name: My Service\nname: Again'), first: /^3:1 duplicate-key: this key appears twice in the same mapping$/ },
  'a duplicate party': { file: MINE.replace('  vendor:', '  user: { kind: user }\n  vendor:'), first: /^5:3 duplicate-key: / },
  'a key written once as a number and once as text': { file: `${MINE}1: a\n"1": b\n`, first: /^12:1 duplicate-key: / },
  'a billion laughs': { file: laughs(), first: /^2:12 alias-limit: too many YAML aliases: keyholder expands at most 100 in a file$/ },
  'ten thousand anchors': { file: Array.from({ length: 10_000 }, (_, i) => `k${i}: &a${i} v`).join('\n'), first: /^101:7 too-many-anchors: too many YAML anchors: keyholder allows at most 100 in a file$/ },
  'a hundred thousand aliases': { file: `a: &a x\nb: [${Array(100_000).fill('*a').join(', ')}]\n`, first: /^2:\d+ alias-limit: too many YAML aliases/ },
  'an id spelled in base64': { file: MINE.replace('id: mine', 'id: !!binary bWluZQ=='), first: /^1:5 yaml-tag: YAML tag '!!binary' is not allowed: a profile is plain data/ },
  'a date made a timestamp': { file: `${MINE}as_of: !!timestamp 2015-12-31\n`, first: /^11:8 yaml-tag: YAML tag '!!timestamp' is not allowed/ },
  'a custom tag': { file: MINE.replace('name: My Service', 'name: !secret My Service'), first: /^2:7 yaml-tag: YAML tag '!secret' is not allowed/ },
  'a megabyte flow list of scalars': { file: DENSE['a flow list of a megabyte of scalars']!(), first: new RegExp(`^1:${2 * LIMITS.maxNodes + 4} too-many-nodes: too many YAML nodes: keyholder reads at most ${LIMITS.maxNodes} in a file`) },
  'a megabyte flow list of empty lists': { file: DENSE['a flow list of empty lists']!(), first: new RegExp(`^1:${3 * LIMITS.maxNodes + 2} too-many-nodes: `) },
  'a megabyte block list': { file: DENSE['a block list of 262,000 items']!(), first: new RegExp(`^${LIMITS.maxNodes}:3 too-many-nodes: `) },
  'a megabyte of commas in a flow list': { file: DENSE['a flow list of nothing but commas']!(), first: new RegExp(`^1:${LIMITS.maxNodes + 6} too-many-nodes: `) },
  'a third more commas than the node limit': { file: `name: [${','.repeat(Math.round(1.3 * LIMITS.maxNodes))}]\n`, first: new RegExp(`^1:${LIMITS.maxNodes + 6} too-many-nodes: `) },
  'a megabyte of blank lines': { file: LONG['a megabyte of blank lines']!(), first: new RegExp(`^${LIMITS.maxLines + 1}:1 too-many-lines: too many lines: keyholder reads at most ${LIMITS.maxLines} lines of a file`) },
  'a megabyte of comments': { file: LONG['a megabyte of comments']!(), first: new RegExp(`^${LIMITS.maxLines + 1}:1 too-many-lines: `) },
  'references to a party that does not exist, up to the node limit': {
    file: MINE.replace('seen_by: [vendor] }', `seen_by: [${Array(LIMITS.maxNodes - 100).fill('nobody').join(', ')}] }`),
    first: /^10:\d+ unknown-party: 'nobody' is not defined in parties$/,
  },
  'flow nesting half a megabyte deep': { file: `id: x\nname: ${'['.repeat(500_000)}${']'.repeat(500_000)}\n`, first: /^2:71 too-deep: nesting deeper than 64 levels$/ },
  'flow mappings nested 65 deep': { file: `id: x\nname: ${'{a: '.repeat(65)}1${'}'.repeat(65)}\n`, first: /^2:\d+ too-deep: nesting deeper than 64 levels$/ },
  'block nesting a thousand deep': {
    file: `${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} x\n`,
    first: /^\d+:\d+ too-deep: nesting deeper than 64 levels$/,
  },
  'a file over 1 MiB': { file: `${MINE}# ${'x'.repeat(1024 * 1024)}\n`, first: /^1:1 file-too-large: file is 1048\d{3} bytes; keyholder reads files up to 1048576 bytes \(1 MiB\)$/ },
  'bytes that are not UTF-8': { file: new Uint8Array([...utf8('id: mine\nname: caf'), 0xe9, ...utf8('\n')]), first: /^2:10 not-utf8: file is not UTF-8 text \(first bad byte at offset 18\)$/ },
  'UTF-16': { file: new Uint8Array([0xff, 0xfe, ...utf8('i\0d\0')]), first: /^1:1 not-utf8: / },
  'an encoded surrogate': { file: new Uint8Array([...utf8('id: '), 0xed, 0xa0, 0x80]), first: /^1:5 not-utf8: / },
  'a NUL byte in an id': { file: MINE.replace('id: mine', 'id: "mi\\0ne"'), first: /^1:5 bad-id: 'mi\\x00ne' is not a valid id/ },
  'a second document': { file: `${MINE}---\nid: other\n`, first: /^11:1 yaml-syntax: YAML syntax: a file holds one profile, but a second YAML document starts here$/ },
  'an error after CRLF line ends and a byte-order mark': {
    file: `\ufeff${MINE.replace('held_by: [user]', 'held_by: [usr]')}`.replace(/\n/g, '\r\n'),
    first: /^7:18 unknown-party: 'usr' is not defined in parties \(did you mean 'user'\?\)$/,
  },
  'a thousand references to undefined parties among a thousand': {
    file: profileOf(1000, (i) => `seen_by: [partx-${i}]`),
    first: /^1006:34 unknown-party: 'partx-0' is not defined in parties \(did you mean 'party-0'\?\)$/,
  },
  'five hundred variants of a profile of five hundred forms': {
    file: `${profileOf(500, (i) => `seen_by: [party-${i}]`)}variants:\n${Array.from({ length: 500 }, (_, i) => `  v${i}: { summary: x }`).join('\n')}\n`,
    first: /^1006:1 too-many-variants: too many variants for a profile this large: 500 variants, each checked against \d+ YAML nodes; keyholder checks at most 50000/,
  },
  '__proto__ as an id': { file: MINE.replace('  vendor:', '  __proto__: { kind: provider }\n  vendor:'), first: /^5:3 bad-id: '__proto__' is not a valid id/ },
  '__proto__ as a top-level key': { file: `${MINE}__proto__: { polluted: true }\n`, first: /^11:1 unknown-field: unknown field '__proto__'/ },
  'constructor as a field of a party': { file: MINE.replace('{ kind: user }', '{ kind: user, constructor: x }'), first: /^4:23 unknown-field: unknown field 'constructor'/ },
};

const setup = (c: Case) => workspace({ 'bad.yaml': c.file });

describe.each(Object.entries(CASES))('%s', (_, c) => {
  it('ask: the finding on stderr, exit 2, nothing on stdout', async () => {
    const r = await runMain(['ask', './bad.yaml'], { cwd: setup(c) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const first = r.stderr.split('\n')[0]!;
    expect(first.startsWith('./bad.yaml:'), first).toBe(true);
    expect(first.slice('./bad.yaml:'.length)).toMatch(c.first);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('the loader reads no more than the node and line limits let it', () => {
    const bytes = typeof c.file === 'string' ? new TextEncoder().encode(c.file) : c.file;
    const text = decodeText(bytes, 'bad.yaml').text;
    const work: ParseWork = { lexemes: 0, nodes: 0, lines: 0, built: 0 };
    if (text !== undefined) parseYaml(text, 'bad.yaml', LIMITS, work);
    expect(work.nodes).toBeLessThanOrEqual(LIMITS.maxNodes + 1);
    expect(work.lines).toBeLessThanOrEqual(LIMITS.maxLines);
    // Five lexemes a node at most in these files (`- a` and a line break), two a line, and never a whole megabyte of them.
    expect(work.lexemes).toBeLessThanOrEqual(5 * (LIMITS.maxNodes + 1) + 2 * LIMITS.maxLines);
  });

  it('validate: the same finding on stdout, exit 1', async () => {
    const r = await runMain(['validate', 'bad.yaml'], { cwd: setup(c) });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]!.slice('bad.yaml:'.length)).toMatch(c.first);
    expect(r.stdout).toContain('1 file checked: 0 valid, 1 invalid');
  });
});

describe('the built binary', () => {
  it('agrees with main on every case: the same finding, exit 2, never a stack trace', async () => {
    const spawn = promisify(execFile);
    const results = await Promise.all(
      Object.entries(CASES).map(async ([name, c]) => {
        const r = await spawn(process.execPath, [BIN, 'ask', './bad.yaml'], { cwd: setup(c), env: { ...process.env, NO_COLOR: '1' } }).then(
          () => ({ code: 0, stderr: '' }),
          (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
        );
        return { name, code: r.code, first: r.stderr.split('\n')[0]!.slice('./bad.yaml:'.length), stack: /\n\s+at /.test(r.stderr) };
      }),
    );
    for (const r of results) {
      expect(r, r.name).toMatchObject({ code: 2, stack: false });
      expect(r.first, r.name).toMatch(CASES[r.name]!.first);
    }
  });
});

describe('a file with more findings than are shown', () => {
  // Five thousand stray commas: an error each, and a line each before.
  const dir = workspace({ 'commas.yaml': `name: [${','.repeat(5000)}]\n` });
  const more = /^commas\.yaml:1:\d+ too-many-findings: and \d+ more findings from here on \(all errors\), not shown: keyholder shows the first 100 of a file$/;

  it('validate shows the first hundred, then one line counting the rest, and the summary counts them all', async () => {
    const r = await runMain(['validate', 'commas.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(LIMITS.maxFindings + 2);
    expect(lines.slice(0, LIMITS.maxFindings).every((l) => l.includes(' yaml-syntax: '))).toBe(true);
    expect(lines[LIMITS.maxFindings]).toMatch(more);
    const total = LIMITS.maxFindings + Number(/and (\d+) more/.exec(lines[LIMITS.maxFindings]!)![1]);
    expect(total).toBeGreaterThanOrEqual(5000);
    expect(lines.at(-1)).toBe(`1 file checked: 0 valid, 1 invalid (${total} errors, 0 warnings)`);
  });

  it('ask prints as many on stderr', async () => {
    const r = await runMain(['ask', './commas.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(LIMITS.maxFindings + 1);
    expect(lines.at(-1)).toMatch(/^\.\/commas\.yaml:1:\d+ too-many-findings: /);
  });

  it.each(FORMAT_NAMES)('every format carries the counting finding: %s', async (format) => {
    const r = await runMain(['validate', 'commas.yaml', '--format', format], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout.match(/yaml-syntax/g)).toHaveLength(LIMITS.maxFindings);
    expect(r.stdout).toContain('too-many-findings');
    expect(r.stdout).toMatch(/and \d+ more findings from here on/);
  });
});

describe('the environment', () => {
  it("yaml's debugging variables print nothing: stdout is for data", () => {
    const dir = workspace({ 'mine.yaml': MINE });
    const plain = run(['validate', 'mine.yaml', '--format', 'json'], { cwd: dir });
    const logged = run(['validate', 'mine.yaml', '--format', 'json'], { cwd: dir, env: { LOG_TOKENS: '1', LOG_STREAM: '1' } });
    expect(logged).toEqual(plain);
  });
});

describe('what is not hostile', () => {
  it('a byte-order mark and CRLF (or CR) line ends: the same answers as plain LF', async () => {
    const dir = workspace({ 'lf.yaml': MINE, 'crlf.yaml': `\ufeff${MINE.replace(/\n/g, '\r\n')}`, 'cr.yaml': MINE.replace(/\n/g, '\r') });
    const answers = async (file: string) => {
      const r = await runMain(['ask', file, '--format', 'json'], { cwd: dir });
      expect(r.code, file).toBe(0);
      return JSON.parse(r.stdout).answers.map((a: { file: string }) => ({ ...a, file: null }));
    };
    const lf = await answers('./lf.yaml');
    expect(await answers('./crlf.yaml')).toEqual(lf);
    expect(await answers('./cr.yaml')).toEqual(lf);
    const broken = workspace({ 'cr.yaml': MINE.replace('held_by: [user]', 'held_by: [usr]').replace(/\n/g, '\r') });
    expect((await runMain(['ask', './cr.yaml'], { cwd: broken })).stderr).toMatch(/^\.\/cr\.yaml:7:18 unknown-party: /);
  });
});

describe('files that are not profiles', () => {
  const reason = (r: { stderr: string }) => r.stderr.replace(/^[^ ]+ unreadable-file: cannot read this file: /, '').trim();

  it('a folder, a missing file, a file behind a link loop', async () => {
    const dir = workspace({ 'sub/x.yaml': MINE });
    symlinkSync('loop-b.yaml', join(dir, 'loop-a.yaml'));
    symlinkSync('loop-a.yaml', join(dir, 'loop-b.yaml'));
    expect(reason(await runMain(['ask', './sub'], { cwd: dir }))).toBe('it is a folder, not a file');
    expect(reason(await runMain(['ask', './nope.yaml'], { cwd: dir }))).toBe('no such file');
    expect(reason(await runMain(['ask', './loop-a.yaml'], { cwd: dir }))).toBe('too many symbolic links (a loop?)');
    expect(reason(await runMain(['ask', './sub/x.yaml/y.yaml'], { cwd: dir }))).toBe('a part of the path is not a folder');
  });

  it('a pipe and a device are refused at once, not waited on', async () => {
    const dir = workspace({});
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    for (const path of ['./pipe.yaml', '/dev/zero']) {
      const r = run(['ask', path], { cwd: dir });
      expect(r.code).toBe(2);
      expect(reason(r)).toBe('it is not a regular file (a pipe, a device or a socket)');
    }
  });

  it.skipIf(UNPRIVILEGED === null)('a file that cannot be read: permission denied, exit 2', () => {
    const dir = workspace({ 'secret.yaml': MINE });
    chmodSync(join(dir, 'secret.yaml'), 0o000);
    const r = run(['ask', './secret.yaml'], { cwd: dir, unprivileged: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('./secret.yaml:1:1 unreadable-file: cannot read this file: permission denied\n');
    const v = run(['validate', 'secret.yaml'], { cwd: dir, unprivileged: true });
    expect(v.code).toBe(2);
    expect(v.stdout).toContain('secret.yaml:1:1 unreadable-file: cannot read this file: permission denied');
  });
});

describe('--profiles folders', () => {
  it('a symbolic link loop is read once and reported, never followed forever', async () => {
    const dir = workspace({ 'profiles/mine.yaml': MINE });
    symlinkSync('..', join(dir, 'profiles', 'up'));
    mkdirSync(join(dir, 'profiles', 'deeper'));
    symlinkSync('../../profiles', join(dir, 'profiles', 'deeper', 'again'));
    const r = await runMain(['ask', 'mine', '--profiles', 'profiles'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('profiles/deeper/again:1:1 unreadable-file: cannot read this file: a symbolic link loop: this folder was already read');
    expect(r.stderr).toContain('profiles/up/profiles:1:1 unreadable-file: cannot read this file: a symbolic link loop');
  });

  it('two profiles with the same id: exit 2, naming both files', async () => {
    const dir = workspace({ 'profiles/a.yaml': MINE, 'profiles/b/again.yaml': MINE });
    const r = await runMain(['ask', 'mine', '--profiles', 'profiles'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("profiles/b/again.yaml:1:5 duplicate-id: id 'mine' is already used by profiles/a.yaml:1:5\n");
    const v = await runMain(['validate', 'profiles'], { cwd: dir });
    expect(v.code).toBe(1);
    expect(v.stdout).toContain("profiles/b/again.yaml:1:5 duplicate-id: id 'mine' is already used by profiles/a.yaml:1:5");
  });

  it('a bad file among good ones stops every command but validate with exit 2', async () => {
    const dir = workspace({ 'profiles/mine.yaml': MINE, 'profiles/bad.yaml': 'id: [' });
    for (const args of [['list'], ['show', 'bes'], ['ask', 'bes'], ['compare', 'bes']]) {
      const r = await runMain([...args, '--profiles', 'profiles'], { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^profiles\/bad\.yaml:1:\d+ yaml-syntax: /);
    }
  });
});

describe('prototype pollution', () => {
  it('constructor, prototype and __proto__ as ids and keys: plain data, and Object.prototype untouched', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const yaml = `id: constructor
name: Prototype
parties:
  constructor: { kind: user }
  prototype: { kind: provider, stance: { lawful-request: { position: comply } } }
  hasownproperty: { kind: network }
keys:
  tostring: { held_by: [constructor] }
  valueof: { held_by: [prototype] }
data:
  constructor: { kind: content, seen_by: [prototype, hasownproperty], encrypted_with: [tostring] }
  prototype: { kind: metadata, seen_by: [prototype], encrypted_with: [valueof] }
variants:
  constructor:
    summary: A variant named constructor.
    keys: { tostring: { held_by: [constructor, prototype] } }
sources:
  prototype: { title: Source named prototype }
`;
    const dir = workspace({ 'constructor.yaml': yaml, 'proto.yaml': yaml.replace('  hasownproperty:', '  __proto__: { kind: host }\n  hasownproperty:') });
    const r = await runMain(['ask', './constructor.yaml', './constructor.yaml@constructor', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const answers = JSON.parse(r.stdout).answers;
    expect(answers[0].service).toBe('constructor');
    const parties = (way: { parties: { party: string }[] }) => way.parties.map((p) => p.party);
    expect(answers[0].data[1].authority.ways.map(parties)).toEqual([['prototype']]);
    expect(answers[0].data[1].authority.ways[0].reads).toEqual([{ form: 'prototype', place: null }]);
    expect(answers[2]).toMatchObject({ variant: 'constructor' });
    expect(answers[2].data[0].authority.ways.map(parties)).toEqual([['prototype']]);
    expect((await runMain(['show', './constructor.yaml', '--format', 'json'], { cwd: dir })).code).toBe(0);
    const bad = await runMain(['validate', 'proto.yaml', '--format', 'json'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).files[0].findings.map((f: { code: string }) => f.code)).toEqual(['bad-id']);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype.toString.call({})).toBe('[object Object]');
  });
});

describe('no input reaches the internal-error path', () => {
  it('no code spreads an array into the arguments of a call, where a long one overflows the stack', () => {
    const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const spreads = files.flatMap((f) =>
      readFileSync(join(ROOT, 'src', f), 'utf8')
        .split('\n')
        // A spread among the call's own arguments, not inside an object or array literal, in code, not comments.
        .flatMap((line, i) => (/\b(push|unshift|splice|max|min|fromCharCode|fromCodePoint)\((?:[^(){}[\]]*, )?\.\.\./.test(line) && !/^\s*(\/?\*|\/\/)/.test(line) ? [`src/${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(spreads).toEqual([]);
  });
});

describe('an internal error', () => {
  // A stream that fails on write is one way to reach the code path no input should.
  const broken = {
    stdout: () => {
      throw new Error('the stream broke\u001b[31m');
    },
  };

  it('is one line and a hint, exit 2, with no stack trace', async () => {
    const r = await runMain(['list'], { io: broken });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('internal error: the stream broke\\x1b[31m\nRun again with --debug for the stack trace, and please report it.\n');
  });

  it('shows its stack trace with --debug, and only then', async () => {
    const r = await runMain(['list', '--debug'], { io: broken });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^internal error: the stream broke\\x1b\[31m\nError: the stream broke\\x1b\[31m\n\s+at /);
    const bad = await runMain(['ask', './nope.yaml', '--debug']);
    expect(bad.stderr).toBe('./nope.yaml:1:1 unreadable-file: cannot read this file: no such file\n');
  });
});

