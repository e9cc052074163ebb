/**
 * Everything `main` may touch outside itself, passed in, so tests can run it
 * in-process with their own streams and environment.
 */
import { fstatSync, statSync, writeSync } from 'node:fs';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether each stream is a terminal. */
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** Terminal width, where known. */
  readonly columns: number | undefined;
  cwd: string;
  /**
   * Standard input, read to its end or until more than `limit` bytes have
   * come (what was read is then returned, longer than `limit`, and the rest
   * left unread). Throws where it cannot be read.
   */
  stdin(limit: number): Promise<Uint8Array>;
  /** Whether standard input is a terminal (where nothing is piped in). */
  readonly stdinIsTTY: boolean;
}

/**
 * The process's own streams. Output is written straight to the file
 * descriptor: Node's stream objects cost a few milliseconds to set up, and
 * most runs print one result and end. Where a descriptor cannot take more at
 * once (a non-blocking pipe), the rest goes through the stream. A reader
 * that has gone away (`keyholder … | head`) ends the run quietly.
 */
export function processIo(): Io {
  let stdoutTTY: boolean | undefined;
  let stderrTTY: boolean | undefined;
  let stdinTTY: boolean | undefined;
  return {
    stdout: writer(1),
    stderr: writer(2),
    env: process.env,
    get stdoutIsTTY() {
      return (stdoutTTY ??= isTerminal(1));
    },
    get stderrIsTTY() {
      return (stderrTTY ??= isTerminal(2));
    },
    get columns() {
      return this.stdoutIsTTY ? process.stdout.columns : undefined;
    },
    cwd: process.cwd(),
    stdin: readStdin,
    get stdinIsTTY() {
      return (stdinTTY ??= isTerminal(0));
    },
  };
}

/** Standard input through Node's stream, which copes with pipes, files and sockets alike; only runs given `-` pay for it. */
async function readStdin(limit: number): Promise<Uint8Array> {
  // Node's stream reads a closed descriptor or a folder as empty: say what it is.
  let stat;
  try {
    stat = fstatSync(0);
  } catch {
    throw new Error('standard input is closed');
  }
  if (stat.isDirectory()) throw new Error('standard input is a folder, not a file');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > limit) break; // leaving the loop closes the stream
  }
  return Buffer.concat(chunks, size);
}

function writer(fd: 1 | 2): (text: string) => void {
  let stream: NodeJS.WriteStream | null = null;
  return (text) => {
    if (stream) {
      stream.write(text);
      return;
    }
    const data = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < data.length) {
      try {
        offset += writeSync(fd, data, offset, data.length - offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== undefined && READER_GONE.has(code)) readerGone();
        if (code !== 'EAGAIN') throw error;
        stream = fd === 1 ? process.stdout : process.stderr;
        stream.on('error', (e: NodeJS.ErrnoException) => {
          if (e.code !== undefined && READER_GONE.has(e.code)) readerGone();
          throw e;
        });
        stream.write(data.subarray(offset));
        return;
      }
    }
  };
}

/**
 * How a write says the reader has gone: EPIPE from a pipe, ECONNRESET from a
 * socket (Node's child processes get socket pairs), whose reader closed with
 * data unread.
 */
const READER_GONE = new Set(['EPIPE', 'ECONNRESET']);

/** The reader of our output has gone: nothing more can be said, so stop with the code the run has. */
function readerGone(): never {
  process.exit(process.exitCode ?? 0);
}

/** Whether a descriptor is a terminal, without loading Node's terminal module for files, pipes and /dev/null. */
function isTerminal(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice() || stat.rdev === statSync('/dev/null').rdev) return false;
  } catch {
    return false;
  }
  return process.getBuiltinModule('node:tty').isatty(fd);
}
