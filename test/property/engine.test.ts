/**
 * Properties of the engine over generated profiles: it never throws; every
 * `via` and `remaining` set is enough and has no member to spare, and where
 * the count is given the sets are exactly those found by trying every subset,
 * smallest first; `whyNot` and `readable` agree with the rules worked the
 * slow way; more keys held, more forms seen or more kinds compelled never
 * read less.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/engine/answer-types.js';
import { analyse, answer, type Analysis } from '../../src/engine/answer.js';
import { DEFAULT_LIMITS, type MinimalSetsOptions } from '../../src/engine/minimal-sets.js';
import type { Order as Scenario } from '../../src/model/vocabulary.js';
import { SCENARIOS, load } from '../helpers.js';
import { bruteForce, bySizeThenOrder, coversKind, indicesOf, roles, sealedAndReadable, sufficientAndMinimal, targetsOf } from '../engine/oracle.js';
import { RUNS, TIMEOUT, orderArb, profileSpec, scenarioArb, toYaml, type ProfileSpec } from './arbitraries.js';

const analysed = (spec: ProfileSpec): Analysis => analyse(load(toYaml(spec)).base);
const scenarios = fc.oneof(fc.constantFrom(...SCENARIOS), scenarioArb, orderArb);

/** Checks one answer against the rules, tried the slow way. */
function checkAnswer(analysis: Analysis, scenario: Scenario, a: Answer, limits?: MinimalSetsOptions): void {
  const { own, compelled, beyond } = roles(analysis, scenario);
  for (const kind of a.data) {
    const targets = targetsOf(analysis, kind.kind);
    if (!coversKind(analysis, scenario, kind.kind)) {
      // A kind the order does not cover: nothing handed over, nothing read.
      expect(kind.reached).toBe(false);
      expect(kind.authority!.readable).toEqual([]);
      continue;
    }
    const { canRead, ways, waysTotal: viaTotal, remaining: remainingWays, remainingTotal } = kind.authority!;
    const via = ways.map((w) => w.parties);
    const remaining = remainingWays.map((r) => r.parties);
    // via where the authority can read; remaining where it cannot.
    const [sets, total, free, candidates] = canRead ? [via, viaTotal, own, compelled] : [remaining, remainingTotal, [...own, ...compelled], beyond];
    {
      const listed = indicesOf(analysis, sets);
      for (const set of listed) expect(sufficientAndMinimal(analysis, free, set, targets, scenario), `${kind.kind}: ${set}`).toBe(true);
      expect([...listed].sort(bySizeThenOrder)).toEqual(listed);
      expect(listed.length).toBeLessThanOrEqual(limits?.cap ?? 50);
      if (total !== null) expect(listed).toEqual(bruteForce(analysis, free, candidates, targets, scenario).slice(0, limits?.cap ?? 50));
      if (total !== null) expect(total).toBe(bruteForce(analysis, free, candidates, targets, scenario).length);
    }
    const { sealed, readable } = sealedAndReadable(analysis, own, compelled, targets, scenario);
    expect(kind.authority!.whyNot.map((w) => ({ form: w.form, missing: w.missing.map((m) => ({ key: m.key, holders: m.holders.map((h) => h.party) })) }))).toEqual(sealed);
    expect(kind.authority!.readable.map((r) => r.form)).toEqual(readable);
    // canRead: the authority reads with everyone compelled; then via has a set, and remaining none.
    expect(canRead).toBe(targets.length > 0 && bruteForce(analysis, own, compelled, targets, scenario).length > 0);
    if (canRead) expect([via.length > 0, remaining, remainingTotal]).toEqual([true, [], 0]);
    else expect([via, viaTotal]).toEqual([[], 0]);
    // Where any way beyond the order exists, at least one is listed, even if counting was cut off.
    if (!canRead && bruteForce(analysis, [...own, ...compelled], beyond, targets, scenario).length > 0) expect(remaining.length).toBeGreaterThan(0);
    // Each readable form with its own minimal sets, each sufficient and minimal for it.
    for (const r of kind.authority!.readable) {
      const f = analysis.custody.profile.forms.findIndex((x) => x.id === r.form);
      for (const set of indicesOf(analysis, r.via)) expect(sufficientAndMinimal(analysis, own, set, [f], scenario)).toBe(true);
    }
  }
}

