/**
 * The process entry. `--version` is answered before anything is loaded;
 * every other run loads the command line (run.ts) and sets its exit code.
 */
declare const __KEYHOLDER_VERSION__: string | undefined;

const argv = process.argv.slice(2);
if (typeof process.getBuiltinModule !== 'function') {
  // The build takes Node's built-in modules with it (scripts/build.mjs).
  process.stderr.write(`keyholder needs Node.js 20.16 or later; this is ${process.version}\n`);
  process.exitCode = 2;
} else if (typeof __KEYHOLDER_VERSION__ === 'string' && argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${__KEYHOLDER_VERSION__}\n`);
} else {
  void import('./run.js').then(({ run }) => run(argv));
}
