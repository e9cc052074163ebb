/**
 * `-o/--output` loses nothing: the result is written to a temporary file
 * beside the target and renamed over it only when complete, so an error, a
 * Ctrl-C or a kill leaves the old file whole (or the new one, whole), and
 * SIGINT and SIGTERM exit 130 and 143 with no temporary file left.
 */
import { spawn } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wideProfile } from '../fixtures/explosive.js';
import { BIN, runMain, workspace } from './run.js';

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

describe('interrupted', () => {
  /**
   * A folder holding a good out.json, and a run slow enough to interrupt
   * half a second in, with room for a faster machine: three profiles of
   * 5,000 forms, 6 MB of JSON, two seconds or so here.
   */
  const slow = () => {
    const dir = workspace({ 'out.json': OLD });
    mkdirSync(join(dir, 'profiles'));
    const ids = ['wide', 'wide-2', 'wide-3'];
    for (const id of ids) writeFileSync(join(dir, 'profiles', `${id}.yaml`), wideProfile().replace(/^id: wide$/m, `id: ${id}`));
    return { dir, args: ['ask', ...ids, '--profiles', 'profiles', '--format', 'json', '-o', 'out.json'] };
  };

  /** Starts the binary; `signal` is sent `after` ms, or at the first sign of writing out.json (or a file for it). */
  function interrupt(dir: string, args: string[], signal: NodeJS.Signals, after: number | 'writing'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return new Promise((done) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: 'ignore' });
      // One signal: each write to the file is an event, and a second signal would end the run at once, as a second Ctrl-C does.
      const watcher = watch(dir, (_, name) => {
        if (after === 'writing' && !child.killed && (name === 'out.json' || name?.startsWith('.out.json.'))) child.kill(signal);
      });
      const timer = after === 'writing' ? undefined : setTimeout(() => child.kill(signal), after);
      child.on('exit', (code, sig) => {
        clearTimeout(timer);
        watcher.close();
        done({ code, signal: sig });
      });
    });
  }

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s while answering: exit %i, the old file intact byte for byte, no temporary file', async (signal, code) => {
    const { dir, args } = slow();
    // Half a second in: past start-up, when the handlers are set, and well before the write.
    const r = await interrupt(dir, args, signal, 500);
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
    // Whole: three services, two scenarios each.
    expect(text === OLD || JSON.parse(text).answers.length === 6, 'old or whole').toBe(true);
  });
});
