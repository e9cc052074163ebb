/**
 * The package installs anywhere: `npm pack` ships what the CLI needs (bin,
 * dist, data, schema) and nothing else, and the tarball, installed offline
 * into an empty folder, runs. Slow (npm itself), so it has time to spare.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_POLICY, expectCatalogPaths } from './cli/catalog-paths.js';
import { run } from './cli/run.js';
import { ROOT } from './helpers.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function sh(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' } });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return r.stdout;
}

describe('the packed tarball', { timeout: 240_000 }, () => {
  let files: string[] = [];
  let tarball = '';

  beforeAll(() => {
    // --ignore-scripts: the tests have built dist already, and a rebuild
    // (prepare) would rewrite it under the other tests' feet.
    const out = mkdtempSync(join(tmpdir(), 'keyholder-pack-'));
    const [packed] = JSON.parse(sh(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', out], ROOT)) as { filename: string; files: { path: string }[] }[];
    files = packed!.files.map((f) => f.path).sort();
    tarball = join(out, packed!.filename);
  }, 240_000);

  it('holds bin, dist, data and schema, and nothing else', () => {
    for (const f of files) expect(f).toMatch(/^(bin|dist|data|schema)\/|^(package\.json|README\.md|LICENSE)$/);
    for (const needed of ['bin/keyholder.js', 'dist/keyholder.js', 'dist/cli.js', 'dist/cold.js', 'dist/catalog/index.json', 'dist/catalog/bes.json', 'dist/THIRD-PARTY-LICENSES.txt', 'data/scenarios.yaml', 'data/services/bes.yaml', 'schema/profile.schema.json', 'schema/scenarios.schema.json', 'schema/policy.schema.json']) {
      expect(files).toContain(needed);
    }
  });

  it('installs offline into an empty folder and runs keyholder compare bbm imessage bes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyholder-install-'));
    writeFileSync(join(dir, 'package.json'), '{ "name": "empty", "private": true }\n');
    sh(npm, ['install', '--offline', '--no-audit', '--no-fund', tarball], dir);
    const bin = join(dir, 'node_modules', '.bin', process.platform === 'win32' ? 'keyholder.cmd' : 'keyholder');
    const r = spawnSync(bin, ['compare', 'bbm', 'imessage', 'bes'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(run(['compare', 'bbm', 'imessage', 'bes']).stdout);
    expect(existsSync(join(dir, 'node_modules', 'keyholder', 'schema', 'profile.schema.json'))).toBe(true);
    expect(spawnSync(bin, ['validate'], { cwd: dir, encoding: 'utf8' }).status).toBe(0);

    // Findings name catalog files as in the package, never inside node_modules,
    // from the compiled catalog and from its YAML alike.
    writeFileSync(join(dir, 'policy.yaml'), CATALOG_POLICY);
    const installed = join(dir, 'node_modules', 'keyholder');
    const keyholder = (args: string[]) => spawnSync(bin, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expectCatalogPaths(keyholder, installed);
    rmSync(join(installed, 'dist', 'catalog'), { recursive: true });
    expectCatalogPaths(keyholder, installed);
  });
});
