/**
 * The file system, for the CLI only: reading inputs (every failure becomes a
 * finding), finding YAML files in folders, and writing outputs: a regular
 * file whole or not at all, a device or a pipe in place.
 */
import { accessSync, closeSync, constants, existsSync, fchmodSync, fstatSync, fsyncSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { finding, type Finding } from '../model/finding.js';
import { LIMITS } from '../model/limits.js';
import { OutputError } from './errors.js';

/**
 * The package's own folder (for `data/`): the nearest folder above this
 * module that holds the built-in scenarios, whether it runs bundled from
 * `dist/` or from `src/cli/` in the tests.
 */
export const PACKAGE_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'data', 'scenarios.yaml')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();
export const COMPILED_CATALOG_DIR = join(PACKAGE_ROOT, 'dist', 'catalog');
export const CATALOG_DIR = join(PACKAGE_ROOT, 'data', 'services');
export const SCENARIOS_FILE = join(PACKAGE_ROOT, 'data', 'scenarios.yaml');
export const JURISDICTIONS_DIR = join(PACKAGE_ROOT, 'data', 'jurisdictions');

/**
 * How output names a file of the package (a catalog profile, the built-in
 * scenarios): by its path in the package, `data/services/bes.yaml`, the
 * same wherever keyholder is installed or run from, so CI annotations
 * attach to it and no output shows where the package lies on disk.
 */
export function packagePath(path: string): string {
  return relative(PACKAGE_ROOT, path).split(sep).join('/');
}

/**
 * How output names a file the user gave (on the command line, or found in a
 * folder given there). A relative path as typed. An absolute one inside the
 * working folder by its path from there, with `/`: what a CI annotation or a
 * SARIF artifactLocation resolves against the checkout, and the same on
 * every machine. Any other as typed. The working folder is compared through
 * symbolic links too, as a shell's `$PWD` may name it by a link that
 * process.cwd() has resolved; the file's own name is kept, never its target.
 */
export function userPath(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path;
  const full = resolve(path);
  return inside(full, cwd) ?? inside(join(realPath(dirname(full)), basename(full)), realPath(cwd)) ?? path;
}

/** A path's place below a folder (`.` for the folder itself), with `/`; null where it is not below it. */
function inside(path: string, dir: string): string | null {
  const rel = relative(dir, path);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return rel === '' ? '.' : rel.split(sep).join('/');
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links (a loop?)',
  ENOTDIR: 'a part of the path is not a folder',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  ENXIO: 'no such device',
};

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return REASONS[code] ?? (error as Error).message;
}

/**
 * Reads a file's bytes, refusing folders, pipes and devices (which could
 * block or never end) and files over the size cap. The file is opened without
 * waiting for a writer and checked through its descriptor, so what is read is
 * what was checked; at most one byte past the cap is read, so a file that
 * grows meanwhile is refused too.
 */
export function readInput(path: string, shown: string, cwd: string): { bytes?: Uint8Array; findings: Finding[] } {
  const at = { line: 1, col: 1 };
  const refuse = (why: string) => ({ findings: [finding('unreadable-file', shown, at, '', { reason: why })] });
  const tooLarge = (size: number) => ({ findings: [finding('file-too-large', shown, at, '', { size, limit: LIMITS.maxBytes })] });
  let fd: number;
  try {
    fd = openSync(resolve(cwd, path), constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return refuse(reason(error));
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return refuse(REASONS['EISDIR']!);
    if (!stat.isFile()) return refuse('it is not a regular file (a pipe, a device or a socket)');
    if (stat.size > LIMITS.maxBytes) return tooLarge(stat.size);
    let buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > LIMITS.maxBytes) return tooLarge(length);
        buffer = Buffer.concat([buffer], Math.min(2 * length, LIMITS.maxBytes + 1));
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return { bytes: buffer.subarray(0, length), findings: [] };
  } catch (error) {
    return refuse(reason(error));
  } finally {
    closeSync(fd);
  }
}

export const isYamlFile = (name: string) => /\.ya?ml$/i.test(name);

/**
 * Every `*.yaml`/`*.yml` file under a folder, in a stable order, following
 * symbolic links but never the same folder twice (a link loop ends, reported).
 * Paths are joined onto the folder as given, for display.
 */
