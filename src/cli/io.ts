/**
 * Everything `main` may touch outside itself, passed in, so tests can run it
 * in-process with their own streams and environment.
 */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether each stream is a terminal. */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Terminal width, where known. */
  columns: number | undefined;
  cwd: string;
}

export function processIo(): Io {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stdout.columns,
    cwd: process.cwd(),
  };
}