describe('the engine, on generated profiles', () => {
  it(
    'never throws, and every via and remaining set is exactly what trying every subset finds',
    () => {
      fc.assert(
        fc.property(profileSpec, scenarios, fc.boolean(), (spec, scenario, search) => {
          const analysis = analysed(spec);
          // Both ways to the answer: trying every group of the few parties
          // that matter, and the search used where there are more.
          const limits = search ? { ...DEFAULT_LIMITS, tryAll: 0 } : DEFAULT_LIMITS;
          checkAnswer(analysis, scenario, answer(analysis, scenario, { limits }), limits);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'with tiny search limits, counting is cut off but every set listed is still enough and minimal, in order of size',
    () => {
      const limits = fc.record({ cap: fc.integer({ min: 1, max: 4 }), familyCap: fc.integer({ min: 1, max: 4 }), workBudget: fc.integer({ min: 1, max: 400 }), tryAll: fc.constant(0) });
      fc.assert(
        fc.property(profileSpec, scenarios, limits, (spec, scenario, l) => {
          const analysis = analysed(spec);
          checkAnswer(analysis, scenario, answer(analysis, scenario, { limits: l }), l);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'giving a key to one more party, or showing a form to one more, never removes a reader',
    () => {
      const grow = fc.record({ party: fc.nat(), target: fc.nat(), key: fc.boolean() });
      fc.assert(
        fc.property(profileSpec, scenarios, grow, (spec, scenario, g) => {
          const party = g.party % spec.parties.length;
          const bigger: ProfileSpec = structuredClone(spec);
          if (g.key && spec.keys.length > 0) {
            const key = bigger.keys[g.target % spec.keys.length]!;
            if (!key.heldBy.includes(party)) key.heldBy = [...key.heldBy, party].sort((a, b) => a - b);
          } else {
            const form = bigger.forms[g.target % spec.forms.length]!;
            if (!form.seenBy.includes(party)) form.seenBy = [...form.seenBy, party].sort((a, b) => a - b);
          }
          atLeast(answer(analysed(bigger), scenario), answer(analysed(spec), scenario));
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'a records-only order never reads a passing form that none of the authority\'s own parties sees',
    () => {
      fc.assert(
        fc.property(profileSpec, orderArb, (spec, o) => {
          const records = { ...o, reaches: ['records' as const] };
          const analysis = analysed(spec);
          const { own } = roles(analysis, records);
          const profile = analysis.custody.profile;
          for (const kind of answer(analysis, records).data) {
            for (const r of kind.authority!.readable) {
              const form = profile.forms.find((f) => f.id === r.form)!;
              const tapped = form.seenBy.some((id) => own.includes(analysis.custody.partyIndex.get(id)!));
              if (!tapped) expect(form.retention, `${r.form} read under records only`).toBe('stored');
            }
          }
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'adding the order\'s jurisdiction to a party\'s non-empty list never removes a way in',
    () => {
      fc.assert(
        fc.property(profileSpec, orderArb, fc.nat(), (spec, o, pick) => {
          const code = o.jurisdiction ?? 'us';
          const order = { ...o, jurisdiction: code };
          const listed = spec.parties.filter((p) => (p.jurisdictions ?? []).length > 0 && !p.jurisdictions!.includes(code));
          if (listed.length === 0) return;
          const bigger: ProfileSpec = structuredClone(spec);
          const party = bigger.parties.find((p) => p.id === listed[pick % listed.length]!.id)!;
          party.jurisdictions = [...party.jurisdictions!, code];
          const [before, after] = [answer(analysed(spec), order), answer(analysed(bigger), order)];
          atLeast(after, before);
          const analysis = analysed(bigger);
          const { own } = roles(analysis, order);
          for (const kind of before.data) {
            const targets = targetsOf(analysis, kind.kind);
            for (const set of indicesOf(analysis, kind.authority!.ways)) expect(sufficientAndMinimal(analysis, own, set, targets, order)).toBe(true);
          }
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'an order that reaches more (more kinds, more parties, records and live) never reads less',
    () => {
      fc.assert(
        fc.property(profileSpec, orderArb, orderArb, (spec, a, b) => {
          const analysis = analysed(spec);
          const more = {
            ...a,
            compels: [...new Set([...a.compels, ...b.compels])],
            reaches: [...new Set([...a.reaches, ...b.reaches])],
            data: a.data === null || b.data === null ? null : [...new Set([...a.data, ...b.data])],
          };
          atLeast(answer(analysis, more), answer(analysis, a));
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'a scenario that compels more kinds never reads less',
    () => {
      fc.assert(
        fc.property(profileSpec, scenarioArb, scenarioArb, (spec, a, b) => {
          const analysis = analysed(spec);
          const more = { ...a, compels: [...new Set([...a.compels, ...b.compels])] };
          atLeast(answer(analysis, more), answer(analysis, a));
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );
});

/** `more` reads at least what `less` reads: by design, and by the authority. */
function atLeast(more: Answer, less: Answer): void {
  for (const before of less.data) {
    const after = more.data.find((d) => d.kind === before.kind)!;
    const parties = (refs: { party: string }[]) => refs.map((r) => r.party);
    expect(parties(after.byDesign)).toEqual(expect.arrayContaining(parties(before.byDesign)));
    if (before.authority!.canRead) expect(after.authority!.canRead).toBe(true);
    const forms = (a: typeof before) => a.authority!.readable.map((r) => r.form);
    expect(forms(after)).toEqual(expect.arrayContaining(forms(before)));
  }
}