export function findYamlFiles(dir: string, cwd: string): { files: string[]; findings: Finding[] } {
  const files: string[] = [];
  const findings: Finding[] = [];
  const visited = new Set<string>();
  const walk = (shown: string) => {
    const full = resolve(cwd, shown);
    let real: string;
    try {
      real = realpathSync(full);
    } catch (error) {
      findings.push(finding('unreadable-file', shown, { line: 1, col: 1 }, '', { reason: reason(error) }));
      return;
    }
    if (visited.has(real)) {
      findings.push(finding('unreadable-file', shown, { line: 1, col: 1 }, '', { reason: 'a symbolic link loop: this folder was already read' }));
      return;
    }
    visited.add(real);
    let entries: string[];
    try {
      entries = readdirSync(full).sort();
    } catch (error) {
      findings.push(finding('unreadable-file', shown, { line: 1, col: 1 }, '', { reason: reason(error) }));
      return;
    }
    for (const name of entries) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const child = join(shown, name);
      let isDir: boolean;
      try {
        isDir = statSync(resolve(cwd, child)).isDirectory();
      } catch (error) {
        findings.push(finding('unreadable-file', child, { line: 1, col: 1 }, '', { reason: reason(error) }));
        continue;
      }
      if (isDir) walk(child);
      else if (isYamlFile(name)) files.push(child);
    }
  };
  walk(dir);
  return { files, findings };
}

export function isDirectory(path: string, cwd: string): boolean {
  try {
    return statSync(resolve(cwd, path)).isDirectory();
  } catch {
    return false;
  }
}

