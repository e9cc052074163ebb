/**
 * Whatever text a generated profile holds, and whatever its file and its
 * policy are called, every format renders every command without throwing
 * and keeps its promises (test/format/safety.ts): the answers' formats, and
 * those of `check`, `diff`, `graph` and `report`; and the JSON parses back
 * to the same answers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyse, answer } from '../../src/engine/answer.js';
import { diffProfiles } from '../../src/engine/diff.js';
import { applyPolicy, subjectOf } from '../../src/engine/policy.js';
import { CHECK_FORMAT_NAMES, loadCheckFormatter } from '../../src/format/check/registry.js';
import { DIFF_FORMAT_NAMES, loadDiffFormatter } from '../../src/format/diff/registry.js';
import { answersDocument } from '../../src/format/json.js';
import { FORMAT_NAMES, loadFormatter, type Format } from '../../src/format/registry.js';
import { GRAPH_FORMAT_NAMES, loadGraphFormatter } from '../../src/format/graph/registry.js';
import { svgDrawer } from '../../src/format/graph/svg.js';
import { report } from '../../src/format/report.js';
import { ORDERS } from '../helpers.js';
import type { Formatter } from '../../src/format/formatter.js';
import type { AnswersView, CheckView, DiffView } from '../../src/format/views.js';
import { SCENARIOS, load } from '../helpers.js';
import { expectSafe } from '../format/safety.js';
import { POLICY, TOOL } from '../format/views.js';
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
          const view: AnswersView = { services: [{ label: profile.id, profile, file: null, answers: SCENARIOS.map((s) => answer(analysis, s)) }], orders: SCENARIOS, jurisdictions: [] };
          for (const [format, f] of formatters) {
            const show = { label: profile.id, profile, file: null, orders: SCENARIOS };
            for (const text of [f.compare(view, plain), f.ask(view, plain), f.show(show, plain), f.list({ services: [{ profile, origin: 'profiles' }] }, plain)]) expectSafe(format, text);
          }
          const json = formatters.get('json')!;
          expect(JSON.parse(json.ask(view, plain))).toEqual(answersDocument(view));
          expect(JSON.parse(json.show({ label: profile.id, profile, file: null, orders: SCENARIOS }, plain)).service.name).toBe(profile.name);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );
});

describe('the formats of check and diff, on generated profiles in files of any name', () => {
  it(
    'render every finding and change, keeping their promises',
    async () => {
      const checks = await Promise.all(CHECK_FORMAT_NAMES.map(async (format) => [format, await loadCheckFormatter(format)] as const));
      const diffs = await Promise.all(DIFF_FORMAT_NAMES.map(async (format) => [format, await loadDiffFormatter(format)] as const));
      fc.assert(
        fc.property(profiles, profiles, freeText, freeText, freeText, (a, b, file, label, description) => {
          const [from, to] = [{ ...a, file }, { ...b, file: label }];
          const policy = { ...POLICY, file: label, description, rules: POLICY.rules.map((r) => ({ ...r, description })) };
          const check: CheckView = {
            tool: TOOL,
            policy,
            services: [{ label, ...subjectOf(from), profile: from }],
            findings: applyPolicy(policy, [{ profile: from }], { orders: SCENARIOS, answered: SCENARIOS }),
            failOn: 'info',
          };
          for (const [format, f] of checks) expectSafe(format, f(check, plain));
          const diff: DiffView = { from: { label, profile: from, file }, to: { label: file, profile: to, file: label }, orders: SCENARIOS, diff: diffProfiles(from, to, SCENARIOS) };
          for (const [format, f] of diffs) expectSafe(format, f(diff, plain));
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );
});

describe('graph and report, on generated profiles holding any text', () => {
  it(
    'draw every profile in every format, by design and under every built-in order, keeping their promises',
    async () => {
      const graphs = await Promise.all(GRAPH_FORMAT_NAMES.map(async (format) => [format, await loadGraphFormatter(format)] as const));
      const drawer = await svgDrawer();
      fc.assert(
        fc.property(profiles, freeText, (profile, label) => {
          const analysis = analyse(profile);
          const answers = ORDERS.map((o) => answer(analysis, o));
          for (const [i, order] of [null, ...ORDERS].entries()) {
            for (const [format, draw] of graphs) expectSafe(format, draw({ label, profile, order, answer: order ? answers[i - 1]! : null }));
          }
          expectSafe('html', report({ services: [{ label, profile, file: null, answers }], orders: ORDERS, jurisdictions: [] }, drawer.element));
        }),
        { ...RUNS, numRuns: Math.ceil(RUNS.numRuns / 3) },
      );
    },
    TIMEOUT,
  );
});
