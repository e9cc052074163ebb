import type { Io } from './io.js';

/**
 * Colour is decided once, here: never with `--no-color` or a non-empty
 * `NO_COLOR` (chalk alone ignores it); forced by `FORCE_COLOR`; never on a
 * dumb terminal; otherwise only when the stream is a terminal.
 */
export function useColor(flag: boolean, io: Io, stream: 'stdout' | 'stderr' = 'stdout'): boolean {
  if (!flag) return false;
  if (io.env['NO_COLOR']) return false;
  const force = io.env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (io.env['TERM'] === 'dumb') return false;
  return stream === 'stdout' ? io.stdoutIsTTY : io.stderrIsTTY;
}
