/** Views of the fixture profiles, built the way the CLI builds them. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { join } from 'node:path';
import { analyse, answer } from '../../src/engine/answer.js';
import { diffProfiles } from '../../src/engine/diff.js';
import { applyPolicy, subjectOf } from '../../src/engine/policy.js';
import type { AnswersView, CheckView, DiffView, ListView, ShowView, SourcesView, ValidateView } from '../../src/format/views.js';
import { citations } from '../../src/model/provenance.js';
import type { Policy } from '../../src/model/policy.js';
import type { Profile } from '../../src/model/profile.js';
import type { RuleSeverity } from '../../src/model/severity.js';
import { loadProfileText } from '../../src/model/load.js';
import { HOMEPAGE } from '../../src/cli/version.js';
import { ROOT, SCENARIOS, load } from '../helpers.js';

export const fixture = (name: string) => readFileSync(join(ROOT, 'test/fixtures/profiles', `${name}.yaml`), 'utf8');

/** A fixture profile by name, `id` or `id@variant`, with its variant applied. */
export function fixtureProfile(name: string): Profile {
  const [id, variant] = name.split('@') as [string, string | undefined];
  const loaded = load(fixture(id), `test/fixtures/profiles/${id}.yaml`);
  return variant ? loaded.variants.get(variant)! : loaded.base;
}

/**
 * The day the fixtures' ages are measured on, pinned as SOURCE_DATE_EPOCH
 * pins it for the CLI: relay (as of 2015) is then stale, global-key
 * discontinued, cloud-backup (2024) current.
 */
export const TODAY = '2025-06-01';

export function answersView(names: string[]): AnswersView {
  const services = names.map((name) => {
    const profile = fixtureProfile(name);
    const analysis = analyse(profile);
    return { label: name, profile, file: null, answers: SCENARIOS.map((s) => answer(analysis, s, { today: TODAY })) };
  });
  return { services, orders: SCENARIOS, jurisdictions: [], today: TODAY };
}

export function listView(names: string[]): ListView {
  return { services: names.map((n) => ({ profile: load(fixture(n), `test/fixtures/profiles/${n}.yaml`).base, origin: 'catalog' as const })), today: TODAY };
}

/** `keyholder sources` of fixture profiles, by name, `id` or `id@variant`. */
export function sourcesView(names: string[]): SourcesView {
  return {
    services: names.map((name) => {
      const [id, variant] = name.split('@') as [string, string | undefined];
      const loaded = load(fixture(id), `test/fixtures/profiles/${id}.yaml`);
      return { label: name, profile: variant ? loaded.variants.get(variant)! : loaded.base, sources: citations(loaded, variant ?? null) };
    }),
  };
}

export function showView(name: string): ShowView {
  return { label: name, profile: fixtureProfile(name), file: null, orders: SCENARIOS };
}

export function validateView(): ValidateView {
  const bad = 'id: bad\nname: Bad\nparties:\n  user: { kind: usr }\nkeys:\n  k: { held_by: [usre] }\ndata:\n  m: { kind: contnet, seen_by: [user] }\n';
  const result = loadProfileText(bad, 'profiles/bad.yaml', { orders: new Set(SCENARIOS.map((s) => s.id)) });
  return {
    files: [
      { file: 'profiles/bad.yaml', type: 'profile', id: 'bad', findings: result.findings },
      { file: 'profiles/good.yaml', type: 'profile', id: 'good', findings: [] },
    ],
  };
}

/** keyholder as the check formats name it, at a fixed version. */
export const TOOL: CheckView['tool'] = { name: 'keyholder', version: '0.0.0-test', informationUri: HOMEPAGE };

/** A policy with one rule of each kind and each severity. */
export const POLICY: Policy = {
  file: 'policies/customer-keys.yaml',
  description: 'Only the customer and its users read content.',
  rules: [
    { id: 'sealed-under-blanket-order', description: 'Under a blanket order, the authority cannot read content.', severity: 'error', order: 'blanket-order', data: 'content', forbid: 'authority-reads', partyKinds: [], pos: { line: 3, col: 9 } },
    { id: 'no-provider-reads', description: 'By design, no provider or host reads content.', severity: 'warn', order: 'by-design', data: 'content', forbid: 'party-reads', partyKinds: ['provider', 'host'], pos: { line: 9, col: 9 } },
    { id: 'metadata-sourced', description: 'The metadata verdict rests on sourced claims.', severity: 'info', order: 'by-design', data: 'metadata', forbid: 'unverified', partyKinds: [], pos: { line: 16, col: 9 } },
  ],
};

export function checkView(names: string[], failOn: RuleSeverity = 'error', policy: Policy = POLICY): CheckView {
  const profiles = names.map(fixtureProfile);
  return {
    tool: TOOL,
    policy,
    services: profiles.map((p, i) => ({ label: names[i]!, ...subjectOf(p), profile: p })),
    findings: applyPolicy(policy, profiles.map((profile) => ({ profile })), { orders: SCENARIOS, answered: SCENARIOS }),
    failOn,
  };
}

/** Every row of every Markdown table has as many cells as its header: no cell broke out. */
export function expectRectangularTables(text: string): void {
  let width = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) {
      width = 0;
      continue;
    }
    const cells = line.replace(/\\\|/g, '').split('|').length;
    if (width === 0) width = cells;
    expect(cells, line).toBe(width);
  }
}

export function diffView(from: string, to: string): DiffView {
  const [a, b] = [fixtureProfile(from), fixtureProfile(to)];
  return { from: { label: from, profile: a, file: null }, to: { label: to, profile: b, file: null }, orders: SCENARIOS, diff: diffProfiles(a, b, SCENARIOS) };
}
