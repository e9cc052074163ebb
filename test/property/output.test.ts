/**
 * Whatever text a generated profile holds, every format renders every
 * command without throwing and keeps its promises (test/format/safety.ts),
 * and the JSON parses back to the same answers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyse, answer } from '../../src/engine/answer.js';
import { answersDocument } from '../../src/format/json.js';
import { FORMAT_NAMES, loadFormatter, type Format } from '../../src/format/registry.js';
import type { Formatter } from '../../src/format/formatter.js';
import type { AnswersView } from '../../src/format/views.js';
import { SCENARIOS, load } from '../helpers.js';
import { expectSafe } from '../format/safety.js';
import { RUNS, TIMEOUT, freeText, profileSpec, toYaml } from './arbitraries.js';

const plain = { color: false, width: 100 };
const profiles = fc.tuple(profileSpec, fc.array(freeText, { minLength: 1, maxLength: 8 })).map(([spec, texts]) => load(toYaml(spec, texts)).base);

describe('every format, on generated profiles holding any text', () => {
  it(
    'renders every command, keeping its promises; the JSON parses back to the same answers',
    async () => {
      const formatters = new Map<Format, Formatter>();
      for (const format of FORMAT_NAMES) formatters.set(format, await loadFormatter(format));
      fc.assert(
        fc.property(profiles, (profile) => {
          const analysis = analyse(profile);
          const view: AnswersView = { services: [{ label: profile.id, profile, file: null, answers: SCENARIOS.map((s) => answer(analysis, s)) }], scenarios: SCENARIOS };
          for (const [format, f] of formatters) {
            const show = { label: profile.id, profile, file: null, scenarios: SCENARIOS };
            for (const text of [f.compare(view, plain), f.ask(view, plain), f.show(show, plain), f.list({ services: [{ profile, origin: 'profiles' }] }, plain)]) expectSafe(format, text);
          }
          const json = formatters.get('json')!;
          expect(JSON.parse(json.ask(view, plain))).toEqual(answersDocument(view));
          expect(JSON.parse(json.show({ label: profile.id, profile, file: null, scenarios: SCENARIOS }, plain)).service.name).toBe(profile.name);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );
});
