/** The process: run `main` with the real streams, and set the exit code once. */
import { pendingWrites } from './files.js';
import { processIo } from './io.js';
import { main } from './main.js';
import { unlinkSync } from 'node:fs';

// Ctrl-C or a kill: remove any half-written output, exit 128 + signal number.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    for (const temp of pendingWrites) {
      try {
        unlinkSync(temp);
      } catch {
        /* already gone */
      }
    }
    process.exit(code);
  });
}

// A reader that stops early (keyholder list | head): stop quietly, with the
// code a SIGPIPE would give (128 + 13), not an unhandled 'error' event.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 141 : 2));
}

process.exitCode = await main(process.argv.slice(2), processIo());
