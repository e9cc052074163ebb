/**
 * Golden answers for every profile in the catalog: for each service and
 * variant, the readers by design and, under each scenario, whether the
 * authority can read, via whom, and who remains — written by hand from the
 * numbered facts (test/golden/<id>.yaml cites them). A change to a profile
 * that flips a verdict fails here, with the verdict named.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyse, answer } from '../../src/engine/answer.js';
import { ROOT, SCENARIOS, ids, load, sets } from '../helpers.js';

interface Verdict {
  readable: boolean;
  via?: string[][];
  remaining?: string[][];
}
type Golden = Record<string, Record<string, { 'by-design': string[]; facts?: string[] } & Record<string, Verdict>>>;

const SERVICES = join(ROOT, 'data/services');
const GOLDEN = join(ROOT, 'test/golden');
const catalog = readdirSync(SERVICES).filter((f) => f.endsWith('.yaml'));
const sorted = (s: string[][]) => s.map((x) => [...x].sort()).sort((a, b) => a.join().localeCompare(b.join()));

describe.each(catalog)('%s', (file) => {
  const loaded = load(readFileSync(join(SERVICES, file), 'utf8'), `data/services/${file}`);
  const golden = parse(readFileSync(join(GOLDEN, file), 'utf8')) as Golden;
  const names = [loaded.id, ...[...loaded.variants.keys()].map((v) => `${loaded.id}@${v}`)];

  it('has a golden entry for the service and each of its variants', () => {
    expect(Object.keys(golden).sort()).toEqual([...names].sort());
  });

  for (const name of names) {
    const variant = name.split('@')[1];
    const profile = variant ? loaded.variants.get(variant)! : loaded.base;
    const analysis = analyse(profile);
    const answers = SCENARIOS.map((s) => answer(analysis, s));
    for (const [kind, expected] of Object.entries(golden[name] ?? {})) {
      it(`${name} ${kind}`, () => {
        const byDesign = answers[0]!.data.find((d) => d.kind === kind);
        expect(byDesign, `${name}: no data of kind ${kind}`).toBeDefined();
        expect(ids(byDesign!.byDesign), `${name} ${kind}: readers by design`).toEqual(expected['by-design']);
        for (const scenario of SCENARIOS) {
          const want = expected[scenario.id];
          if (!want) continue;
          const got = answers[SCENARIOS.indexOf(scenario)]!.data.find((d) => d.kind === kind)!.authority;
          const verdict = `${name} ${kind} under ${scenario.id}`;
          expect(got.canRead, `${verdict}: readable`).toBe(want.readable);
          if (want.via) expect(sorted(sets(got.via)), `${verdict}: via`).toEqual(sorted(want.via));
          if (want.remaining) expect(sorted(sets(got.remaining)), `${verdict}: remaining`).toEqual(sorted(want.remaining));
        }
      });
    }
  }
});
