/**
 * The process entry. `--version` is answered before anything is loaded;
 * every other run loads the command line (run.ts, built as dist/cli.js) and
 * sets its exit code.
 *
 * The built files are compiled with the V8 code cache the build leaves
 * beside each (dist/<file>.cache): bytecode for the code a typical run
 * uses, so a run does not parse and compile it again. A cache made by
 * another Node is refused by V8 and the file compiled as usual.
 */
import type { run as Run } from './run.js';

declare const __KEYHOLDER_VERSION__: string | undefined;

const LOAD = Symbol.for('keyholder.load');
const written: [{ createCachedData(): Buffer }, string][] = [];

/** Loads a built file of the command line the way require() would, with its code cache. */
function load(name: string): unknown {
  const fs = process.getBuiltinModule('node:fs');
  const vm = process.getBuiltinModule('node:vm');
  const { createRequire, wrap } = process.getBuiltinModule('node:module');
  const file = `${__dirname}/${name}`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(`${file}.cache`);
  } catch {
    /* no cache: compile as usual */
  }
  const script = new vm.Script(wrap(fs.readFileSync(file, 'utf8')), { filename: file, ...(cachedData ? { cachedData } : {}) });
  if (process.env['KEYHOLDER_WRITE_CODE_CACHE'] === '1') written.push([script, `${file}.cache`]);
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, __dirname);
  return module.exports;
}

const argv = process.argv.slice(2);
if (typeof process.getBuiltinModule !== 'function') {
  // The build takes Node's built-in modules with it (scripts/build.mjs).
  process.stderr.write(`keyholder needs Node.js 20.16 or later; this is ${process.version}\n`);
  process.exitCode = 2;
} else if (typeof __KEYHOLDER_VERSION__ === 'string' && argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${__KEYHOLDER_VERSION__}\n`);
} else {
  (globalThis as Record<symbol, unknown>)[LOAD] = load;
  // The build writes the caches by running a few typical commands with this set.
  if (process.env['KEYHOLDER_WRITE_CODE_CACHE'] === '1') {
    process.on('exit', () => {
      for (const [script, path] of written) process.getBuiltinModule('node:fs').writeFileSync(path, script.createCachedData());
    });
  }
  void (load('cli.js') as { run: typeof Run }).run(argv);
}
