// `npm run build`: everything the package ships, from src/ and data/.
//
// 1. The built-in catalog, validated with the CLI's own loader and compiled
//    to JSON (dist/catalog/), so a run that only needs the catalog never
//    parses YAML. Any finding in data/ fails the build.
// 2. The JSON Schemas (schema/), from the validator's own definitions.
// 3. The CLI as one bundled entry point (dist/keyholder.js), with the rest
//    of the command line and the YAML parser in files loaded only when used.
//
// Type checking is separate: `npm run typecheck`.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const common = { bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'warning' };
const write = (file, text) => writeFileSync(join(root, file), text);

rmSync(dist, { recursive: true, force: true });
rmSync(join(root, 'schema'), { recursive: true, force: true });

// The build-time tools, bundled on their own and run here.
const toolsFile = join(root, 'node_modules', '.cache', 'keyholder', 'build-tools.mjs');
await build({ ...common, entryPoints: [join(root, 'src/build/compile-catalog.ts')], outfile: toolsFile, packages: 'external' });
const tools = await import(`${pathToFileURL(toolsFile).href}?${Date.now()}`);

const source = (file) => {
  const bytes = readFileSync(join(root, file));
  const { mtimeMs } = statSync(join(root, file));
  return { file, bytes, size: bytes.length, mtimeMs, hash: createHash('sha256').update(bytes).digest('hex') };
};
const services = readdirSync(join(root, 'data/services'))
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => source(`data/services/${name}`));
const jurisdictions = readdirSync(join(root, 'data/jurisdictions'))
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => source(`data/jurisdictions/${name}`));
const { files, findings, profiles } = tools.compileCatalog(source('data/scenarios.yaml'), jurisdictions, services);
if (findings.length > 0) {
  for (const f of findings) process.stderr.write(`${tools.findingLine(f)}\n`);
  process.stderr.write('build: the catalog in data/ must be free of findings\n');
  process.exit(1);
}
mkdirSync(join(dist, 'catalog'), { recursive: true });
for (const [name, text] of Object.entries(files)) writeFileSync(join(dist, 'catalog', name), text);
// The catalog's diagrams, drawn ahead, so a report of the whole catalog lays out none at run time.
writeFileSync(join(dist, 'catalog', 'diagrams.json'), await tools.drawCatalog(profiles));

mkdirSync(join(root, 'schema'), { recursive: true });
for (const [name, text] of Object.entries(tools.jsonSchemaFiles())) writeFileSync(join(root, 'schema', name), text);

// Node's built-in modules, taken with process.getBuiltinModule (Node 20.16)
// rather than imported: importing one as an ES module builds a facade of all
// its exports, and an import statement is hoisted to the top of the bundle,
// so even a module that runs only on demand (chalk's terminal detection)
// would load its built-ins at every start. Taken this way, a built-in loads
// when the code that uses it first runs. commander's require() calls are
// served the same way, so it needs no real require; its child_process (for
// subcommands that are separate programs, which keyholder has none of) is
// taken only if it is ever used.
//
// Our own sources import built-ins by name only (`import { join } from
// 'node:path'`), so for them each built-in is an ES module exporting just the
// names the sources import, read from the module once: as CommonJS, each
// importing file copied every export of it into a getter (seven files, a
// hundred exports of fs), a millisecond of every start.
const namedImports = (() => {
  const names = new Map();
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  for (const file of walk(join(root, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/^import\s+(type\s+)?([^;]*?)\s+from\s+'node:([\w/]+)';/gms)) {
      if (m[1]) continue;
      const braces = /^\{([^}]*)\}$/s.exec(m[2].trim());
      // Anything but names in braces (a default or a namespace import): that built-in stays CommonJS.
      if (!braces) names.set(m[3], null);
      else if (names.get(m[3]) !== null) {
        const set = names.get(m[3]) ?? new Set();
        for (const spec of braces[1].split(',').map((x) => x.trim()).filter(Boolean)) if (!spec.startsWith('type ')) set.add(spec.split(/\s+as\s+/)[0]);
        names.set(m[3], set);
      }
    }
  }
  return names;
})();
const builtins = {
  name: 'builtins',
  setup(b) {
    const filter = new RegExp(`^(node:)?(${builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/[/]/g, '\\/')).join('|')})$`);
    b.onResolve({ filter }, (args) => {
      const path = args.path.replace(/^node:/, '');
      const ours = args.importer.startsWith(join(root, 'src')) && namedImports.get(path);
      return { path, namespace: ours ? 'builtin-named' : 'builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'builtin-named' }, (args) => {
      const names = [...namedImports.get(args.path)];
      const contents = `const m = process.getBuiltinModule(${JSON.stringify(`node:${args.path}`)});\nexport const ${names.map((n) => `${n} = m.${n}`).join(', ')};\n`;
      return { contents, loader: 'js' };
    });
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => {
      const id = JSON.stringify(`node:${args.path}`);
      // CommonJS, so each export is read where it is used: reading them all
      // at once would run Node's lazy getters (fs streams, process.report).
      const contents =
        args.path === 'child_process'
          ? `module.exports = new Proxy({}, { get: (_, key) => process.getBuiltinModule(${id})[key] });`
          : `module.exports = process.getBuiltinModule(${id});`;
      return { contents, loader: 'js' };
    });
  },
};

// yaml reads process.env.LOG_TOKENS for every token it parses and
// LOG_STREAM for every document: each read asks the process environment,
// a fifth of the parse of a large file, and either variable, if set, would
// print yaml's debugging on stdout, which is for data. Its `process` has
// no environment (and still passes on warnings).
const yamlProcess = {
  name: 'yaml-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?process$/ }, (args) => (/[\\/]node_modules[\\/]yaml[\\/]/.test(args.importer) ? { path: 'process', namespace: 'yaml-process' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'yaml-process' }, () => ({ contents: 'module.exports = { env: {}, emitWarning: (warning) => process.emitWarning(warning) };', loader: 'js' }));
  },
};

