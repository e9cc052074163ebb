/**
 * Properties of conversations (MODEL.md section 7): a conversation of one
 * answers exactly as the service alone, over the whole catalog and on
 * generated profiles; and a participant more never makes anything harder to
 * read: what was readable stays readable, every reader by design still
 * reads, and every way in still holds one.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer, PartyRef } from '../../src/engine/answer-types.js';
import { analyse, answer } from '../../src/engine/answer.js';
import { composeConversation, idOf } from '../../src/model/conversation.js';
import type { Participant, Profile } from '../../src/model/profile.js';
import type { Order } from '../../src/model/vocabulary.js';
import { INSTRUMENTS, JURISDICTIONS, ORDERS, ROOT, load } from '../helpers.js';
import { catalog } from '../engine/catalog.js';
import { RUNS, TIMEOUT, orderArb, profileSpec, scenarioArb, toYaml } from './arbitraries.js';

const SERVICES = readdirSync(join(ROOT, 'data/services'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));

/** Every setting of every catalog service: its base, then each variant. */
const SETTINGS = SERVICES.flatMap((id) => [null, ...catalog(id).variants.keys()].map((variant) => ({ id, variant })));

const participant = (id: string, variant: string | null): Participant => {
  const p = catalog(id);
  return { profile: variant ? p.variants.get(variant)! : p.base, base: p.base, file: null };
};

const compose = (participants: Participant[]): Profile | null => composeConversation(participants).profile;

/** An answer as JSON, without the field only a conversation has. */
const bare = (a: Answer) => JSON.stringify({ ...a, participants: null });

describe('a conversation of one', () => {
  it('answers exactly as the service alone: every service and variant of the catalog, every built-in order', () => {
    let compared = 0;
    for (const { id, variant } of SETTINGS) {
      const one = participant(id, variant);
      const alone = analyse(one.profile);
      const conversation = analyse(compose([one])!);
      for (const order of ORDERS) {
        const options = { jurisdictions: JURISDICTIONS, base: one.base! };
        const a = answer(conversation, order, options);
        expect(bare(a), `${id}@${variant} ${order.id}`).toBe(bare(answer(alone, order, options)));
        expect(a.participants).toEqual([{ service: id, variant, file: null }]);
        compared++;
      }
    }
    expect(compared).toBe(SETTINGS.length * ORDERS.length);
  });

  it(
    'answers exactly as the service alone: generated profiles and orders',
    () => {
      fc.assert(
        fc.property(profileSpec, fc.oneof(scenarioArb, orderArb), (spec, order) => {
          const profile = load(toYaml(spec)).base;
          const conversation = compose([{ profile, base: profile, file: null }])!;
          expect(bare(answer(analyse(conversation), order))).toBe(bare(answer(analyse(profile), order)));
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );
});

/**
 * Whatever the first answer reads, the second reads too: each kind readable
 * stays readable, each reader by design still reads, and each way in still
 * holds one (where the second lists them all). A conversation of one
 * has no copies: what it names, the second names as participant 1's copy,
 * where it has one.
 */
function noHarder(before: Answer, after: Answer, afterProfile: Profile, where: string): void {
  const ids = new Set(afterProfile.parties.map((p) => p.id));
  const first = (r: PartyRef) => (r.participant === undefined && !ids.has(r.party) ? { ...r, participant: 1 } : r);
  const key = (r: PartyRef) => idOf(first(r).party, first(r).participant);
  for (const k of before.data) {
    const k2 = after.data.find((d) => d.kind === k.kind)!;
    const byDesign = new Set(k2.byDesign.map(key));
    for (const r of k.byDesign) expect(byDesign.has(key(r)), `${where} ${k.kind}: ${key(r)} by design`).toBe(true);
    if (!k.authority || !k2.authority) continue;
    if (k.authority.canRead) expect(k2.authority.canRead, `${where} ${k.kind}: readable`).toBe(true);
    // Only where the second lists every way: at most 50 are listed.
    if (k2.authority.waysTotal === null || k2.authority.ways.length < k2.authority.waysTotal) continue;
    const ways = k2.authority.ways.map((w) => w.parties.map(key));
    for (const w of k.authority.ways) {
      const set = new Set(w.parties.map(key));
      expect(ways.some((x) => x.every((p) => set.has(p))), `${where} ${k.kind}: a way within ${[...set]}`).toBe(true);
    }
  }
}

describe('a participant more', () => {
  const ORDERS_HANDING_OVER: Order[] = [...ORDERS, ...INSTRUMENTS].filter((o) => !o.reaches.includes('build'));

  it(
    'never makes content harder to read: catalog services, any settings, any order',
    () => {
      const setting = (id: string) => fc.constantFrom(null, ...catalog(id).variants.keys());
      const conversations = fc.constantFrom(...SERVICES).chain((id) =>
        fc.record({ id: fc.constant(id), settings: fc.array(setting(id), { minLength: 1, maxLength: 3 }), extra: setting(id), order: fc.constantFrom(...ORDERS_HANDING_OVER) }),
      );
      let composed = 0;
      fc.assert(
        fc.property(conversations, ({ id, settings, extra, order }) => {
          const participants = settings.map((v) => participant(id, v));
          const [before, after] = [compose(participants), compose([...participants, participant(id, extra)])];
          // Settings that disagree on what participants share make no conversation.
          if (!before || !after) return;
          composed++;
          const options = { jurisdictions: JURISDICTIONS };
          noHarder(answer(analyse(before), order, options), answer(analyse(after), order, options), after, `${id} ${settings.join('+')} +${extra} ${order.id}`);
        }),
        RUNS,
      );
      // Most draws compose: the property is not passed by skipping.
      expect(composed).toBeGreaterThan(RUNS.numRuns / 2);
    },
    TIMEOUT,
  );

  it(
    'never makes anything harder to read: generated profiles and orders',
    () => {
      fc.assert(
        fc.property(profileSpec, fc.oneof(scenarioArb, orderArb), fc.integer({ min: 1, max: 3 }), (spec, order, n) => {
          const profile = load(toYaml(spec)).base;
          const of = (count: number) => compose(Array.from({ length: count }, () => ({ profile, base: profile, file: null })))!;
          const after = of(n + 1);
          noHarder(answer(analyse(of(n)), order), answer(analyse(after), order), after, `${n} -> ${n + 1}`);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );
});
