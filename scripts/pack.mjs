// `npm run package`: the tarball to install keyholder from, made from a copy
// of what the package ships (package.json's `files`, README, LICENSE) with a
// package.json that has no scripts and no devDependencies.
//
// The clone's `prepare` script builds keyholder on `npm ci`, and it needs the
// sources and devDependencies the tarball leaves out: packed as it is, npm
// would list it as an install script on every install of the tarball (and
// run it where it could, and fail). So the tarball gets a manifest of its own.
//
// Arguments are passed to `npm pack` (`--pack-destination <dir>`, `--json`).
// Run by npm as `prepack`, that is by a plain `npm pack` or `npm publish` in
// the clone, it refuses and says to use `npm run package`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (process.env.npm_lifecycle_event === 'prepack') {
  process.stderr.write(
    'keyholder: pack it with `npm run package`, which makes a tarball without the build scripts;\n' +
      'a tarball of the clone as it is would carry its prepare script to every install.\n',
  );
  process.exit(1);
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
if (!existsSync(join(root, 'dist', 'keyholder.js'))) {
  process.stderr.write('keyholder: nothing built yet; run `npm run build` first (or `npm run package`, which does).\n');
  process.exit(1);
}
for (const field of ['scripts', 'devDependencies', 'allowScripts']) delete manifest[field];

const stage = mkdtempSync(join(tmpdir(), 'keyholder-package-'));
try {
  for (const entry of [...manifest.files, 'README.md', 'LICENSE']) cpSync(join(root, entry), join(stage, entry), { recursive: true });
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // Installing gives every file the install's time: the catalog is then checked by names and sizes (src/cli/catalog.ts).
  const index = join(stage, 'dist', 'catalog', 'index.json');
  writeFileSync(index, JSON.stringify({ ...JSON.parse(readFileSync(index, 'utf8')), packaged: true }));
  // npm itself, as the one running this script (npm_execpath), or from PATH.
  const [command, ...prefix] = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : [process.platform === 'win32' ? 'npm.cmd' : 'npm'];
  const packed = spawnSync(command, [...prefix, 'pack', stage, ...process.argv.slice(2)], { stdio: 'inherit', shell: process.platform === 'win32' && !process.env.npm_execpath });
  process.exitCode = packed.status ?? 1;
} finally {
  rmSync(stage, { recursive: true, force: true });
}
