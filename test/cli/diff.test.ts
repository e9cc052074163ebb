/**
 * `keyholder diff`, spawned: what ADP changes, two versions of one profile
 * file as a pull request compares them, and the exit codes.
 */
import { describe, expect, it } from 'vitest';
import { MINE } from '../helpers.js';
import { run, workspace } from './run.js';

/** A head version that, like the variant `leaky`, gives the vendor the key. */
const HEAD = MINE.replace('  k: { held_by: [user] }', '  k: { held_by: [user, vendor] }');

describe('diff', () => {
  it('imessage imessage@adp: what Advanced Data Protection changes', () => {
    const r = run(['diff', 'imessage', 'imessage@adp']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^imessage -> imessage@adp\n/);
    // Parties and forms by their names in the profile, not their ids.
    expect(r.stdout).toMatch(/^by design +- Apple \(provider\) reads it$/m);
    expect(r.stdout).toMatch(/^blanket-order +readable -> not readable\n +- via Apple\n +- reads Messages in iCloud, iCloud Backup$/m);
    expect(r.stdout).toMatch(/no regression/);
  });

  it('--fail-on-regression: exit 1 only where someone gains a way to read', () => {
    expect(run(['diff', 'imessage', 'imessage@adp', '--fail-on-regression']).code).toBe(0);
    const r = run(['diff', 'imessage@adp', 'imessage', '--fail-on-regression']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^by design +\+ Apple \(provider\) reads it \(regression\)$/m);
    expect(r.stderr).toBe('');
    expect(run(['diff', 'imessage@adp', 'imessage']).code).toBe(0);
  });

  it('two versions of one profile file, as a pull request has them', () => {
    const dir = workspace({ 'base.yaml': MINE, 'mine.yaml': HEAD });
    const r = run(['diff', './base.yaml', './mine.yaml', '--fail-on-regression', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.from).toEqual({ label: './base.yaml', service: 'mine', variant: null, file: './base.yaml' });
    expect(doc.regression).toBe(true);
    expect(doc.changes[0]).toEqual({ data: 'content', order: 'by-design', field: 'byDesign', added: [{ party: 'vendor', kind: 'provider' }], removed: [], regression: true });
    expect(run(['diff', './mine.yaml', './base.yaml', '--fail-on-regression'], { cwd: dir }).code).toBe(0);
  });

  it.each([['--order'], ['--scenario']])('a file and its variant; %s and --data narrow the comparison', (flag) => {
    const dir = workspace({ 'mine.yaml': MINE });
    const r = run(['diff', './mine.yaml', './mine.yaml@leaky', flag, 'blanket-order', '--data', 'content', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect([doc.orders, doc.kinds]).toEqual([['blanket-order'], ['content']]);
    expect(doc.changes.map((c: { order: string; field: string }) => `${c.order} ${c.field}`)).toEqual([
      'by-design byDesign',
      'blanket-order canRead',
      'blanket-order ways',
      'blanket-order readable',
    ]);
    const ways = doc.changes.find((c: { field: string }) => c.field === 'ways');
    expect(ways).toMatchObject({ added: [[{ party: 'vendor', kind: 'provider' }]], removed: [], regression: true });
  });

  it('markdown for a pull request comment', () => {
    const r = run(['diff', 'imessage@adp', 'imessage', '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| content | blanket-order | **+ via Apple** (regression) |');
    expect(r.stdout).toContain('| content | blanket-order | + reads Messages in iCloud, iCloud Backup |');
  });

  it.each([
    [['diff', 'imessage'], /missing required argument 'to'/],
    [['diff', 'bes', 'bbm', 'imessage'], /too many arguments for 'diff'/],
    [['diff', 'bes', 'bess'], /unknown service 'bess' \(did you mean 'bes'\?\)/],
    [['diff', 'bes', 'bbm', '--format', 'csv'], /argument 'csv' is invalid/],
    [['diff', 'bes', 'bbm', '--fail-on-regresion'], /unknown option '--fail-on-regresion'\n\(Did you mean --fail-on-regression\?\)/],
    [['diff', 'bes', './missing.yaml'], /^\.\/missing\.yaml:1:1 unreadable-file: /],
  ])('exit 2: %j', (args, message) => {
    const r = run(args, { cwd: workspace({}) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});
