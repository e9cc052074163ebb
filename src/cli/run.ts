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

  process.exitCode = await main(argv, processIo());
}
