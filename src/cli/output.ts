import { loadFormatter, type Format } from '../format/registry.js';
import type { Formatter } from '../format/formatter.js';
import type { RenderOptions } from '../format/views.js';
import { findingLine } from '../format/messages.js';
import type { Finding } from '../model/finding.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { useColor } from './color.js';
import { UsageError } from './errors.js';
import { CATALOG_DIR, COMPILED_CATALOG_DIR, JURISDICTIONS_DIR, SCENARIOS_FILE, fileIdentity, findYamlFiles, isDirectory, isFile, outputTarget, writeOutput, writePieces } from './files.js';
import type { Io } from './io.js';
import type { CommonOptions } from './main.js';
import { pathsOf } from './service-arg.js';
import { MAX_PARTICIPANTS } from '../model/conversation.js';

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
  const target = toFile ? outputTarget(output!, io.cwd) : null;
  const stream = !target ? io.stdout : target.stream === 1 ? io.stdout : target.stream === 2 ? io.stderr : null;
  // Pieces are worked out as they are written: look at the event loop now
  // and then, so a Ctrl-C still ends the run.
  if (stream) await writePieces(text, stream, signalsFirst);
  else await writeOutput(output!, target!, text, signalsFirst);
}

/** `--report <format>:<file>`: the format before the first colon, the file after it. */
export function splitReport(value: string): [format: string, file: string] {
  const colon = value.indexOf(':');
  return colon < 0 ? [value, ''] : [value.slice(0, colon), value.slice(colon + 1)];
}

/** What a command was given, as commander parsed it: its operands and options. */
export interface Invocation {
  command: string;
  args: readonly string[];
  opts: { output?: string; report?: string[]; profiles?: string[]; scenarios?: string[]; policy?: string };
}

/**
 * Refuses, before any work is done, an output that would be refused when
 * written (see outputTarget) or that is one of the run's own inputs, however
 * it is named (another path, a link): a profile named or in a `--profiles`
 * folder, a file `validate` reads, a scenario file, the policy, or a file of
 * the catalog. So a bad `--report` stops the run before `-o` is written.
 */
export function checkOutputs(io: Io, { command, args, opts }: Invocation): void {
  const outputs = [
    ...(opts.output === undefined ? [] : [{ option: '-o', file: opts.output }]),
    ...(opts.report ?? []).map((value) => ({ option: '--report', file: splitReport(value)[1] })),
  ].filter((o) => o.file !== '' && !toStdout(o.file));
  for (const o of outputs) outputTarget(o.file, io.cwd);
  const existing = outputs.map((o) => ({ ...o, id: fileIdentity(o.file, io.cwd) })).filter((o) => o.id !== null);
  if (existing.length === 0) return;
  const named = command === 'validate' ? args : args.flatMap((arg) => pathsOf(arg, (p) => isFile(p, io.cwd), MAX_PARTICIPANTS));
  const inputs = [...named, ...(opts.profiles ?? []), ...(opts.scenarios ?? []), ...(opts.policy === undefined ? [] : [opts.policy])].flatMap((p) =>
    isDirectory(p, io.cwd) ? findYamlFiles(p, io.cwd).files : [p],
  );
  const catalog = [SCENARIOS_FILE, ...[CATALOG_DIR, JURISDICTIONS_DIR, COMPILED_CATALOG_DIR].flatMap((dir) => filesIn(dir))];
  for (const input of [...inputs, ...catalog]) {
    const clash = existing.find((o) => o.id === fileIdentity(input, io.cwd));
    if (clash) {
      throw new UsageError(`${clash.option} ${clash.file} is an input of this run (${input}): keyholder never writes over what it reads`, 'Write the result to another file.');
    }
  }
}

/** Every file directly in a folder, by full path; none where it cannot be read. */
function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir).map((name) => join(dir, name));
  } catch {
    return [];
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
