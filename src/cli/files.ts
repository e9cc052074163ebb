/**
 * The file system, for the CLI only: reading inputs (every failure becomes a
 * finding), finding YAML files in folders, and writing outputs whole or not
 * at all.
 */
import { closeSync, constants, existsSync, fchmodSync, fstatSync, fsyncSync, openSync, readdirSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
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

/** A path as a person would want to read it: relative to the working folder when inside it. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links (a loop?)',
  ENOTDIR: 'a part of the path is not a folder',
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

/**
 * Writes the whole text to a temporary file beside the target, then renames
 * it over the target: a failure or an interruption leaves the old file as it
 * was, and a reader sees the old file or the new one, never part of one. A
 * target that is a symbolic link is written through (the link stays), and
 * an existing file keeps its permissions. Text given in pieces is written
 * as it comes, with `between` awaited now and then (to let a Ctrl-C end the
 * run, which removes the temporary file).
 */
export async function writeOutputAtomically(path: string, text: string | Iterable<string>, cwd: string, between?: () => Promise<void>): Promise<void> {
  const target = existingTarget(resolve(cwd, path));
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  let created = false;
  pendingWrites.add(temp);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    created = true;
    try {
      const mode = modeOf(target);
      if (mode !== null) fchmodSync(fd, mode);
      let pieces = 0;
      for (const piece of typeof text === 'string' ? [text] : text) {
        const data = Buffer.from(piece, 'utf8');
        let offset = 0;
        while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
        if (between && ++pieces % PIECES_BETWEEN_PAUSES === 0) await between();
      }
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
    throw new OutputError(path, reason(error));
  } finally {
    pendingWrites.delete(temp);
  }
}

/** How many pieces of output are written between two looks at the event loop. */
export const PIECES_BETWEEN_PAUSES = 64;

/** The file a path names, through any symbolic links; the path itself where nothing is there yet. */
function existingTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function modeOf(path: string): number | null {
  try {
    const stat = statSync(path);
    return stat.isFile() ? stat.mode & 0o7777 : null;
  } catch {
    return null;
  }
}
