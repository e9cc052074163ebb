/**
 * `npm run bench`: keyholder against floors measured in the same run.
 *
 * Each figure is a ratio of medians: keyholder and its floor are run in
 * turn (A, B, A, B, …), at least 20 times each, so a busy machine slows both
 * alike. Bounds (from the performance issue):
 *
 *   cold `compare bbm imessage bes`  vs `node -e 0`     time ≤ 1.3×
 *   `--version`                      vs `node -e 0`     time ≤ 1.15×
 *   `compare bbm imessage bes`       vs `node -e 0`     peak RSS ≤ 1.5×
 *   `compare --all --profiles <N> --format json`
 *                      vs reading and parsing the same YAML in one process
 *                      time ≤ 1.5× at N = 100, 1,000 and 10,000
 *
 * Exit code 1 when a ratio is out of bounds. BENCH_RUNS sets the runs per
 * figure (default 20); BENCH_SIZES the profile counts (default 100,1000,10000).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'keyholder.js');
const RSS = join(ROOT, 'bench', 'rss.cjs');
const FLOOR = join(ROOT, 'bench', 'floor-parse.mjs');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 20));
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').filter(Boolean).map(Number);
const env = { ...process.env, NO_COLOR: '1' };
delete env.FORCE_COLOR;

/** Wall time of one run, in milliseconds. */
function time(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Peak resident memory of one run, in KiB, reported by the process itself as it exits. */
function rss(args) {
  const r = spawnSync(process.execPath, ['--require', RSS, ...args], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return Number(String(r.output[3]).trim());
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Runs A and B in turn, `runs` times each, and returns both medians. */
function interleave(measure, a, b, runs = RUNS) {
  measure(a); // warm the file system cache for both, untimed
  measure(b);
  const as = [];
  const bs = [];
  for (let i = 0; i < runs; i++) {
    as.push(measure(a));
    bs.push(measure(b));
  }
  return { a: median(as), b: median(bs) };
}

const rows = [];
let failed = false;
function report(name, { a, b }, bound, unit) {
  const ratio = a / b;
  const ok = ratio <= bound;
  failed ||= !ok;
  rows.push({ name, keyholder: `${a.toFixed(unit === 'ms' ? 1 : 0)} ${unit}`, floor: `${b.toFixed(unit === 'ms' ? 1 : 0)} ${unit}`, ratio: ratio.toFixed(2), bound: `≤ ${bound}`, ok: ok ? 'ok' : 'OVER' });
  return ratio;
}

if (!existsSync(join(ROOT, 'dist'))) {
  console.error('bench: build first (npm run build)');
  process.exit(2);
}
const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
console.log(`keyholder ${version} on Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}); ${RUNS} runs per figure, medians, interleaved\n`);

const NODE = ['-e', '0'];
const COMPARE = [BIN, 'compare', 'bbm', 'imessage', 'bes'];
report('cold compare bbm imessage bes', interleave(time, COMPARE, NODE), 1.3, 'ms');
report('--version', interleave(time, [BIN, '--version'], NODE), 1.15, 'ms');
report('peak RSS, compare bbm imessage bes', interleave(rss, COMPARE, NODE), 1.5, 'KiB');

const work = mkdtempSync(join(tmpdir(), 'keyholder-bench-'));
const perProfile = [];
try {
  for (const n of SIZES) {
    const dir = join(work, String(n));
    generate(n, dir);
    const m = interleave(time, [BIN, 'compare', '--all', '--profiles', dir, '--format', 'json'], [FLOOR, dir]);
    report(`compare --all --profiles ${n} --format json`, m, 1.5, 'ms');
    const previous = perProfile.at(-1);
    // The cost of each profile past the previous size: fixed start-up costs drop out.
    const extra = previous ? { keyholder: (m.a - previous.a) / (n - previous.n), floor: (m.b - previous.b) / (n - previous.n) } : null;
    perProfile.push({
      n,
      a: m.a,
      b: m.b,
      row: {
        profiles: n,
        keyholder: (m.a / n).toFixed(3),
        floor: (m.b / n).toFixed(3),
        'keyholder, each one more': extra ? extra.keyholder.toFixed(3) : '',
        'floor, each one more': extra ? extra.floor.toFixed(3) : '',
      },
    });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.table(rows);
console.log('\nCost per profile, ms: overall, and for each profile past the previous size (flat means linear):');
console.table(perProfile.map((p) => p.row));
process.exitCode = failed ? 1 : 0;
