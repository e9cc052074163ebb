/**
 * How output names a user's own files (issue 9, item 12): one given by an
 * absolute path inside the working folder by its path from there, as CI
 * annotations and SARIF want; one outside it as given. Spawned, from a
 * temporary folder.
 */
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { run, workspace } from './run.js';

const TIA = join(ROOT, 'examples/policies/customer-held-keys.yaml');
const OPEN = 'id: open-chat\nname: Open\nparties:\n  user: { kind: user }\n  vendor: { kind: provider }\nkeys: {}\ndata:\n  chat: { kind: content, seen_by: [user, vendor] }\n';

/** Every place check's formats name the file of a finding (and json its services' and policy's). */
function checkFiles(args: string[], cwd: string) {
  const out = (format: string) => {
    const r = run([...args, '--format', format], { cwd });
    expect(r.stderr, format).toBe('');
    expect(r.code, format).toBe(1);
    return r.stdout;
  };
  const json = JSON.parse(out('json'));
  return {
    json: json.findings.map((f: { file: string }) => f.file),
    services: json.services.map((s: { file: string }) => s.file),
    sarif: JSON.parse(out('sarif')).runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri),
    github: [...out('github').matchAll(/^::\w+ file=([^,]*),/gm)].map((m) => m[1]!),
    junit: [...out('junit').matchAll(/ file="([^"]*)"/g)].map((m) => m[1]!),
    stylish: out('stylish').split('\n').filter((l) => /^\S+\.yaml$/.test(l)),
  };
}

const every = (files: Record<string, string[]>) => Object.values(files).flat();

describe("a user's file named by an absolute path", () => {
  it('inside the working folder: by its path from there, in every format of check', () => {
    const dir = workspace({ 'profiles/open.yaml': OPEN });
    for (const args of [
      ['check', '--policy', TIA, join(dir, 'profiles/open.yaml')],
      ['check', '--policy', TIA, 'open-chat', '--profiles', join(dir, 'profiles')],
    ]) {
      const files = checkFiles(args, dir);
      expect(files.json.length, args.join(' ')).toBeGreaterThan(0);
      for (const list of Object.values(files)) expect(list.length).toBeGreaterThan(0);
      expect(new Set(every(files)), args.join(' ')).toEqual(new Set(['profiles/open.yaml']));
    }
  });

  it('outside the working folder: as given (SARIF a file:// URI)', () => {
    const elsewhere = workspace({ 'open.yaml': OPEN });
    const file = join(elsewhere, 'open.yaml');
    const files = checkFiles(['check', '--policy', TIA, file], workspace({}));
    expect(new Set([...files.json, ...files.services, ...files.github, ...files.junit, ...files.stylish])).toEqual(new Set([file]));
    expect(new Set(files.sarif)).toEqual(new Set([`file://${file}`]));
  });

  it('inside the working folder named through a symbolic link to it: by its path from there', () => {
    const dir = workspace({ 'profiles/open.yaml': OPEN });
    const link = join(mkdtempSync(join(tmpdir(), 'keyholder-link-')), 'here');
    symlinkSync(dir, link);
    // A shell in the link has $PWD the link; the process's own cwd is where it leads.
    const files = checkFiles(['check', '--policy', TIA, join(link, 'profiles/open.yaml')], link);
    expect(new Set(every(files))).toEqual(new Set(['profiles/open.yaml']));
  });

  it('the policy: its findings and its file in JSON', () => {
    const rule = (severity: string) => `rules:\n  - { id: r, description: R., severity: ${severity}, scenario: blanket-order, data: content, forbid: authority-reads }\n`;
    const bad = workspace({ 'policies/p.yaml': rule('fatal') });
    const r = run(['check', '--policy', join(bad, 'policies/p.yaml'), 'bes'], { cwd: bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^policies\/p\.yaml:2:41 bad-value: /);
    const ok = workspace({ 'policies/p.yaml': rule('error') });
    expect(JSON.parse(run(['check', '--policy', join(ok, 'policies/p.yaml'), 'bes', '--format', 'json'], { cwd: ok }).stdout).policy.file).toBe('policies/p.yaml');
  });

  it("answers' file fields, their labels and validate's files", () => {
    const dir = workspace({ 'profiles/open.yaml': OPEN });
    const file = join(dir, 'profiles/open.yaml');
    const ask = JSON.parse(run(['ask', file, '--format', 'json'], { cwd: dir }).stdout);
    expect(new Set(ask.answers.map((a: { file: string }) => a.file))).toEqual(new Set(['profiles/open.yaml']));
    const csv = run(['ask', file, '--format', 'csv'], { cwd: dir }).stdout;
    expect(csv).toContain(',profiles/open.yaml,');
    expect(csv).not.toContain(dir);
    expect(run(['ask', file, `${file}+${file}*2`], { cwd: dir }).stdout).not.toContain(dir);
    const validated = JSON.parse(run(['validate', join(dir, 'profiles'), '--format', 'json'], { cwd: dir }).stdout);
    expect(validated.files.map((f: { file: string }) => f.file)).toEqual(['profiles/open.yaml']);
    const broken = workspace({ 'bad.yaml': 'id: x\nname: X\n' });
    const r = run(['validate', join(broken, 'bad.yaml')], { cwd: broken });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/^bad\.yaml:1:1 missing-field: /m);
  });
});
