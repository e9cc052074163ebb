/**
 * Generated profiles for the property tests: small enough that every subset
 * of parties can be tried (at most 10 that could be compelled), varied enough
 * to reach every rule: shared and wrapped keys, keys locked in each other,
 * parties of every kind, forms of several kinds.
 *
 * `npm test` runs each property a bounded number of times from a fixed seed;
 * `npm run fuzz` runs them many more times from a fresh one (FUZZ_RUNS,
 * FUZZ_SEED).
 */
import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import { PARTY_KINDS, type PartyKind } from '../../src/model/vocabulary.js';
import { makeOrder } from '../helpers.js';
import type { Order as Scenario } from '../../src/model/vocabulary.js';
import { HOSTILE } from '../format/safety.js';
import { yamlQuoted } from '../helpers.js';

const fuzzSeed = process.env['FUZZ_SEED'];
/** Options for `fc.assert`: the same cases on every `npm test`, many more under `npm run fuzz`. */
export const RUNS = {
  numRuns: Number(process.env['FUZZ_RUNS'] ?? 150),
  // A fresh seed from the system's randomness: tests never read the clock.
  seed: fuzzSeed === 'random' ? randomInt(2 ** 31) : Number(fuzzSeed ?? 20_251_126),
};
/** A test's time limit, grown with the number of runs. */
export const TIMEOUT = Math.max(20_000, RUNS.numRuns * 100);

export interface PartySpec {
  id: string;
  kind: PartyKind;
  /** Where it answers to orders; empty: local to every order. */
  jurisdictions?: string[];
}
export interface KeySpec {
  id: string;
  heldBy: number[];
  passing?: boolean;
}
export interface FormSpec {
  id: string;
  kind: string;
  seenBy: number[];
  encryptedWith: number[];
  containsKeys: number[];
  retention?: 'stored' | 'passing';
}
/** A profile as plain lists, which `toYaml` writes out. */
export interface ProfileSpec {
  parties: PartySpec[];
  keys: KeySpec[];
  forms: FormSpec[];
}

const DATA_KINDS = ['content', 'metadata', 'subscriber', 'contacts'];
/** Jurisdictions a generated party may answer to, and a generated order belong to. */
const PLACES = ['us', 'uk', 'pk'];

/** A subset of 0..n-1, in order. */
const subsetOf = (n: number, max = n, min = 0) => fc.subarray(Array.from({ length: n }, (_, i) => i), { minLength: Math.min(n, min), maxLength: Math.min(n, max) });

/** Mostly parties an order can reach, so that ways in take several of them. */
const partyKind = fc.oneof(
  { arbitrary: fc.constantFrom<PartyKind>('provider', 'network', 'host', 'customer'), weight: 5 },
  { arbitrary: fc.constantFrom<PartyKind>(...PARTY_KINDS), weight: 2 },
);

export const profileSpec: fc.Arbitrary<ProfileSpec> = fc
  .record({
    kinds: fc.array(partyKind, { minLength: 1, maxLength: 10 }),
    keyCount: fc.integer({ min: 0, max: 6 }),
    formCount: fc.integer({ min: 1, max: 7 }),
  })
  .chain(({ kinds, keyCount, formCount }) => {
    const P = kinds.length;
    return fc.record({
      parties: fc.tuple(...kinds.map((kind, i) => fc.subarray(PLACES).map((jurisdictions) => ({ id: `p${i}`, kind, jurisdictions })))),
      keys: fc.tuple(
        ...Array.from({ length: keyCount }, (_, k) => fc.record({ heldBy: subsetOf(P, 3), passing: fc.boolean() }).map((key) => ({ id: `k${k}`, ...key }))),
      ),
      forms: fc.tuple(
        ...Array.from({ length: formCount }, (_, f) =>
          fc
            .record({
              kind: fc.constantFrom(...DATA_KINDS),
              seenBy: subsetOf(P, 3),
              encryptedWith: fc.oneof(subsetOf(keyCount, 3, 1), subsetOf(keyCount, 1)),
              containsKeys: subsetOf(keyCount, 2),
              retention: fc.constantFrom<'stored' | 'passing'>('stored', 'passing'),
            })
            .map((form) => ({ id: `f${f}`, ...form })),
        ),
      ),
    });
  });

const list = (ids: readonly string[]) => `[${ids.join(', ')}]`;

/**
 * The profile as YAML. `texts`, where given, fill the name, summary and every
 * party's name and form's note, in turn.
 */
export function toYaml(spec: ProfileSpec, texts: readonly string[] = []): string {
  const party = (i: number) => spec.parties[i]!.id;
  const key = (i: number) => spec.keys[i]!.id;
  let next = 0;
  const text = (field: string) => (texts.length > 0 ? `, ${field}: ${yamlQuoted(texts[next++ % texts.length]!)}` : '');
  return [
    'id: generated',
    `name: ${texts.length > 0 ? yamlQuoted(texts[next++ % texts.length]!) : 'Generated'}`,
    texts.length > 0 ? `summary: ${yamlQuoted(texts[next++ % texts.length]!)}` : '',
    'parties:',
    ...spec.parties.map((p) => `  ${p.id}: { kind: ${p.kind}${p.jurisdictions?.length ? `, jurisdictions: ${list(p.jurisdictions)}` : ''}${text('name')} }`),
    spec.keys.length > 0 ? 'keys:' : 'keys: {}',
    ...spec.keys.map((k) => `  ${k.id}: { held_by: ${list(k.heldBy.map(party))}${k.passing ? ', retention: passing' : ''} }`),
    'data:',
    ...spec.forms.map(
      (f) =>
        `  ${f.id}: { kind: ${f.kind}, seen_by: ${list(f.seenBy.map(party))}, encrypted_with: ${list(f.encryptedWith.map(key))}, contains_keys: ${list(f.containsKeys.map(key))}${f.retention ? `, retention: ${f.retention}` : ''}${text('note')} }`,
    ),
    '',
  ].join('\n');
}

/** Free text a profile may hold: anything at all, the known hostile strings, or a mix, never blank. */
export const freeText: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }),
    fc.constantFrom(...HOSTILE),
    fc.array(fc.constantFrom(...HOSTILE, ...HOSTILE.join('')), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
  )
  .filter((t) => t.trim() !== '');

/** A scenario compelling any kinds but `authority` and `public`, which are never compelled; every kind, records and live. */
export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .subarray<PartyKind>(['user', 'customer', 'provider', 'network', 'host'])
  .map((compels) => makeOrder({ id: 'generated', compels }));

/** Any order that hands data over: whom it compels, what it reaches, which kinds, which jurisdiction's. */
export const orderArb: fc.Arbitrary<Scenario> = fc
  .record({
    compels: fc.subarray<PartyKind>(['user', 'customer', 'provider', 'network', 'host']),
    reaches: fc.constantFrom<Scenario['reaches']>(['records'], ['live'], ['records', 'live']),
    data: fc.option(fc.subarray(DATA_KINDS, { minLength: 1 }), { nil: null }),
    jurisdiction: fc.option(fc.constantFrom(...PLACES), { nil: null }),
  })
  .map((fields) => makeOrder({ id: 'generated', ...fields }));
