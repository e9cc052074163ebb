/** Runs keyholder as a user would: the built binary spawned, or `main` in this process. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Io } from '../../src/cli/io.js';
import { ROOT } from '../helpers.js';

export const BIN = join(ROOT, 'bin', 'keyholder.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Run without the power to read files whatever their mode, as a root user has (see `UNPRIVILEGED`). */
  unprivileged?: boolean;
  /** What to pipe into standard input (default: nothing, at once closed). */
  input?: string | Uint8Array;
}

/**
 * How to run a command that must obey file modes: as is for an ordinary
 * user; for root, under `setpriv` with the capabilities that bypass them
 * dropped; null where neither is possible.
 */
export const UNPRIVILEGED: string[] | null =
  process.getuid?.() !== 0 ? [] : existsSync('/usr/bin/setpriv') ? ['/usr/bin/setpriv', '--bounding-set', '-dac_override,-dac_read_search', '--'] : null;

export function run(args: string[], options: RunOptions = {}): Run {
  // COLUMNS, where a shell exports it, would change the width of tables.
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, COLUMNS: undefined, ...options.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const command = [...(options.unprivileged ? (UNPRIVILEGED ?? []) : []), process.execPath, BIN, ...args];
  const result = spawnSync(command[0]!, command.slice(1), {
    cwd: options.cwd ?? ROOT,
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 15_000,
    // A child that hangs is killed outright: a handler could keep it from stopping on SIGTERM.
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary folder with the given files in it. */
export function workspace(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyholder-test-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/**
 * Runs `main` in this process, with its own streams: fast, and the same code
 * the bin runs. `io` replaces parts of what `main` is given.
 */
export async function runMain(args: string[], options: { cwd?: string; env?: Record<string, string>; io?: Partial<Io> } = {}): Promise<Run> {
  const { main } = await import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { NO_COLOR: '1', ...options.env },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    columns: undefined,
    cwd: options.cwd ?? ROOT,
    stdin: async () => new Uint8Array(),
    stdinIsTTY: false,
    ...options.io,
  });
  return { code, stdout, stderr };
}
