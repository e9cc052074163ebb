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
import type { Scenario } from '../../src/model/vocabulary.js';
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
}
export interface KeySpec {
  id: string;
  heldBy: number[];
}
export interface FormSpec {
  id: string;
  kind: string;
  seenBy: number[];
  encryptedWith: number[];
  containsKeys: number[];
}
/** A profile as plain lists, which `toYaml` writes out. */
export interface ProfileSpec {
  parties: PartySpec[];
  keys: KeySpec[];
  forms: FormSpec[];
}

const DATA_KINDS = ['content', 'metadata', 'contacts'];

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
      parties: fc.constant(kinds.map((kind, i) => ({ id: `p${i}`, kind }))),
      keys: fc.tuple(...Array.from({ length: keyCount }, (_, k) => subsetOf(P, 3).map((heldBy) => ({ id: `k${k}`, heldBy })))),
      forms: fc.tuple(
        ...Array.from({ length: formCount }, (_, f) =>
          fc
            .record({
              kind: fc.constantFrom(...DATA_KINDS),
              seenBy: subsetOf(P, 3),
              encryptedWith: fc.oneof(subsetOf(keyCount, 3, 1), subsetOf(keyCount, 1)),
              containsKeys: subsetOf(keyCount, 2),
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
    ...spec.parties.map((p) => `  ${p.id}: { kind: ${p.kind}${text('name')} }`),
    spec.keys.length > 0 ? 'keys:' : 'keys: {}',
    ...spec.keys.map((k) => `  ${k.id}: { held_by: ${list(k.heldBy.map(party))} }`),
    'data:',
    ...spec.forms.map(
      (f) =>
        `  ${f.id}: { kind: ${f.kind}, seen_by: ${list(f.seenBy.map(party))}, encrypted_with: ${list(f.encryptedWith.map(key))}, contains_keys: ${list(f.containsKeys.map(key))}${text('note')} }`,
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

/** A scenario compelling any kinds but `authority` and `public`, which are never compelled. */
export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .subarray<PartyKind>(['user', 'customer', 'provider', 'network', 'host'])
  .map((compels) => ({ id: 'generated', name: 'Generated', scope: 'any', compels, description: null, file: 'generated', pos: { line: 1, col: 1 } }));
