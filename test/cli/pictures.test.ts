/**
 * `graph` and `report` (issue 14) as people run them: the built binary
 * spawned, its stdout, stderr and exit code; errors that say where (a
 * profile's file:line:col) and what to do; `-o` written whole or not at all.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOSTILE_PICTURES } from '../fixtures/hostile-pictures.js';
import { expectSafe } from '../format/safety.js';
import { MINE } from '../helpers.js';
import { run, workspace } from './run.js';

const BROKEN = MINE.replace('held_by: [user] }', 'held_by: [usr] }');

describe('graph', () => {
  it('draws Mermaid by default: on stdout, nothing on stderr, exit 0', () => {
    const r = run(['graph', 'bes']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^flowchart LR\n {2}accTitle: BlackBerry Enterprise Server \(bes\), by design\n/);
    expectSafe('mermaid', r.stdout);
  });

  it('DOT and SVG under an order, by the names of the profile', () => {
    const d = run(['graph', 'bes', '--order', 'blanket-order', '--format', 'dot']);
    expect(d).toMatchObject({ code: 0, stderr: '' });
    expect(d.stdout).toContain('label="Enterprise\\ncustomer · beyond reach (kind)"');
    const s = run(['graph', 'imessage@adp', '--order', 'blanket-order', '--format', 'svg']);
    expect(s).toMatchObject({ code: 0, stderr: '' });
    expect(s.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg /);
    expect(s.stdout).toContain('Apple iMessage (imessage@adp), under Blanket order');
    expectSafe('svg', s.stdout);
  });

  it('an instrument of a jurisdiction, named with --order, or by --in where it has but one', () => {
    const r = run(['graph', 'bes', '--in', 'pk', '--order', 'pk-bes-build-2015']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('pk-bes-build-2015 · in pk · every account · orders a build');
  });

  it('a conversation: each participant\'s devices, keys and copies, and the weakest participant\'s backup readable', () => {
    const r = run(['graph', 'imessage@adp+imessage', '--order', 'lawful-request']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('("participant 1 (adp)<br>user")');
    expect(r.stdout).toContain("{{\"participant 1's iCloud Backup key<br>key<br>keeps data sealed\"}}");
    expect(r.stdout).toMatch(/\("participant 2's iCloud Backup<br>content · backup · kept<br>readable under this order"\)/);
    expect(r.stdout).toMatch(/\("participant 1's iCloud Backup<br>content · backup · kept<br>sealed: needs participant 1's iCloud Backup key"\)/);
  });

  it('a bad profile file: exit 2, with file:line:col and the finding', () => {
    const dir = workspace({ 'bad.yaml': BROKEN });
    const r = run(['graph', './bad.yaml', '--format', 'svg'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^\.\/bad\.yaml:8:18 unknown-party: 'usr' is not defined in parties \(did you mean 'user'\?\)$/m);
  });

  it('a profile file, and its variant, from the command line', () => {
    const dir = workspace({ 'mine.yaml': MINE });
    const r = run(['graph', './mine.yaml@leaky', '--order', 'lawful-request'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('accTitle: My Service (./mine.yaml@leaky), under Targeted lawful request');
  });

  it('-o: the whole diagram, or, on an error, the old file as it was and nothing else', () => {
    const dir = workspace({ 'bes.svg': 'old\n' });
    expect(run(['graph', 'bes', '--order', 'nope', '--format', 'svg', '-o', 'bes.svg'], { cwd: dir }).code).toBe(2);
    expect(readFileSync(join(dir, 'bes.svg'), 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['bes.svg']);
    const r = run(['graph', 'bes', '--format', 'svg', '-o', 'bes.svg'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(dir, 'bes.svg'), 'utf8')).toBe(run(['graph', 'bes', '--format', 'svg']).stdout);
    expect(readdirSync(dir)).toEqual(['bes.svg']);
  });

  it('help: the formats, the orders it takes, its exit codes', () => {
    const r = run(['help', 'graph']);
    expect(r.code).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('(choices: "mermaid", "dot", "svg", default: "mermaid")');
    expect(text).toContain('--order <id> draw it under this order');
    expect(text).toContain('build-order');
    expect(r.stdout).toMatch(/Exit codes:\n {2}0 {4}the diagram was drawn\n {2}2 {4}a usage error/);
  });
});

describe('report', () => {
  it('writes one HTML page to -o, and nothing to stdout', () => {
    const dir = workspace({});
    const r = run(['report', 'bes', 'imessage', '-o', 'report.html'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const page = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(page).toMatch(/^<!doctype html>\n/);
    expect(page).toContain('<section class="service" id="svc-bes"');
    expect(page).toContain('<section class="service" id="svc-imessage"');
    expectSafe('html', page);
  });

  it('to stdout where no -o is given; byte for byte the same from run to run', () => {
    const a = run(['report', 'bes', '--in', 'pk']);
    expect(a).toMatchObject({ code: 0, stderr: '' });
    expect(a.stdout).toContain('data-order="pk-bes-build-2015"');
    expect(run(['report', 'bes', '--in', 'pk']).stdout).toBe(a.stdout);
  });

  it('an error leaves the old report as it was, and no temporary file', () => {
    const dir = workspace({ 'report.html': 'old\n', 'bad.yaml': BROKEN });
    const r = run(['report', 'bes', './bad.yaml', '-o', 'report.html'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^\.\/bad\.yaml:8:18 unknown-party: /m);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe('old\n');
    expect(readdirSync(dir).sort()).toEqual(['bad.yaml', 'report.html']);
  });

  it('never writes over a profile it reads', () => {
    const dir = workspace({ 'mine.yaml': MINE });
    const r = run(['report', './mine.yaml', '-o', 'mine.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/-o mine\.yaml is an input of this run/);
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toBe(MINE);
  });

  it('hostile profiles of one\'s own, drawn as they come: the page keeps its promises', () => {
    const files = Object.fromEntries(HOSTILE_PICTURES.slice(0, 6).map((yaml, i) => [`profiles/h${i}.yaml`, yaml.replace(/^id: hostile$/m, `id: hostile-${i}`)]));
    const dir = workspace(files);
    const r = run(['report', '--all', '--profiles', 'profiles', '-o', 'out.html'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: '' });
    const page = readFileSync(join(dir, 'out.html'), 'utf8');
    expectSafe('html', page);
    expect(page).toContain('id="svc-hostile-5"');
    expect(existsSync(join(dir, 'profiles', 'h0.yaml'))).toBe(true);
  });
});

describe('usage errors', () => {
  it.each([
    [['graph', 'bse'], /^error: unknown service 'bse' \(did you mean 'bes'\?\)\nRun 'keyholder list'/],
    [['graph', 'bes', '--order', 'blanket-ordr'], /^error: unknown order 'blanket-ordr' \(did you mean 'blanket-order'\?\)/],
    [['graph', 'bes', '--in', 'pq'], /^error: unknown jurisdiction 'pq' \(did you mean 'pk'\?\)/],
    [['graph', 'bes', '--order', 'lawful-request,blanket-order'], /^error: a diagram is drawn under one order, and this names 2: lawful-request, blanket-order\nName one with --order/],
    [['graph', 'bes', '--in', 'pk'], /^error: a diagram is drawn under one order, and this names 7: pk-s54-intercept, /],
    [['graph', 'bes', '--in', 'pk', '--order', 'blanket-order'], /^error: 'blanket-order' is not an instrument of pk\nRun 'keyholder orders --in pk'/],
    [['graph', 'bes', '--format', 'png'], /error: option '-f, --format <format>' argument 'png' is invalid\. Allowed choices are mermaid, dot, svg\./],
    [['graph'], /error: missing required argument 'service'/],
    [['graph', 'bes', 'bbm'], /error: too many arguments for 'graph'/],
    [['report'], /^error: name at least one service, or use --all\nFor example: keyholder report --all -o report\.html/],
    [['report', 'bes', '--order', 'nope'], /^error: unknown order 'nope'/],
    [['report', 'bse', 'bbmm'], /^error: unknown service 'bse' \(did you mean 'bes'\?\)\nerror: unknown service 'bbmm' \(did you mean 'bbm'\?\)/],
  ])('keyholder %j: exit 2, and why', (args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});
