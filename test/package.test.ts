/**
 * The package installs anywhere: `npm run package` ships what the CLI needs
 * (bin, dist, data, schema) and nothing else, under the package's own name
 * (`keyholder` on the npm registry is someone else's), with no script for npm
 * to run on install; the tarball, installed offline into an empty folder,
 * installs without a warning and runs. Slow (npm itself), so it has time to
 * spare.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  return { stdout: r.stdout, stderr: r.stderr };
}

describe('the packed tarball', { timeout: 240_000 }, () => {
  let files: string[] = [];
  let tarball = '';

  beforeAll(() => {
    // The script alone, not `npm run package`: the tests have built dist
    // already, and a rebuild would rewrite it under the other tests' feet.
    const out = mkdtempSync(join(tmpdir(), 'keyholder-pack-'));
    const [packed] = JSON.parse(sh(process.execPath, ['scripts/pack.mjs', '--json', '--pack-destination', out], ROOT).stdout) as { filename: string; files: { path: string }[] }[];
    files = packed!.files.map((f) => f.path).sort();
    tarball = join(out, packed!.filename);
  }, 240_000);

  it('holds bin, dist, data and schema, and nothing else', () => {
    for (const f of files) expect(f).toMatch(/^(bin|dist|data|schema)\/|^(package\.json|README\.md|LICENSE)$/);
    for (const needed of ['bin/keyholder.js', 'dist/keyholder.js', 'dist/cli.js', 'dist/cold.js', 'dist/graphviz.js', 'dist/catalog/index.json', 'dist/catalog/bes.json', 'dist/catalog/diagrams.json', 'dist/THIRD-PARTY-LICENSES.txt', 'data/scenarios.yaml', 'data/services/bes.yaml', 'schema/profile.schema.json', 'schema/scenarios.schema.json', 'schema/policy.schema.json']) {
      expect(files).toContain(needed);
    }
  });

  it('is keyholder-cli, with the command keyholder, and no script for npm to run', () => {
    const manifest = JSON.parse(sh('tar', ['-xOzf', tarball, 'package/package.json'], ROOT).stdout);
    expect(manifest.name).toBe('keyholder-cli');
    expect(manifest.bin).toEqual({ keyholder: 'bin/keyholder.js' });
    expect(manifest.scripts).toBeUndefined();
    expect(manifest.devDependencies).toBeUndefined();
  });

  it('is the only way to pack: a plain npm pack in the clone refuses and says why', () => {
    const r = spawnSync(npm, ['pack', '--dry-run'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('npm run package');
  });

  it('installs offline into an empty folder without a warning and runs keyholder compare bbm imessage bes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyholder-install-'));
    writeFileSync(join(dir, 'package.json'), '{ "name": "empty", "private": true }\n');
    const install = sh(npm, ['install', '--offline', '--no-audit', '--no-fund', tarball], dir);
    // npm warns of any install script (prepare among them) it has not been
    // told to allow, and of a script that is missing its file.
    expect(install.stderr).not.toMatch(/warn|error/i);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies).toHaveProperty('keyholder-cli');
    const bin = join(dir, 'node_modules', '.bin', process.platform === 'win32' ? 'keyholder.cmd' : 'keyholder');
    const r = spawnSync(bin, ['compare', 'bbm', 'imessage', 'bes'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COLUMNS: '100' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(run(['compare', 'bbm', 'imessage', 'bes']).stdout);
    expect(existsSync(join(dir, 'node_modules', 'keyholder-cli', 'schema', 'profile.schema.json'))).toBe(true);
    // The editor line docs/your-own-profiles.md gives, for a profile in profiles/, names the installed schema.
    const line = /^# yaml-language-server: \$schema=(\.\.\/node_modules\/\S+)$/m.exec(readFileSync(join(ROOT, 'docs/your-own-profiles.md'), 'utf8'));
    expect(existsSync(join(dir, 'profiles', line![1]!))).toBe(true);
    expect(spawnSync(bin, ['validate'], { cwd: dir, encoding: 'utf8' }).status).toBe(0);

    // Graphviz comes in the package (dist/graphviz.js): an SVG under an order
    // is laid out as it comes, the report's diagrams drawn by the build.
    const svg = spawnSync(bin, ['graph', 'bes', '--order', 'blanket-order', '--format', 'svg'], { cwd: dir, encoding: 'utf8' });
    expect(svg.stderr).toBe('');
    expect(svg.status).toBe(0);
    expect(svg.stdout).toBe(run(['graph', 'bes', '--order', 'blanket-order', '--format', 'svg']).stdout);
    const page = spawnSync(bin, ['report', 'bes', 'imessage'], { cwd: dir, encoding: 'utf8' });
    expect(page.status).toBe(0);
    expect(page.stdout).toBe(run(['report', 'bes', 'imessage']).stdout);

    // Findings name catalog files as in the package, never inside node_modules,
    // from the compiled catalog and from its YAML alike.
    writeFileSync(join(dir, 'policy.yaml'), CATALOG_POLICY);
    const installed = join(dir, 'node_modules', 'keyholder-cli');
    const keyholder = (args: string[]) => spawnSync(bin, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expectCatalogPaths(keyholder, installed);

    // Installed, every file has the install's time: the catalog is trusted on
    // names and sizes, never read through on every run; an edit that changes
    // a file's size is still answered from the YAML.
    expect(JSON.parse(readFileSync(join(installed, 'dist', 'catalog', 'index.json'), 'utf8')).packaged).toBe(true);
    const bes = join(installed, 'data', 'services', 'bes.yaml');
    writeFileSync(bes, readFileSync(bes, 'utf8').replace('name: Enterprise\n', 'name: Enterprise IT\n'));
    expect(keyholder(['ask', 'bes', '--data', 'content', '--order', 'lawful-request']).stdout).toContain('via Enterprise IT: Mail');

    rmSync(join(installed, 'dist', 'catalog'), { recursive: true });
    expectCatalogPaths(keyholder, installed);
  });
});
