/**
 * The built-in catalog ships compiled (dist/catalog); a catalog file edited
 * since the build is read from its YAML instead, so an answer is never stale.
 * Either way, a catalog file is named by its path in the package, wherever
 * keyholder is installed or run from.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { CATALOG_POLICY, expectCatalogPaths } from './catalog-paths.js';
import { spawnSync } from 'node:child_process';

/** A copy of the built package, to edit. */
function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyholder-catalog-'));
  for (const part of ['bin', 'dist', 'data', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true, preserveTimestamps: true });
  return dir;
}
const run = (dir: string, args: string[]) => spawnSync(process.execPath, [join(dir, 'bin/keyholder.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('the compiled catalog', () => {
  it('answers as the YAML does', () => {
    const dir = copy();
    expect(run(dir, ['compare', 'bes', '--format', 'json']).stdout).toBe(run(ROOT, ['compare', 'bes', '--format', 'json']).stdout);
  });

  it('a catalog file edited after the build is read from its YAML', () => {
    const dir = copy();
    const file = join(dir, 'data/services/bes.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: BlackBerry Enterprise Server', 'name: Edited Enterprise Server'));
    const r = run(dir, ['show', 'bes', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).service.name).toBe('Edited Enterprise Server');
  });

  it('an edit that breaks a catalog file is reported, file:line:col, exit 2', () => {
    const dir = copy();
    const file = join(dir, 'data/services/bes.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('held_by: [user, enterprise]', 'held_by: [user, enterprize]'));
    const r = run(dir, ['compare', 'bbm']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^data\/services\/bes\.yaml:\d+:\d+ unknown-party: 'enterprize'/);
  });

  it('a file only touched (new time, same content) is still answered from the compiled catalog', () => {
    const dir = copy();
    const file = join(dir, 'data/services/bes.yaml');
    utimesSync(file, new Date(), new Date(2001, 0, 1));
    const r = run(dir, ['compare', 'bes', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(run(ROOT, ['compare', 'bes', '--format', 'json']).stdout);
  });

  it('a jurisdiction is read only by a run that answers one of its orders; without its file, from the YAML', () => {
    const dir = copy();
    const folder = join(dir, 'dist/catalog');
    const files = readdirSync(folder).filter((f) => f.startsWith('jurisdiction.'));
    expect(files).toContain('jurisdiction.pk.json');
    // Unreadable as JSON, but of the size the index expects: a run that read one would fail.
    const blank = (f: string) => writeFileSync(join(folder, f), ' '.repeat(statSync(join(folder, f)).size));
    files.filter((f) => f !== 'jurisdiction.pk.json').forEach(blank);
    const same = (args: string[]) => {
      const r = run(dir, args);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.stdout, args.join(' ')).toBe(run(ROOT, args).stdout);
    };
    for (const args of [['compare', 'bbm', 'imessage', 'bes', '--format', 'json'], ['ask', 'imessage@adp+imessage'], ['list'], ['ask', 'bes', '--in', 'pk', '--format', 'json']]) same(args);
    blank('jurisdiction.pk.json');
    same(['compare', 'bbm', 'imessage', 'bes']);
    rmSync(join(folder, 'jurisdiction.us.json'));
    same(['ask', 'bes', '--in', 'pk', '--format', 'json']);
  });
});

describe('the code caches the build leaves beside dist/cli.js and dist/cold.js', () => {
  it('a cache that does not fit (another Node, or damaged) is ignored, and the run is the same', () => {
    const dir = copy();
    for (const name of ['cli.js.cache', 'cold.js.cache']) writeFileSync(join(dir, 'dist', name), 'not a code cache');
    const r = run(dir, ['compare', 'bes', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(run(ROOT, ['compare', 'bes', '--format', 'json']).stdout);
    expect(run(dir, ['validate']).status).toBe(0);
  });
});

describe('a catalog file is named by its path in the package', () => {
  it.each(['compiled', 'YAML'])('from the %s catalog, run from a folder outside the package', (catalog) => {
    const pkg = copy();
    if (catalog === 'YAML') rmSync(join(pkg, 'dist', 'catalog'), { recursive: true });
    const cwd = mkdtempSync(join(tmpdir(), 'keyholder-elsewhere-'));
    writeFileSync(join(cwd, 'policy.yaml'), CATALOG_POLICY);
    const keyholder = (args: string[]) => spawnSync(process.execPath, [join(pkg, 'bin/keyholder.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expectCatalogPaths(keyholder, pkg);
  });
});
