/**
 * Whatever bytes or YAML a profile file holds, loading it gives a profile or
 * findings, never an exception, and leaves Object.prototype as it was.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { describe as sentence, findingLine } from '../../src/format/messages.js';
import { loadProfileBytes, loadProfileText } from '../../src/model/load.js';
import { SCENARIOS } from '../helpers.js';
import { STEERING } from '../format/safety.js';
import { RUNS, TIMEOUT, profileSpec, toYaml } from './arbitraries.js';

const options = { orders: new Set(SCENARIOS.map((s) => s.id)) };

/** Loads and checks the result: a profile, or findings each with a place and a harmless sentence. */
function loads(result: ReturnType<typeof loadProfileText>): void {
  if (result.profile === null) expect(result.findings.some((f) => f.severity === 'error')).toBe(true);
  for (const f of result.findings) {
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.col).toBeGreaterThanOrEqual(1);
    expect(sentence(f)).not.toBe('');
    expect(findingLine(f)).not.toMatch(STEERING);
  }
}

/** Keys a profile has, keys an object has, and keys that are neither. */
const key = fc.oneof(
  fc.constantFrom('id', 'name', 'parties', 'keys', 'data', 'variants', 'sources', 'kind', 'held_by', 'seen_by', 'encrypted_with', 'contains_keys', 'stance'),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'),
  fc.string({ maxLength: 8 }),
);
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.double()), tie('list'), tie('map')),
  list: fc.array(tie('node'), { maxLength: 4 }),
  map: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
})).map;

/** Bits of YAML syntax to splice into otherwise good text. */
const syntax = fc.constantFrom('&a ', '*a', '*b', '[', ']', '{', '}', ':', ': ', '- ', '? ', '!', '!!str ', '|', '>', '"', "'", '#', '\t', '\n', '\r\n', '---\n', '...\n', '%YAML 1.2\n', '\u0000', '\ufeff', '\u001b[31m', '<<: *a');

describe('the loader', () => {
  it(
    'random bytes: findings, never an exception',
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => loads(loadProfileBytes(bytes, 'random.yaml', options))),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'random YAML documents, with keys such as __proto__ and constructor: a profile or findings, and Object.prototype untouched',
    () => {
      const before = Object.getOwnPropertyNames(Object.prototype).sort();
      fc.assert(
        fc.property(tree, (value) => loads(loadProfileText(stringify(value), 'random.yaml', options))),
        RUNS,
      );
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    },
    TIMEOUT,
  );

  it(
    'a good profile with YAML syntax spliced in anywhere: a profile or findings',
    () => {
      const spliced = fc
        .tuple(profileSpec, fc.array(fc.tuple(fc.nat(), syntax), { minLength: 1, maxLength: 4 }))
        .map(([spec, cuts]) => cuts.reduce((text, [at, bit]) => text.slice(0, at % (text.length + 1)) + bit + text.slice(at % (text.length + 1)), toYaml(spec)));
      fc.assert(
        fc.property(spliced, (text) => loads(loadProfileText(text, 'spliced.yaml', options))),
        RUNS,
      );
    },
    TIMEOUT,
  );
});
