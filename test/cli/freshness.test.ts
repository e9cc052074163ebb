/**
 * The age of a profile's facts at answer time, run as a user runs keyholder:
 * measured on the day SOURCE_DATE_EPOCH names (the clock otherwise, never
 * in a test), noted under the answers where facts are over two years old,
 * said as history where the service was discontinued.
 */
import { describe, expect, it } from 'vitest';
import { CATALOG_DATE, epochOf } from '../helpers.js';
import { run, workspace } from './run.js';

const on = (day: string) => ({ env: { SOURCE_DATE_EPOCH: epochOf(day) } });

const profile = (id: string, extra: string) => `id: ${id}
name: ${id === 'old' ? 'Old Chat' : 'Gone Chat'}
category: messaging
${extra}
parties:
  user: { kind: user, verified: false }
  vendor: { kind: provider, jurisdictions: [us], verified: false }
keys:
  k: { held_by: [user, vendor], verified: false }
data:
  chat: { kind: content, place: server, retention: stored, seen_by: [vendor], encrypted_with: [k], verified: false }
`;
const dir = () =>
  workspace({
    'profiles/old.yaml': profile('old', 'as_of: 2020-01-01'),
    'profiles/gone.yaml': profile('gone', 'as_of: 2018-03-01\nstatus: discontinued\ndiscontinued_on: 2019-05-31'),
  });

describe('ask and compare', () => {
  it('note, under the answers, a live service whose facts are over two years old, and a discontinued one as history; exit 0', () => {
    const cwd = dir();
    for (const command of ['compare', 'ask']) {
      const r = run([command, 'old', 'gone', '--profiles', 'profiles'], { cwd, ...on('2023-06-01') });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      const notes = r.stdout.slice(r.stdout.indexOf('\nNOTES\n'), r.stdout.indexOf('\nORDERS\n'));
      expect(notes).toContain('old: facts as of 2020-01-01, over 2 years old; check them before you rely on them');
      expect(notes).toContain('gone: discontinued on 2019-05-31; its facts (as of 2018-03-01) describe the service as it ran');
      expect(notes).not.toContain('gone: facts');
    }
  });

  it('a service no source says still runs: the note gives its status_note beside the age; list says it may no longer run', () => {
    const asked = run(['ask', 'bbm-enterprise'], on(CATALOG_DATE));
    expect(asked.code).toBe(0);
    expect(asked.stdout.replace(/\s+/g, ' ')).toMatch(
      /bbm-enterprise: facts as of 2020-11-06, over 2 years old; check them before you rely on them; no source says whether the service still runs \(A late-2021 report/,
    );
    expect(run(['list'], on(CATALOG_DATE)).stdout).toMatch(/^\s+may no longer run$/m);
  });

  it('no note for facts under two years old on the day measured', () => {
    const r = run(['compare', 'old', '--profiles', 'profiles'], { cwd: dir(), ...on('2021-12-31') });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('NOTES');
    expect(r.stdout).not.toContain('over 2 years old');
  });

  it('JSON: a freshness field in every answer; --schema-version 1 prints none', () => {
    const cwd = dir();
    const doc = JSON.parse(run(['compare', 'old', 'gone', '--profiles', 'profiles', '--format', 'json'], { cwd, ...on('2023-06-01') }).stdout);
    expect(doc.answers.map((a: { service: string; freshness: unknown }) => [a.service, a.freshness])).toEqual([
      ['old', { measuredOn: '2023-06-01', ageDays: 1247, stale: true, status: 'active', discontinuedOn: null, statusNote: null }],
      ['old', { measuredOn: '2023-06-01', ageDays: 1247, stale: true, status: 'active', discontinuedOn: null, statusNote: null }],
      ['gone', { measuredOn: '2023-06-01', ageDays: 1918, stale: false, status: 'discontinued', discontinuedOn: '2019-05-31', statusNote: null }],
      ['gone', { measuredOn: '2023-06-01', ageDays: 1918, stale: false, status: 'discontinued', discontinuedOn: '2019-05-31', statusNote: null }],
    ]);
    const v1 = JSON.parse(run(['compare', 'old', '--profiles', 'profiles', '--format', 'json', '--schema-version', '1'], { cwd, ...on('2023-06-01') }).stdout);
    expect(Object.keys(v1.answers[0])).toEqual(['service', 'variant', 'file', 'scenario', 'asOf', 'data']);
  });

  it('Markdown: the services by category with as-of date, age and status, and the notes under that table', () => {
    const r = run(['compare', 'old', 'gone', '--profiles', 'profiles', '--format', 'markdown'], { cwd: dir(), ...on('2023-06-01') });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| messaging | old | Old Chat | 2020-01-01 (3 y) | active; facts over 2 years old |');
    expect(r.stdout).toContain('| messaging | gone | Gone Chat | 2018-03-01 (5 y) | discontinued 2019-05-31 |');
    expect(r.stdout).toContain('- old: facts as of 2020-01-01, over 2 years old; check them before you rely on them.');
  });

  it('CSV: each row says the as-of date, its age in days, and whether it is stale', () => {
    const r = run(['compare', 'old', '--profiles', 'profiles', '--format', 'csv', '--data', 'content'], { cwd: dir(), ...on('2023-06-01') });
    const [header, row] = r.stdout.split('\r\n');
    expect(header!.split(',').slice(-5, -1)).toEqual(['as_of', 'age_days', 'stale', 'discontinued_on']);
    expect(row!.split(',').slice(-5, -1)).toEqual(['2020-01-01', '1247', 'true', '']);
  });
});

describe('list', () => {
  it("shows each profile's as-of date and age, and says which are over two years old or discontinued", () => {
    const r = run(['list', '--profiles', 'profiles'], { cwd: dir(), ...on('2023-06-01') });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^old\s+Old Chat\s+2020-01-01\s+3 y\s*$/m);
    expect(r.stdout).toMatch(/^\s+facts over 2 years old\s*$/m);
    expect(r.stdout).toMatch(/^gone\s+Gone Chat\s+2018-03-01\s+5 y\s*$/m);
    expect(r.stdout).toMatch(/^\s+discontinued 2019-05-31\s*$/m);
    expect(r.stdout).toMatch(/services, \d+ variants \(\d+ discontinued; \d+ with facts over 2 years old\)\n$/);
    const json = JSON.parse(run(['list', '--profiles', 'profiles', '--format', 'json'], { cwd: dir(), ...on('2023-06-01') }).stdout);
    expect(json.services.find((s: { id: string }) => s.id === 'old')).toMatchObject({ asOf: '2020-01-01', ageDays: 1247, stale: true });
  });

  it('the catalog, on its date: ages in months up to two years, then in years', () => {
    const r = run(['list'], on(CATALOG_DATE));
    expect(r.stdout).toMatch(/^signal\s+Signal\s+\d{4}-\d{2}-\d{2}\s+\d+ mo\s+secure-backup\s*$/m);
    expect(r.stdout).toMatch(/^bbm\s+.*\s+2015-03-12\s+11 y\s+org-pin-key\s*$/m);
  });
});

