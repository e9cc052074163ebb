/**
 * Golden answers for every profile in the catalog: for each service and
 * variant, the readers by design and, under each order named (the built-in
 * ones, any instrument, a build order), whether the authority can read, by
 * which ways, who remains and what is left, or which builds read the data —
 * written by hand from the sources (test/golden/<id>.yaml cites them). A
 * change to a profile that flips a verdict fails here, with the verdict named.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyse, answer } from '../../src/engine/answer.js';
import { DEFAULT_ORDERS, JURISDICTIONS, ROOT, ids, load, order, sets } from '../helpers.js';

interface Verdict {
  readable?: boolean;
  /** The minimal sets of compelled parties (v1: `via`). */
  ways?: string[][];
  via?: string[][];
  remaining?: string[][];
  lastResort?: string | null;
  /** Under a build order: each build as `party action target`. */
  builds?: string[];
}
type Golden = Record<string, Record<string, Record<string, Verdict | string[]>>>;

/** Keys of a kind's entry that are not orders. */
const NOT_ORDERS = new Set(['by-design', 'facts', 'sources']);

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
    const ask = (id: string) => answer(analysis, order(id), { jurisdictions: JURISDICTIONS, base: loaded.base });
    for (const [kind, expected] of Object.entries(golden[name] ?? {})) {
      it(`${name} ${kind}`, () => {
        const byDesign = ask(DEFAULT_ORDERS[0]!.id).data.find((d) => d.kind === kind);
        expect(byDesign, `${name}: no data of kind ${kind}`).toBeDefined();
        expect(ids(byDesign!.byDesign), `${name} ${kind}: readers by design`).toEqual(expected['by-design']);
        for (const [id, entry] of Object.entries(expected)) {
          if (NOT_ORDERS.has(id)) continue;
          const want = entry as Verdict;
          const got = ask(id).data.find((d) => d.kind === kind)!;
          const verdict = `${name} ${kind} under ${id}`;
          if (want.builds) {
            expect((got.builds ?? []).map((b) => `${b.party} ${b.action} ${b.target}`).sort(), `${verdict}: builds`).toEqual([...want.builds].sort());
            continue;
          }
          const a = got.authority!;
          if (want.readable !== undefined) expect(a.canRead, `${verdict}: readable`).toBe(want.readable);
          const ways = want.ways ?? want.via;
          if (ways) expect(sorted(sets(a.ways)), `${verdict}: ways`).toEqual(sorted(ways));
          if (want.remaining) expect(sorted(sets(a.remaining)), `${verdict}: remaining`).toEqual(sorted(want.remaining));
          if (want.lastResort !== undefined) expect(a.lastResort, `${verdict}: last resort`).toBe(want.lastResort);
        }
      });
    }
  }
});
