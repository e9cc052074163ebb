/**
 * `-` for a profile: standard input, read once a run, capped as files are,
 * and named `<stdin>` wherever a file name would be shown.
 */
import { finding, type Finding } from '../model/finding.js';
import { LIMITS } from '../model/limits.js';
import type { Io } from './io.js';

export const STDIN_ARG = '-';
export const STDIN_FILE = '<stdin>';

/** What was read of an input: its bytes, or the findings that say why not (as files.ts's `readInput`). */
export interface Read {
  bytes?: Uint8Array;
  findings: Finding[];
}

const reads = new WeakMap<Io, Promise<Read>>();

/** Standard input as a profile's bytes. A second call in the same run gets the same bytes. */
export function readStdin(io: Io): Promise<Read> {
  let read = reads.get(io);
  if (!read) reads.set(io, (read = readOnce(io)));
  return read;
}

async function readOnce(io: Io): Promise<Read> {
  const at = { line: 1, col: 1 };
  const refuse = (reason: string): Read => ({ findings: [finding('unreadable-file', STDIN_FILE, at, '', { reason })] });
  // A terminal would wait for typing the user does not know is wanted.
  if (io.stdinIsTTY) return refuse(`standard input is a terminal; pipe a profile in: cat profile.yaml | keyholder validate ${STDIN_ARG}`);
  let bytes: Uint8Array;
  try {
    bytes = await io.stdin(LIMITS.maxBytes);
  } catch (error) {
    return refuse((error as Error).message);
  }
  if (bytes.length > LIMITS.maxBytes) {
    // The rest is never read, so its size is unknown.
    return { findings: [finding('file-too-large', STDIN_FILE, at, '', { size: `more than ${LIMITS.maxBytes}`, limit: LIMITS.maxBytes })] };
  }
  return { bytes, findings: [] };
}
