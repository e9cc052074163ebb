/**
 * What is left where the authority cannot read (MODEL.md section 3.4,
 * `lastResort`): a ban only where only users hold the way in. Wherever a
 * party other than users, `authority` and `public` reads a form of the kind
 * by design, some order (this one broader, or one reaching that party) would
 * read it; so `ban` never names such a kind. Over the whole catalog under
 * every order of every jurisdiction, and on generated profiles and orders,
 * where every step of what is left is also worked the slow way.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/engine/answer-types.js';
import { analyse, answer } from '../../src/engine/answer.js';
import type { Order } from '../../src/model/vocabulary.js';
import { INSTRUMENTS, JURISDICTIONS, ORDERS, ROOT, load } from '../helpers.js';
import { catalog } from '../engine/catalog.js';
import { opens, roles, targetsOf } from '../engine/oracle.js';
import { RUNS, TIMEOUT, orderArb, profileSpec, scenarioArb, toYaml } from './arbitraries.js';

/** Kinds of party a ban leaves holding the way in. */
const ONLY = new Set(['user', 'authority', 'public']);

/** Each kind answered `ban` whose readers by design include a party of another kind: `service order kind: parties`. */
function bansWithOtherReaders(a: Answer): string[] {
  return a.data.flatMap((k) => {
    if (k.authority?.lastResort !== 'ban') return [];
    const others = k.byDesign.filter((p) => !ONLY.has(p.kind));
    return others.length > 0 ? [`${a.service}@${a.variant} ${a.order} ${k.kind}: ${others.map((p) => p.party).join(', ')}`] : [];
  });
}

const SERVICES = readdirSync(join(ROOT, 'data/services'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));

/** Every order that hands data over: the built-in ones, then every instrument of every jurisdiction (`compare --all --in` each). */
const HANDING_OVER: Order[] = [...ORDERS, ...INSTRUMENTS].filter((o) => !o.reaches.includes('build'));

describe('a ban', () => {
  it('only where only users hold the way in: every service and variant of the catalog, every order of every jurisdiction', () => {
    const wrong: string[] = [];
    let bans = 0;
    for (const id of SERVICES) {
      const loaded = catalog(id);
      for (const profile of [loaded.base, ...loaded.variants.values()]) {
        const analysis = analyse(profile);
        for (const order of HANDING_OVER) {
          const a = answer(analysis, order, { jurisdictions: JURISDICTIONS, base: loaded.base });
          bans += a.data.filter((k) => k.authority?.lastResort === 'ban').length;
          wrong.push(...bansWithOtherReaders(a));
        }
      }
    }
    expect(wrong).toEqual([]);
    // The catalog has bans to check: the property is not passed by having none.
    expect(bans).toBeGreaterThan(0);
  });

  it(
    'is the last of what is left, each worked the slow way: generated profiles and orders',
    () => {
      fc.assert(
        fc.property(profileSpec, fc.oneof(scenarioArb, orderArb), (spec, order) => {
          const analysis = analyse(load(toYaml(spec)).base);
          const { own, compelled, beyond } = roles(analysis, order);
          const opensWith = (parties: readonly number[], targets: readonly number[]) => opens(analysis, [...own, ...compelled, ...parties], targets);
          for (const k of answer(analysis, order).data) {
            const a = k.authority!;
            const targets = targetsOf(analysis, k.kind);
            // Handing over everything they have: the compelled parties alone, then with those beyond reach.
            const holders = beyond.filter((p) => opensWith([p], targets)).map((p) => analysis.custody.partyIds[p]);
            const want = a.canRead
              ? { lastResort: null }
              : a.remaining.length > 0
                ? { lastResort: 'beyond-reach' }
                : opensWith([], targets)
                  ? { lastResort: 'another-order' }
                  : opensWith(beyond, targets)
                    ? { lastResort: 'beyond-reach', holdersBeyond: holders }
                    : { lastResort: 'ban' };
            const got = { lastResort: a.lastResort, ...(a.holdersBeyond ? { holdersBeyond: a.holdersBeyond.map((p) => p.party) } : {}) };
            expect(got, k.kind).toEqual(want);
          }
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'only where only users hold the way in: generated profiles and orders',
    () => {
      fc.assert(
        fc.property(profileSpec, fc.oneof(scenarioArb, orderArb), (spec, order) => {
          expect(bansWithOtherReaders(answer(analyse(load(toYaml(spec)).base), order))).toEqual([]);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );
});
