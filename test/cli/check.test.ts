/**
 * `keyholder check`, spawned: every exit code the issue promises, and
 * reports on stdout and in files. Services beyond bes, bbm and imessage come
 * from fixtures, so a growing catalog cannot break these tests.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICY_RULE as RULE, ROOT } from '../helpers.js';
import { run, workspace } from './run.js';

const TIA = join(ROOT, 'examples/policies/customer-held-keys.yaml');
const BLANKET = join(ROOT, 'examples/policies/no-readable-content-under-blanket-order.yaml');


describe('exit codes', () => {
  it('0: nothing at or above --fail-on (infos on stdout, nothing on stderr)', () => {
    const r = run(['check', '--policy', TIA, 'bes', 'imessage@adp']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^data\/services\/bes\.yaml\n {2}\d+:\d+ +info +bes: by design BlackBerry \(provider\) reads metadata/);
    expect(r.stdout).toMatch(/passed \(none at or above error\)\n$/);
  });

  it('1: a rule broken at or above --fail-on', () => {
    const r = run(['check', '--policy', TIA, 'bbm', 'imessage', 'bes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^data\/services\/bbm\.yaml\n {2}\d+:\d+ +error +bbm: by design BlackBerry \(provider\) reads content in PIN message in transit +content-keys-held-by-customer$/m);
    expect(r.stdout).toMatch(/^ {2}\d+:\d+ +error +imessage: under blanket-order the authority can read content in iCloud Backup, via Apple +content-sealed-under-blanket-order$/m);
    expect(r.stdout).toMatch(/failed \(\d+ at or above error\)\n$/);
  });

  it('orders to build access: a build no one could be shown to notice fails, at the control fact it rests on', () => {
    const r = run(['check', '--policy', join(ROOT, 'examples/policies/builds-must-be-noticed.yaml'), 'bes', 'imessage@adp', '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    const errors = doc.findings.filter((f: { severity: string }) => f.severity === 'error');
    expect(errors.map((f: { service: string; variant: string | null; order: string; path: string; message: string }) => [f.service, f.variant, f.order, f.path, f.message])).toEqual([
      [
        'imessage',
        'adp',
        'build-order',
        'parties.user.code_from',
        "imessage@adp: under build-order Apple could ship changed software to Users' Apple devices and read content in Messages on devices, Message in transit, Queued messages, Messages in iCloud, iCloud Backup; no source says who could notice",
      ],
    ]);
    // BES's handsets run BlackBerry's code, but the enterprise checks it: noticed, so only noted.
    expect(doc.findings.filter((f: { service: string }) => f.service === 'bes').map((f: { rule: string }) => f.rule)).toEqual(['build-detection-sourced', 'builds-that-read-content']);
  });

  it('--fail-on sets the threshold: info fails on infos, error does not', () => {
    expect(run(['check', '--policy', TIA, 'bes', '--fail-on', 'info']).code).toBe(1);
    expect(run(['check', '--policy', TIA, 'bes', '--fail-on', 'warn']).code).toBe(0);
    expect(run(['check', '--policy', BLANKET, 'bes', '--fail-on', 'warn']).code).toBe(1);
    expect(run(['check', '--policy', BLANKET, 'bes', '--fail-on', 'error']).code).toBe(0);
  });

  it('by default, every service in the catalog and in --profiles (a policy kept there is not a profile)', () => {
    const dir = workspace({
      'mine/open.yaml': 'id: open-chat\nname: Open\nparties:\n  user: { kind: user }\n  vendor: { kind: provider }\nkeys: {}\ndata:\n  chat: { kind: content, seen_by: [user, vendor] }\n',
      'mine/policy.yaml': RULE,
    });
    const r = run(['check', '--policy', TIA, '--profiles', 'mine', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.services.map((s: { service: string }) => s.service)).toEqual(expect.arrayContaining(['bes', 'bbm', 'imessage', 'open-chat']));
    expect(doc.findings.filter((f: { service: string }) => f.service === 'open-chat').map((f: { file: string; line: number; col: number }) => `${f.file}:${f.line}:${f.col}`)).toEqual([
      'mine/open.yaml:8:3',
      'mine/open.yaml:8:3',
    ]);
  });

  it.each([
    ['a shape error in the policy', RULE.replace('severity: error', 'severity: fatal'), /^p\.yaml:4:15 bad-value: 'fatal' is not allowed at rules\[0\]\.severity; use one of: error, warn, info\n$/],
    ['an unknown order in the policy', RULE.replace('scenario: blanket-order', 'scenario: blanket'), /^p\.yaml:5:15 unknown-order: unknown order 'blanket'; use one of: by-design, lawful-request, blanket-order, build-order, /],
    ['a profile as the policy', 'id: x\nname: X\n', /^p\.yaml:1:1 missing-field: missing required field 'rules'/],
    ['YAML that does not parse', 'rules: [\n', /^p\.yaml:\d+:\d+ yaml-syntax: /],
  ])('2: %s, with file:line:col on stderr and nothing on stdout', (_, text, message) => {
    const dir = workspace({ 'p.yaml': text });
    const r = run(['check', '--policy', 'p.yaml', 'bes'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it.each([
    [['check', 'bes'], /required option '-p, --policy <file>' not specified/],
    [['check', '--policy', 'nope.yaml', 'bes'], /^nope\.yaml:1:1 unreadable-file: cannot read this file: no such file\n$/],
    [['check', '--policy', TIA, '--fial-on', 'warn'], /unknown option '--fial-on'\n\(Did you mean --fail-on\?\)/],
    [['check', '--policy', TIA, '--fail-on', 'fatal'], /argument 'fatal' is invalid\. Allowed choices are error, warn, info/],
    [['check', '--policy', TIA, '--format', 'table'], /argument 'table' is invalid\. Allowed choices are stylish, json, junit, sarif, github, markdown/],
    [['check', '--policy', TIA, 'bess'], /unknown service 'bess' \(did you mean 'bes'\?\)/],
    [['check', '--policy', TIA, '--report', 'sarf:out.sarif'], /unknown format 'sarf' \(did you mean 'sarif'\?\)/],
    [['check', '--policy', TIA, '--report', 'sarif'], /--report 'sarif' names no file/],
    [['check', '--policy', TIA, '--report', 'json:-'], /only one result can go to stdout/],
    [['check', '--policy', TIA, '-o', 'a.txt', '--report', 'json:a.txt'], /two results would be written to 'a\.txt'/],
  ])('2: %j', (args, message) => {
    const r = run(args, { cwd: workspace({}) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('2: a bad profile named on the command line', () => {
    const dir = workspace({ 'broken.yaml': 'id: broken\nname: B\nparties:\n  user: { kind: user }\nkeys:\n  k: { held_by: [usr] }\ndata: {}\n' });
    const r = run(['check', '--policy', TIA, './broken.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^\.\/broken\.yaml:6:18 unknown-party: /);
  });
});

describe('formats and reports', () => {
  it.each(['stylish', 'json', 'junit', 'sarif', 'github', 'markdown'])('--format %s points at the profile line of each finding', (format) => {
    const json = JSON.parse(run(['check', '--policy', TIA, 'bbm', '--format', 'json']).stdout);
    const r = run(['check', '--policy', TIA, 'bbm', '--format', format]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    for (const f of json.findings) {
      expect(r.stdout).toContain('data/services/bbm.yaml');
      expect(r.stdout).toMatch(new RegExp(`\\b${f.line}\\b[\\s\\S]{0,40}?\\b${f.col}\\b`));
    }
  });

  it('--report writes each report whole to its file, beside the main result on stdout', () => {
    const dir = workspace({});
    const r = run(['check', '--policy', TIA, 'bbm', 'bes', '--report', 'junit:junit.xml', '--report', 'sarif:keyholder.sarif'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/data\/services\/bbm\.yaml\n/);
    expect(JSON.parse(readFileSync(join(dir, 'keyholder.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="keyholder check" tests="\d+" failures="[1-9]/);
    expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'keyholder.sarif']);
  });

  it('a report that cannot be written: exit 2, and nothing left behind', () => {
    const dir = workspace({});
    const r = run(['check', '--policy', TIA, 'bbm', '--report', 'junit:out/junit.xml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: cannot write out\/junit\.xml/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--report <format>:- sends one report to stdout when the main result goes to a file', () => {
    const dir = workspace({});
    const r = run(['check', '--policy', TIA, 'bbm', '-o', 'check.txt', '--report', 'github:-'], { cwd: dir });
    expect(r.code).toBe(1);
    // A catalog profile is named by its path in the package, from any folder.
    expect(r.stdout).toMatch(/^::error file=data\/services\/bbm\.yaml,line=\d+,col=\d+,title=keyholder content-keys-held-by-customer::/);
    expect(readFileSync(join(dir, 'check.txt'), 'utf8')).toMatch(/^data\/services\/bbm\.yaml\n/);
  });
});
