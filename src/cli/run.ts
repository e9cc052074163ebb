/** A whole run in this process: the real streams, signals, and the exit code, set once. */
import { unlinkSync } from 'node:fs';
import { pendingWrites } from './files.js';
import { processIo } from './io.js';
import { main } from './main.js';

export async function run(argv: readonly string[]): Promise<void> {
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

  process.exitCode = await main(argv, processIo());
}