// The CLI, as three files: the entry (dist/keyholder.js: `--version`, then
// load the rest), the command line (dist/cli.js: everything a run from the
// compiled catalog needs; commands and formats in it run only when used),
// and what few runs need (dist/cold.js: the YAML parser, the validator,
// `validate` and `check`). They are CommonJS, marked so by dist/package.json
// (and the bin by bin/package.json): Node starts ES modules through a loader
// that costs several milliseconds before the first line runs, and loads a
// CommonJS file an `import()` names through that loader too, so dynamic
// imports become require() calls.
// Another built file, loaded when first used through the entry's loader
// (src/cli/index.ts), which compiles it with its code cache.
const builtFile = (pattern, to, entry = join('src', 'cli', to.replace('.js', '.ts'))) => ({
  name: `built-${to}`,
  setup(b) {
    b.onResolve({ filter: pattern }, (args) => (args.importer.endsWith(entry) ? undefined : { path: to, namespace: 'built-file' }));
    b.onLoad({ filter: /.*/, namespace: 'built-file' }, (args) => ({
      contents: `module.exports = globalThis[Symbol.for('keyholder.load')](${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
});
const cli = {
  ...common,
  format: 'cjs',
  supported: { 'dynamic-import': false },
  minifyWhitespace: process.env.KEYHOLDER_NO_MINIFY !== "1",
  minifySyntax: true,
  define: { __KEYHOLDER_VERSION__: JSON.stringify(version), 'import.meta.url': '__keyholderUrl' },
  banner: { js: "'use strict';const __keyholderUrl=require('node:url').pathToFileURL(__filename).href;" },
  metafile: true,
};
write('dist/package.json', '{ "type": "commonjs" }\n');
// A fourth, Graphviz compiled to WebAssembly (src/format/graph/graphviz.ts,
// about 1.2 MB), is loaded only to draw SVG (`graph --format svg`, `report`).
const GRAPHVIZ = join('src', 'format', 'graph', 'graphviz.ts');
const built = await Promise.all([
  build({ ...cli, entryPoints: [join(root, 'src/cli/index.ts')], outfile: join(dist, 'keyholder.js'), plugins: [builtins] }),
  build({ ...cli, entryPoints: [join(root, 'src/cli/run.ts')], outfile: join(dist, 'cli.js'), plugins: [builtins, builtFile(/\/cold\.js$/, 'cold.js'), builtFile(/\/graphviz\.js$/, 'graphviz.js', GRAPHVIZ)] }),
  build({ ...cli, entryPoints: [join(root, 'src/cli/cold.ts')], outfile: join(dist, 'cold.js'), plugins: [yamlProcess, builtins] }),
  // Its WebAssembly is one long string of bytes: written as UTF-8, not escaped to ASCII (a third smaller).
  build({ ...cli, charset: 'utf8', entryPoints: [join(root, GRAPHVIZ)], outfile: join(dist, 'graphviz.js'), plugins: [builtins] }),
]);
writeFileSync(join(root, 'node_modules', '.cache', 'keyholder', 'meta.json'), JSON.stringify(built.map((b) => b.metafile)));

// Guard the split: the start-up path must not carry the YAML parser or the validator.
const startup = Object.keys(built[1].metafile.inputs).filter((f) => /node_modules\/(yaml|@sinclair)|src\/model\/(yaml|shape|schema|load)\.ts/.test(f));
if (startup.length > 0) {
  process.stderr.write(`build: dist/cli.js must not include ${startup.join(', ')}; import it through src/cli/cold.ts\n`);
  process.exit(1);
}

// The bundles carry code of other packages: ship their licences with them.
const bundled = [...new Set(built.flatMap((b) => Object.keys(b.metafile.inputs)).map((f) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1]).filter(Boolean))].sort();
// Packages that ship no licence file of their own: what their package and code say.
const UNFILED = {
  '@viz-js/viz':
    'MIT License. Copyright (c) Michael Daines (Viz.js).\n\nIts WebAssembly contains, in object code form, Graphviz (https://www.graphviz.org), under the Eclipse Public License 1.0, and Expat (https://libexpat.github.io), under the MIT License.',
};
const notices = bundled.map((name) => {
  const dir = join(root, 'node_modules', name);
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  const { version: v, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return `${name}@${v} (${license})\n\n${file ? readFileSync(join(dir, file), 'utf8').trim() : (UNFILED[name] ?? 'No licence file.')}\n`;
});
writeFileSync(join(dist, 'THIRD-PARTY-LICENSES.txt'), `keyholder's dist/ bundles code from these packages.\n\n${notices.join('\n---\n\n')}`);

// The code caches: bytecode for what typical runs compile, made by running
// them (the YAML path first, then the catalog path for the command line:
// an instrument, an order to build access, and the default orders last).
// Each run starts from the caches the one before wrote, so they add up.
for (const args of [['validate'], ['ask', 'bes', '--in', 'pk'], ['compare', 'bbm', 'imessage', 'bes', '--in', 'us'], ['compare', 'bbm', 'imessage', 'bes']]) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'keyholder.js'), ...args], {
    env: { ...process.env, KEYHOLDER_WRITE_CODE_CACHE: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) {
    process.stderr.write(`build: keyholder ${args.join(' ')} exited ${r.status} while writing the code caches\n`);
    process.exit(1);
  }
}
