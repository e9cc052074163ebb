/**
 * Profiles whose minimal sets explode stay bounded and correct: at most the
 * cap listed, smallest first, each sufficient and minimal, and the count
 * given where it is known. The tests assert the work the searches take, in
 * steps; how long that takes on a machine is for `npm run bench`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, answer, type Analysis } from '../../src/engine/answer.js';
import { DEFAULT_LIMITS } from '../../src/engine/minimal-sets.js';
import { workBound } from '../../src/engine/ways.js';
import { loadFormatter } from '../../src/format/registry.js';
import { run, runMain, workspace } from '../cli/run.js';
import { layeredProfile, wideProfile } from '../fixtures/explosive.js';
import { SCENARIOS, load, scenario, sets } from '../helpers.js';
import { indicesOf, kindOf, roles, sufficientAndMinimal, targetsOf } from './oracle.js';

const names = (list: Parameters<typeof sets>[0]) => sets(list).map((s) => s.join(' + '));

/** Runs `keyholder ask` on a generated profile through the built binary. */
function askBinary(yaml: string): { code: number | null; doc: { answers: ReturnType<typeof answer>[] } } {
  const dir = workspace({});
  writeFileSync(join(dir, 'profile.yaml'), yaml);
  const r = run(['ask', './profile.yaml', '--format', 'json'], { cwd: dir });
  return { code: r.code, doc: r.code === 0 ? JSON.parse(r.stdout) : { answers: [] } };
}

/** The steps the searches for ways in took for each order, and the most they may take. */
const stepsPerScenario = (analysis: Analysis) =>
  SCENARIOS.map((s) => {
    const work = { steps: 0 };
    answer(analysis, s, { work });
    return work.steps;
  });
/** Two finders (ways in, ways beyond reach), each bounded by `workBound`. */
const boundFor = (analysis: Analysis) => {
  const c = analysis.custody;
  return 2 * workBound(analysis.kinds.length, DEFAULT_LIMITS, c.partyIds.length + c.keyIds.length + c.seenBy.length);
};

describe('60 compellable parties, content behind six layers whose keys ten of them hold each', () => {
  const loaded = load(layeredProfile());
  const analysis = analyse(loaded.base);

  it('the binary answers both scenarios', () => {
    const { code, doc } = askBinary(layeredProfile());
    expect(code).toBe(0);
    expect(doc.answers).toHaveLength(2);
  });

  it('each order takes no more steps than its searches may, whatever the million', () => {
    for (const steps of stepsPerScenario(analysis)) {
      expect(steps).toBeGreaterThan(0);
      expect(steps).toBeLessThanOrEqual(boundFor(analysis));
    }
  });

  it.each(SCENARIOS.map((s) => s.id))('%s: the first 50 of a million ways in, smallest and earliest first, count unknown', (id) => {
    const a = kindOf(answer(analysis, scenario(id)), 'content').authority;
    expect(a.canRead).toBe(true);
    expect(a.ways).toHaveLength(DEFAULT_LIMITS.cap);
    expect(a.waysTotal).toBeNull();
    expect(names(a.ways).slice(0, 3)).toEqual(['p0 + p10 + p20 + p30 + p40 + p50', 'p0 + p10 + p20 + p30 + p40 + p51', 'p0 + p10 + p20 + p30 + p40 + p52']);
    const { own } = roles(analysis, scenario(id));
    for (const set of indicesOf(analysis, a.ways)) {
      expect(set).toHaveLength(6);
      expect(sufficientAndMinimal(analysis, own, set, targetsOf(analysis, 'content'))).toBe(true);
    }
  });

  it('the metadata beside it is still counted exactly', () => {
    const m = kindOf(answer(analysis, scenario('lawful-request')), 'metadata').authority;
    expect(names(m.ways)).toEqual(['p0']);
    expect(m.waysTotal).toBe(1);
  });

  it('the same million as remaining sets, where a blanket order reaches none of the sixty', () => {
    const customers = analyse(load(layeredProfile({ kind: 'customer' })).base);
    const a = kindOf(answer(customers, scenario('blanket-order')), 'content').authority;
    expect(a.canRead).toBe(false);
    expect(a.remaining).toHaveLength(DEFAULT_LIMITS.cap);
    expect(a.remainingTotal).toBeNull();
    const { own, compelled } = roles(customers, scenario('blanket-order'));
    for (const set of indicesOf(customers, a.remaining)) {
      expect(sufficientAndMinimal(customers, [...own, ...compelled], set, targetsOf(customers, 'content'))).toBe(true);
    }
  });
});

describe('1,200 forms of data and 120 keys, about as many as a file may hold', () => {
  it('the binary answers both scenarios, every way in counted', () => {
    const { code, doc } = askBinary(wideProfile());
    expect(code).toBe(0);
    expect(doc.answers.map((a) => a.data.slice(0, 2).map((d) => d.authority!.waysTotal))).toEqual([
      [expect.any(Number), expect.any(Number)],
      [expect.any(Number), expect.any(Number)],
    ]);
  });

  it('each order takes no more steps than its searches may', () => {
    const wide = analyse(load(wideProfile()).base);
    for (const steps of stepsPerScenario(wide)) {
      expect(steps).toBeGreaterThan(0);
      expect(steps).toBeLessThanOrEqual(boundFor(wide));
    }
  });
});

describe('more ways in than the cap', () => {
  // Two layers of ten holders: a hundred ways in, all counted.
  const analysis = analyse(load(layeredProfile({ layers: 2, holders: 10 })).base);
  const content = kindOf(answer(analysis, scenario('lawful-request')), 'content');

  it('the cap is stated in --help, and in the help of ask and compare', async () => {
    for (const args of [['--help'], ['ask', '--help'], ['compare', '--help']]) {
      const r = await runMain(args);
      expect(r.code).toBe(0);
      expect(r.stdout.replace(/\s+/g, ' ')).toContain(`lists at most ${DEFAULT_LIMITS.cap} ways in (via, beyond reach)`);
    }
  });

  it('lists the cap and counts them all', () => {
    expect(content.authority.ways).toHaveLength(50);
    expect(content.authority.waysTotal).toBe(100);
    expect(names(content.authority.ways).at(-1)).toBe('p4 + p19');
  });

  it('every format says how many more, or that there are more', async () => {
    const counted = { services: [{ label: 'two', profile: analysis.custody.profile, file: null, answers: [answer(analysis, scenario('lawful-request'))] }], orders: [scenario('lawful-request')], jurisdictions: [] };
    const million = analyse(load(layeredProfile()).base);
    const uncounted = { ...counted, services: [{ ...counted.services[0]!, label: 'six', profile: million.custody.profile, answers: [answer(million, scenario('lawful-request'))] }] };
    const plain = { color: false, width: 100 };
    for (const format of ['table', 'markdown'] as const) {
      const f = await loadFormatter(format);
      for (const text of [f.compare(counted, plain), f.ask(counted, plain)]) expect(text.replace(/\s+/g, ' ')).toContain('(and 50 more)');
      for (const text of [f.compare(uncounted, plain), f.ask(uncounted, plain)]) expect(text.replace(/\s+/g, ' ')).toContain('(and more: counting stopped)');
    }
    const json = await loadFormatter('json');
    expect(JSON.parse(json.ask(counted, plain)).answers[0].data[0].authority).toMatchObject({ waysTotal: 100 });
    expect(JSON.parse(json.ask(uncounted, plain)).answers[0].data[0].authority).toMatchObject({ waysTotal: null });
  });
});
