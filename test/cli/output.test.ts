/**
 * `-o/--output` loses nothing: the result is written to a temporary file
 * beside the target and renamed over it only when complete, so an error, a
 * Ctrl-C or a kill leaves the old file whole (or the new one, whole), and
 * SIGINT and SIGTERM exit 130 and 143 with no temporary file left. Only a
 * regular file is replaced: a device, a pipe or the process's own stdout is
 * written in place, and a dangling link, a read-only file or an input of
 * the run is refused.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { wideProfile } from '../fixtures/explosive.js';
import { BIN, run, runMain, workspace } from './run.js';

const OLD = '{ "a good file": "written before" }\n';
const temps = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

describe('-o writes whole', () => {
  it('keeps the mode of the file it replaces, and writes through a symbolic link', async () => {
    const dir = workspace({ 'private.md': OLD, 'real/out.md': OLD });
    chmodSync(join(dir, 'private.md'), 0o600);
    symlinkSync('real/out.md', join(dir, 'link.md'));
    expect((await runMain(['list', '--format', 'markdown', '-o', 'private.md'], { cwd: dir })).code).toBe(0);
    expect((await runMain(['list', '--format', 'markdown', '-o', 'link.md'], { cwd: dir })).code).toBe(0);
    expect(statSync(join(dir, 'private.md')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'private.md'), 'utf8')).toMatch(/^\| Service \|/);
    expect(lstatSync(join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.md'))).toBe('real/out.md');
    expect(readFileSync(join(dir, 'real/out.md'), 'utf8')).toMatch(/^\| Service \|/);
    expect([...temps(dir), ...temps(join(dir, 'real'))]).toEqual([]);
  });

  it('an error before writing leaves the old file as it was: exit 2', async () => {
    const dir = workspace({ 'out.json': OLD, 'bad.yaml': 'id: [' });
    for (const args of [['ask', './bad.yaml'], ['compare', 'nope'], ['show', 'bes', '--profiles', 'missing']]) {
      const r = await runMain([...args, '--format', 'json', '-o', 'out.json'], { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe(OLD);
    }
    expect(temps(dir)).toEqual([]);
  });

  it('a target that cannot be replaced: exit 2, nothing changed, no temporary file', async () => {
    const dir = workspace({ 'folder/keep.txt': OLD });
    const r = await runMain(['list', '-o', 'folder'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: cannot write folder: it is a folder, not a file\n');
    expect(readdirSync(join(dir, 'folder'))).toEqual(['keep.txt']);
    expect(temps(dir)).toEqual([]);
  });
});

/**
 * Whether this process may make device nodes (root, with CAP_MKNOD): the
 * device tests make their own null and full devices in a temporary folder,
 * so a broken build can never replace the system's.
 */
