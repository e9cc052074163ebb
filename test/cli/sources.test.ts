/** `keyholder sources`, run as a user runs it: stdout, stderr and the exit code. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, workspace } from './run.js';

const MINE = `id: mine
name: My Mail
as_of: 2025-01-15
parties:
  user: { kind: user }
  vendor: { kind: provider, jurisdictions: [us], sources: [filing] }
keys:
  k: { held_by: [user, vendor], sources: [help] }
data:
  mail: { kind: content, place: server, retention: stored, seen_by: [vendor], encrypted_with: [k], sources: [help] }
variants:
  sealed:
    summary: Only the user holds the key.
    sources: [help]
    keys:
      k: { held_by: [user], sources: [sealed] }
sources:
  help: { title: How mail is stored, url: "https://example.com/help", accessed: 2025-01-15 }
  filing: { title: A declaration, date: 2024-09-30, offline: true, note: Filed in court; no public copy. }
  sealed: { title: Sealed mail, url: "https://example.com/sealed", date: 2025-01 }
  spare: { title: Spare, url: "https://example.com/spare", date: "2019" }
`;

describe('keyholder sources', () => {
  it("lists a service's sources with title, date, where to read them and the claims citing each; exit 0, nothing on stderr", () => {
    const r = run(['sources', 'signal']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^signal · Signal · as of \d{4}-\d{2}-\d{2}$/m);
    expect(r.stdout).toContain('signal-bigbrother');
    expect(r.stdout).toContain('https://signal.org/bigbrother/');
    expect(r.stdout).toMatch(/cited by party:user; party:signal;/);
    expect(r.stdout).toMatch(/secure-backup: key:recovery-key/);
    expect(r.stdout).toMatch(/^\d+ sources of 1 service$/m);
  });

  it('with no service, every service of the catalog, each by the name people know it by', () => {
    const doc = JSON.parse(run(['sources', '--format', 'json']).stdout);
    const list = JSON.parse(run(['list', '--format', 'json']).stdout);
    expect(doc.services.map((s: { service: string }) => s.service)).toEqual(list.services.map((s: { id: string }) => s.id));
    expect(doc.services.find((s: { service: string }) => s.service === 'whatsapp').name).toBe('WhatsApp');
    for (const s of doc.services) for (const x of s.sources) expect(x.url !== null || x.offline, `${s.service} ${x.id}`).toBe(true);
  });

  it('a source with no url is offline material; one no claim cites is said; a variant lists what it cites', () => {
    const cwd = workspace({ 'mine.yaml': MINE });
    const table = run(['sources', './mine.yaml'], { cwd });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ +filing +A declaration\n +2024-09-30\n +offline material\n/m);
    expect(table.stdout).toContain('cited by no claim');
    expect(table.stdout).toContain('cited by sealed: key:k');
    expect(table.stdout).toContain('4 sources of 1 service; 1 offline material; 1 cited by no claim');
    const doc = JSON.parse(run(['sources', './mine.yaml@sealed', '--format', 'json'], { cwd }).stdout);
    expect(doc.services[0]).toMatchObject({ service: 'mine', variant: 'sealed', name: 'My Mail' });
    expect(doc.services[0].sources.map((s: { id: string; citedBy: string[] }) => [s.id, s.citedBy])).toEqual([
      ['help', ['variant:sealed', 'form:mail']],
      ['filing', ['party:vendor']],
      ['sealed', ['key:k']],
    ]);
    const md = run(['sources', './mine.yaml', '--format', 'markdown'], { cwd }).stdout;
    expect(md).toContain('| filing | A declaration |  | 2024-09-30 | offline material | party:vendor |');
    expect(md).toContain('| spare | Spare |  | 2019 | <https://example.com/spare> | **no claim** |');
  });

  it('-o writes the whole list to a file, and nothing to stdout', () => {
    const cwd = workspace({});
    const r = run(['sources', 'bes', '--format', 'csv', '-o', 'bes-sources.csv'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const csv = readFileSync(join(cwd, 'bes-sources.csv'), 'utf8');
    expect(csv).toMatch(/^service,variant,name,source,title,publisher,date,accessed,url,offline,cited_by\r\n/);
    expect(csv).toContain('bes,,BlackBerry Enterprise Server,rcr-blackberry-2022,');
  });

  it('an unknown service is a usage error with a suggestion: exit 2, nothing on stdout', () => {
    const r = run(['sources', 'signl']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("unknown service 'signl' (did you mean 'signal'?)");
  });

  it('--help says what it lists and its exit codes', () => {
    const r = run(['sources', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: keyholder sources [options] [services...]');
    expect(r.stdout).toContain('Exit codes:');
  });
});
