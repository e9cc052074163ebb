/**
 * Tests assert the work done (steps, nodes, lexemes), never the time it
 * took: a test that times itself fails on a busy machine, and a suite that
 * fails on a loaded CI machine blocks every change. Time belongs to
 * `npm run bench`, as ratios against a floor measured in the same run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from './helpers.js';

it('no test reads the clock', () => {
  const clock = /performance\.now|Date\.now|hr[t]ime/;
  const files = readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|mjs|js)$/.test(f));
  const reads = files.flatMap((f) =>
    readFileSync(join(ROOT, 'test', f), 'utf8')
      .split('\n')
      .flatMap((line, i) => (clock.test(line) ? [`test/${f}:${i + 1}: ${line.trim()}`] : [])),
  );
  expect(reads).toEqual([]);
});