describe('validate --strict --max-age 2y', () => {
  it('a discontinued service is historical: a warning that says why, exit 0; a live one is stale: exit 1', () => {
    const cwd = dir();
    const gone = run(['validate', '--strict', '--max-age', '2y', 'profiles/gone.yaml'], { cwd, ...on('2023-06-01') });
    expect(gone.stdout).toContain('historical-profile');
    expect(gone.code).toBe(0);
    const old = run(['validate', '--max-age', '2y', 'profiles/old.yaml'], { cwd, ...on('2023-06-01') });
    expect(old.stdout).toContain('stale-profile');
    expect(old.code).toBe(1);
  });

  it('the catalog on its date: only historical services, and the one no source says still runs, each saying why; exit 0', () => {
    const r = run(['validate', '--strict', '--max-age', '2y', 'data/', '--format', 'json'], on(CATALOG_DATE));
    const found = JSON.parse(r.stdout).files.flatMap((f: { id: string; findings: { code: string }[] }) => f.findings.map((x) => `${f.id} ${x.code}`));
    expect(found.sort()).toEqual([
      'bbm historical-profile',
      'bbm-enterprise unconfirmed-profile',
      'bes historical-profile',
      'bis historical-profile',
    ]);
    expect(r.code).toBe(0);
  });
});

describe('SOURCE_DATE_EPOCH', () => {
  it.each(['abc', '-1', ' 5', '1.5', '253402300800', '99999999999999999'])("'%s' is not a day: a usage error, exit 2, nothing printed", (epoch) => {
    for (const args of [['list'], ['compare', 'bes'], ['validate', '--max-age', '2y', 'data/services/bes.yaml']]) {
      const r = run(args, { env: { SOURCE_DATE_EPOCH: epoch } });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, up to the end of 9999, not '${epoch}'\nFacts are aged from that day: unset it to age them from today.\n`);
    }
  });

  it('empty is unset; the last second of 9999 is that day', () => {
    expect(run(['list'], { env: { SOURCE_DATE_EPOCH: '' } }).code).toBe(0);
    const last = run(['list', '--format', 'json'], { env: { SOURCE_DATE_EPOCH: '253402300799' } });
    expect(last.code).toBe(0);
    const bes = JSON.parse(last.stdout).services.find((x: { id: string }) => x.id === 'bes');
    expect(bes.ageDays).toBe((Date.parse('9999-12-31') - Date.parse(bes.asOf)) / 86_400_000);
  });
});
