import { loadFormatter, type Format } from '../format/registry.js';
import type { Formatter } from '../format/formatter.js';
import type { RenderOptions } from '../format/views.js';
import { findingLine } from '../format/messages.js';
import type { Finding } from '../model/finding.js';
import { useColor } from './color.js';
import { PIECES_BETWEEN_PAUSES, writeOutputAtomically } from './files.js';
import type { Io } from './io.js';
import type { CommonOptions } from './main.js';

/**
 * Lets a Ctrl-C or SIGTERM that came while the answers were worked out
 * (synchronous work, during which no handler can run) take effect before
 * anything is written: the run then ends with 130 or 143 and the old output
 * file as it was, however the code is bundled. It takes two turns of the
 * event loop: after a long synchronous stretch, Node runs the first turn's
 * immediates without handling a pending signal (measured on Node 20).
 */
async function signalsFirst(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}

const clamp = (n: number, least: number, most: number) => Math.min(most, Math.max(least, n));

/**
 * How wide table output is: a terminal's own width (40 to 100 columns); where
 * the output is not a terminal (a pipe, a file), `COLUMNS` where it is a
 * number (40 to 200), as for a pager or a wide log; otherwise 100.
 */
export function outputWidth(io: Io, toFile: boolean): number {
  if (!toFile && io.stdoutIsTTY && io.columns) return clamp(io.columns, 40, 100);
  const columns = io.env['COLUMNS']?.trim() ?? '';
  return /^\d+$/.test(columns) ? clamp(Number(columns), 40, 200) : 100;
}

/** Whether a result goes to stdout: no file, or `-`. */
export const toStdout = (output: string | undefined): boolean => output === undefined || output === '-';

/**
 * Renders a result for where it goes and writes it: to stdout, or whole to
 * a file. Colour and width are for a terminal only.
 */
export async function write(
  io: Io,
  output: string | undefined,
  color: boolean,
  render: (options: RenderOptions) => string | Iterable<string>,
  schemaVersion: 1 | 2 = 2,
): Promise<void> {
  const toFile = !toStdout(output);
  const width = outputWidth(io, toFile);
  // The colour module (chalk) is loaded only when colour is on.
  const colour = !toFile && useColor(color, io);
  const paint = colour ? (await import('../format/paint.js')).colourPaint() : undefined;
  const text = render({ color: colour, width, schemaVersion, ...(paint ? { paint } : {}) });
  await signalsFirst();
  if (toFile) await writeOutputAtomically(output!, text, io.cwd, signalsFirst);
  else if (typeof text === 'string') io.stdout(text);
  else {
    // Pieces are worked out as they are written: look at the event loop now
    // and then, so a Ctrl-C still ends the run.
    let pieces = 0;
    for (const piece of text) {
      io.stdout(piece);
      if (++pieces % PIECES_BETWEEN_PAUSES === 0) await signalsFirst();
    }
  }
}

/** Formats a result and writes it to stdout, or whole to `--output`. */
export async function emit(
  opts: CommonOptions,
  io: Io,
  render: (formatter: Formatter, options: RenderOptions) => string | Iterable<string>,
): Promise<void> {
  const formatter = await loadFormatter(opts.format as Format);
  await write(io, opts.output, opts.color, (options) => render(formatter, options), opts.schemaVersion);
}

/** Warnings go to stderr and never change the exit code. */
export function warn(io: Io, findings: readonly Finding[]): void {
  for (const f of findings) io.stderr(`${findingLine(f)}\n`);
}