export function isFile(path: string, cwd: string): boolean {
  try {
    return statSync(resolve(cwd, path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Temporary files being written now, removed if the process is interrupted:
 * one set for the process, whichever of the built files writes.
 */
export const pendingWrites: Set<string> = ((globalThis as Record<symbol, unknown>)[Symbol.for('keyholder.pendingWrites')] ??= new Set<string>()) as Set<string>;

/** Where an output goes: a file replaced whole (or made), or one written in place. */
export interface OutputTarget {
  /** The file to write: through any symbolic links, for a file replaced whole. */
  path: string;
  /** A character device, a named pipe, or one of the process's own open files (`/dev/stdout`). */
  inPlace: boolean;
  /** For `/dev/stdout` or `/dev/stderr` (or `/dev/fd/1`, `/proc/self/fd/2`, or a link to one): that stream. */
  stream?: 1 | 2;
}

/** Open files of a process (`/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/1`): they belong to whoever opened them, and are written where they are. */
const DESCRIPTOR = /^\/(?:dev\/(?:stdout|stderr|fd\/\d+)|proc\/(?:self|thread-self|\d+)\/fd\/\d+)$/;
const OWN_STREAM = /^\/(?:dev\/std(out|err)|(?:dev|proc\/(?:self|thread-self))\/fd\/([12]))$/;

/**
 * How `-o` (or a report) writes `path`, or an OutputError where it must not.
 * Only a regular file is replaced, and only when it may be written: its mode
 * bits are read here, since root may write any file. A device, a named pipe
 * or `/dev/stdout` is written in place; a folder, a block device, a socket
 * and a symbolic link to nothing are refused.
 */
export function outputTarget(path: string, cwd: string): OutputTarget {
  const full = resolve(cwd, path);
  const refuse = (why: string) => new OutputError(path, why);
  const descriptor = descriptorOf(full);
  if (descriptor !== null) {
    const own = OWN_STREAM.exec(descriptor.replace(`/proc/${process.pid}/`, '/proc/self/'));
    return { path: full, inPlace: true, ...(own ? { stream: own[1] === 'out' || own[2] === '1' ? 1 : 2 } : {}) };
  }
  let stat;
  try {
    stat = statSync(full);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw refuse(reason(error));
    const link = linkTarget(full);
    if (link !== null) throw refuse(`it is a symbolic link to ${link}, which does not exist`);
    return { path: full, inPlace: false };
  }
  if (stat.isDirectory()) throw refuse(REASONS['EISDIR']!);
  if (stat.isCharacterDevice() || stat.isFIFO()) return { path: full, inPlace: true };
  if (!stat.isFile()) throw refuse('it is a block device or a socket, not a file');
  if ((stat.mode & 0o222) === 0) throw refuse(`it is read-only (mode ${(stat.mode & 0o7777).toString(8).padStart(4, '0')})`);
  try {
    accessSync(full, constants.W_OK);
  } catch (error) {
    throw refuse(reason(error));
  }
  return { path: realpathSync(full), inPlace: false };
}

/** The open file a path is, or leads to by links; null where it leads to none. */
function descriptorOf(path: string): string | null {
  let at = path;
  for (let hop = 0; hop < 40; hop++) {
    if (DESCRIPTOR.test(at)) return at;
    const next = linkTarget(at);
    if (next === null) return null;
    at = resolve(dirname(at), next);
  }
  return null;
}

/** What a symbolic link points at; null where the path is not a link. */
function linkTarget(path: string): string | null {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : null;
  } catch {
    return null;
  }
}

/**
 * Writes a result to `path`, where outputTarget says: a regular file whole
 * or not at all, anything else in place. Text given in pieces is written as it
 * comes, with `between` awaited now and then (to let a Ctrl-C end the run,
 * which removes any temporary file).
 */
export async function writeOutput(path: string, target: OutputTarget, text: string | Iterable<string>, between?: () => Promise<void>): Promise<void> {
  try {
    if (target.inPlace) await writeInPlace(target.path, text, between);
    else await replaceWhole(target.path, text, between);
  } catch (error) {
    throw new OutputError(path, reason(error));
  }
}

/** Writes each piece whole with `write`, awaiting `between` every so many pieces. */
export async function writePieces(text: string | Iterable<string>, write: (piece: string) => void | Promise<void>, between?: () => Promise<void>): Promise<void> {
  let pieces = 0;
  for (const piece of typeof text === 'string' ? [text] : text) {
    await write(piece);
    if (between && ++pieces % PIECES_BETWEEN_PAUSES === 0) await between();
  }
}

/**
 * A device, a pipe or one of the process's open files, opened as it is
 * (never made, never truncated: appended to, as a shell's `>` has already
 * emptied a file behind `/dev/stdout`). Nothing blocks the main thread or a
 * worker: a pipe with no reader yet is opened again until one comes, and a
 * full one written again once drained, so Ctrl-C ends the run meanwhile.
 */
async function writeInPlace(path: string, text: string | Iterable<string>, between?: () => Promise<void>): Promise<void> {
  const fd = await openWhenRead(path);
  try {
    await writePieces(text, (piece) => writeAll(fd, piece), between);
  } finally {
    closeSync(fd);
  }
}

/** Writes a piece whole; where a pipe is full (EAGAIN, opened non-blocking), again once it has drained. */
async function writeAll(fd: number, piece: string): Promise<void> {
  const data = Buffer.from(piece, 'utf8');
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += writeSync(fd, data, offset, data.length - offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      await delay(RETRY_MS);
    }
  }
}

/** How long to wait before trying a pipe again: for a reader to come, or to drain it. */
const RETRY_MS = 20;

async function openWhenRead(path: string): Promise<number> {
  for (;;) {
    try {
      return openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
    } catch (error) {
      // ENXIO: a named pipe that no one reads yet.
      if ((error as NodeJS.ErrnoException).code !== 'ENXIO' || !statSync(path).isFIFO()) throw error;
      await delay(RETRY_MS);
    }
  }
}

/**
 * Writes the whole text to a temporary file beside the target, then renames
 * it over the target: a failure or an interruption leaves the old file as it
 * was, and a reader sees the old file or the new one, never part of one. An
 * existing file keeps its permissions.
 */
async function replaceWhole(target: string, text: string | Iterable<string>, between?: () => Promise<void>): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  let created = false;
  pendingWrites.add(temp);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    created = true;
    try {
      const mode = modeOf(target);
      if (mode !== null) fchmodSync(fd, mode);
      await writePieces(text, (piece) => writeAll(fd, piece), between);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    if (created) {
      try {
        unlinkSync(temp);
      } catch {
        /* already gone */
      }
    }
    throw error;
  } finally {
    pendingWrites.delete(temp);
  }
}

/** How many pieces of output are written between two looks at the event loop. */
export const PIECES_BETWEEN_PAUSES = 64;

function modeOf(path: string): number | null {
  try {
    const stat = statSync(path);
    return stat.isFile() ? stat.mode & 0o7777 : null;
  } catch {
    return null;
  }
}

/** A file's identity (device and inode), through links; null where there is none. */
export function fileIdentity(path: string, cwd: string): string | null {
  try {
    const stat = statSync(resolve(cwd, path));
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}
