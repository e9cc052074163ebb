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

// A reader that stops early (`keyholder compare --all | head`) closes the
// pipe: that is not an error, so end quietly with the code the run has.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2), processIo());