const DEVICES: boolean = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'keyholder-mknod-'));
  try {
    return process.getuid?.() === 0 && spawnSync('mknod', [join(dir, 'null'), 'c', '1', '3']).status === 0 && statSync(join(dir, 'null')).isCharacterDevice();
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();
if (!DEVICES) console.warn('skipped: the -o tests on character devices need root (mknod); CI runs them');

/** A folder with a character device `name` in it: major 1, minor 3 is null, 7 is full. */
function withDevice(name: string, minor: 3 | 7): string {
  const dir = workspace({});
  expect(spawnSync('mknod', [join(dir, name), 'c', '1', String(minor)]).status).toBe(0);
  return dir;
}

const PROFILE = 'id: mine\nname: Mine\nparties:\n  user: { kind: user }\nkeys: {}\ndata:\n  m: { kind: content, seen_by: [user] }\n';
const POLICY = 'rules:\n  - id: sealed\n    description: Sealed.\n    severity: error\n    scenario: blanket-order\n    data: content\n    forbid: authority-reads\n';

describe('-o replaces only regular files', () => {
  it.skipIf(!DEVICES)('a character device is written in place, never replaced (root only: mknod)', async () => {
    const dir = withDevice('null', 3);
    const r = await runMain(['list', '--format', 'json', '-o', 'null'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(lstatSync(join(dir, 'null')).isCharacterDevice()).toBe(true);
    expect(temps(dir)).toEqual([]);
  });

  it.skipIf(!DEVICES)('a device that cannot take it (a full one): exit 2, cannot write, the device still there (root only: mknod)', async () => {
    const dir = withDevice('full', 7);
    for (const args of [['ask', 'bes', '-o', 'full'], ['check', '--policy', 'p.yaml', 'bes', '--report', 'sarif:full']]) {
      writeFileSync(join(dir, 'p.yaml'), POLICY);
      const r = await runMain(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe('error: cannot write full: no space left on the device\n');
      expect(lstatSync(join(dir, 'full')).isCharacterDevice()).toBe(true);
    }
    expect(temps(dir)).toEqual([]);
  });

  it('a named pipe is written in place, to the reader waiting on it', async () => {
    const dir = workspace({});
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    let read = '';
    reader.stdout.on('data', (chunk: Buffer) => void (read += chunk.toString('utf8')));
    const done = new Promise<number | null>((resolve) => reader.on('exit', resolve));
    const r = await runMain(['list', '--format', 'json', '-o', 'pipe'], { cwd: dir });
    // A build that replaced the pipe leaves the reader waiting for a writer: stop it.
    const timer = setTimeout(() => reader.kill('SIGKILL'), 5_000);
    expect(await done).toBe(0);
    clearTimeout(timer);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(read).services.length).toBeGreaterThan(10);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(temps(dir)).toEqual([]);
  });

  it('/dev/stdout is the run\'s own stdout, a pipe or a file: written in place', () => {
    const dir = workspace({ 'out.json': '' });
    const piped = run(['list', '--format', 'json', '-o', '/dev/stdout'], { cwd: dir });
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.stdout).services.length).toBeGreaterThan(10);
    const inode = statSync(join(dir, 'out.json')).ino;
    const fd = openSync(join(dir, 'out.json'), 'a');
    const r = spawnSync(process.execPath, [BIN, 'list', '--format', 'json', '-o', '/dev/stdout'], { cwd: dir, stdio: ['ignore', fd, 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    closeSync(fd);
    expect(r.status).toBe(0);
    expect(statSync(join(dir, 'out.json')).ino).toBe(inode);
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe(piped.stdout);
    expect(temps(dir)).toEqual([]);
  });

  it('a symbolic link to nothing: exit 2, the link left as it is, nothing made where it points', async () => {
    const dir = workspace({});
    symlinkSync('elsewhere/out.md', join(dir, 'link.md'));
    const r = await runMain(['list', '-o', 'link.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: cannot write link.md: it is a symbolic link to elsewhere/out.md, which does not exist\n');
    expect(readlinkSync(join(dir, 'link.md'))).toBe('elsewhere/out.md');
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
    expect(temps(dir)).toEqual([]);
  });

  it('a read-only file (mode 0444): refused even as root, left as it was', async () => {
    const dir = workspace({ 'ro.md': OLD, 'p.yaml': POLICY });
    chmodSync(join(dir, 'ro.md'), 0o444);
    for (const args of [['list', '-o', 'ro.md'], ['check', '--policy', 'p.yaml', 'bes', '--report', 'junit:ro.md']]) {
      const r = await runMain(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe('error: cannot write ro.md: it is read-only (mode 0444)\n');
      expect(readFileSync(join(dir, 'ro.md'), 'utf8')).toBe(OLD);
      expect(statSync(join(dir, 'ro.md')).mode & 0o777).toBe(0o444);
    }
    expect(temps(dir)).toEqual([]);
  });

  it('a report that cannot be written stops the run before anything is written', async () => {
    const dir = workspace({ 'ro.xml': OLD, 'p.yaml': POLICY });
    chmodSync(join(dir, 'ro.xml'), 0o444);
    const r = await runMain(['check', '--policy', 'p.yaml', 'bes', '-o', 'out.txt', '--report', 'junit:ro.xml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'out.txt'))).toBe(false);
  });
});

describe('-o never overwrites an input of the run', () => {
  it.each([
    ['a profile named on the command line', ['ask', './mine.yaml', '-o', 'mine.yaml']],
    ['a profile named with a variant', ['ask', './mine.yaml@strict', '-o', './mine.yaml']],
    ['a profile through a symbolic link', ['diff', 'bes', './mine.yaml', '-o', './link.yaml']],
    ['a profile in a --profiles folder', ['list', '--profiles', 'profiles', '-o', 'profiles/deep/other.yaml']],
    ['a file validate reads', ['validate', 'profiles', '--format', 'json', '-o', 'profiles/deep/other.yaml']],
    ['the policy', ['check', '--policy', 'p.yaml', 'bes', '-o', 'p.yaml']],
    ['a report over a profile', ['check', '--policy', 'p.yaml', './mine.yaml', '-o', 'out.txt', '--report', 'sarif:mine.yaml']],
    ['a --scenarios file', ['ask', 'bes', '--scenarios', 'scenarios.yaml', '-o', 'scenarios.yaml']],
  ])('%s: a usage error, exit 2, nothing written', async (_, args) => {
    const scenarios = 'scenarios:\n  - { id: mine, name: Mine, scope: one, compels: [provider] }\n';
    const dir = workspace({ 'mine.yaml': PROFILE, 'profiles/deep/other.yaml': PROFILE.replace('mine', 'other'), 'p.yaml': POLICY, 'scenarios.yaml': scenarios });
    symlinkSync('mine.yaml', join(dir, 'link.yaml'));
    const before = ['mine.yaml', 'profiles/deep/other.yaml', 'p.yaml', 'scenarios.yaml'].map((f) => readFileSync(join(dir, f), 'utf8'));
    const r = await runMain(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .* is an input of this run/);
    expect(['mine.yaml', 'profiles/deep/other.yaml', 'p.yaml', 'scenarios.yaml'].map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(before);
    expect(existsSync(join(dir, 'out.txt'))).toBe(false);
    expect(temps(dir)).toEqual([]);
  });

  it('a file of the catalog, even through a link', async () => {
    const file = join(ROOT, 'data/services/bes.yaml');
    const before = readFileSync(file, 'utf8');
    const dir = workspace({});
    symlinkSync(file, join(dir, 'catalog.yaml'));
    try {
      const r = await runMain(['list', '-o', 'catalog.yaml'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: .* is an input of this run/);
    } finally {
      // A build that wrote through the link must not leave the catalog broken.
      if (readFileSync(file, 'utf8') !== before) writeFileSync(file, before);
    }
  });
});

describe('interrupted', () => {
  /**
   * A folder holding a good out.json, and a run slow enough to interrupt
   * while it answers: a profile of 1,200 forms (about as many as the node
   * limit lets a file hold), each with its ways in, 1.6 MB of JSON. One profile, not
   * more: on a busy machine three runs of it must still fit the test's time.
   */
  const slow = () => {
    const dir = workspace({ 'out.json': OLD });
    mkdirSync(join(dir, 'profiles'));
    const ids = ['wide'];
    for (const id of ids) writeFileSync(join(dir, 'profiles', `${id}.yaml`), wideProfile().replace(/^id: wide$/m, `id: ${id}`));
    return { dir, args: ['ask', ...ids, '--profiles', 'profiles', '--format', 'json', '-o', 'out.json'] };
  };

  /**
   * The processor time a process has had so far, in ms (Linux: user and
   * system time from /proc), or null where that cannot be read. A measure
   * of its progress that a busy machine does not stretch, as wall time is.
   */
  const cpuMs = (pid: number): number | null => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    } catch {
      return null;
    }
  };
  const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;
  const PROC = existsSync(`/proc/${process.pid}/stat`);

  /**
   * Starts the binary; `signal` is sent once the run has had `after` ms of
   * processor time, or at the first sign of writing out.json (or a file for it).
   */
  function interrupt(dir: string, args: string[], signal: NodeJS.Signals, after: number | 'writing'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return new Promise((done) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: 'ignore' });
      // One signal: each write to the file is an event, and a second signal would end the run at once, as a second Ctrl-C does.
      const watcher = watch(dir, (_, name) => {
        if (after === 'writing' && !child.killed && (name === 'out.json' || name?.startsWith('.out.json.'))) child.kill(signal);
      });
      const poll =
        after === 'writing'
          ? undefined
          : setInterval(() => {
              if (!child.killed && (cpuMs(child.pid!) ?? 0) >= after) child.kill(signal);
            }, 5);
      child.on('exit', (code, sig) => {
        clearInterval(poll);
        watcher.close();
        done({ code, signal: sig });
      });
    });
  }

  it.skipIf(!PROC).each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s while answering: exit %i, the old file intact byte for byte, no temporary file (Linux: the signal waits on /proc for processor time)', async (signal, code) => {
    const { dir, args } = slow();
    // After 250 ms of processor time: start-up and reading the profile take
    // under 100 here; answering and rendering, before anything is written,
    // several hundred more. Processor time, not wall time, so a busy machine cannot move
    // the signal past the answer.
    const r = await interrupt(dir, args, signal, 250);
    expect(r).toEqual({ code, signal: null });
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe(OLD);
    expect(temps(dir)).toEqual([]);
  });

  it('SIGINT or SIGTERM while writing: the old file or the whole new one, never part of one, and no temporary file', async () => {
    const { dir, args } = slow();
    writeFileSync(join(dir, 'reference.json'), '');
    expect((await runMain([...args.slice(0, -1), 'reference.json'], { cwd: dir })).code).toBe(0);
    const whole = readFileSync(join(dir, 'reference.json'), 'utf8');
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      writeFileSync(join(dir, 'out.json'), OLD);
      const r = await interrupt(dir, args, signal, 'writing');
      expect(r.code === code || r.code === 0, `exit ${r.code}`).toBe(true);
      expect([OLD, whole]).toContain(readFileSync(join(dir, 'out.json'), 'utf8'));
      expect(temps(dir)).toEqual([]);
    }
  });

  it('killed outright while writing (SIGKILL): the old file or the whole new one, never part of one', async () => {
    const { dir, args } = slow();
    const r = await interrupt(dir, args, 'SIGKILL', 'writing');
    expect(r.signal).toBe('SIGKILL');
    const text = readFileSync(join(dir, 'out.json'), 'utf8');
    // Whole: one service, two orders.
    expect(text === OLD || JSON.parse(text).answers.length === 2, 'old or whole').toBe(true);
  });
});
