/** Views of the fixture profiles, built the way the CLI builds them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse, answer } from '../../src/engine/answer.js';
import type { AnswersView, ListView, ShowView, ValidateView } from '../../src/format/views.js';
import { loadProfileText } from '../../src/model/load.js';
import { ROOT, SCENARIOS, load } from '../helpers.js';

export const fixture = (name: string) => readFileSync(join(ROOT, 'test/fixtures/profiles', `${name}.yaml`), 'utf8');

export function answersView(names: string[]): AnswersView {
  const services = names.map((name) => {
    const [id, variant] = name.split('@') as [string, string | undefined];
    const loaded = load(fixture(id), `test/fixtures/profiles/${id}.yaml`);
    const profile = variant ? loaded.variants.get(variant)! : loaded.base;
    const analysis = analyse(profile);
    return { label: name, profile, file: null, answers: SCENARIOS.map((s) => answer(analysis, s)) };
  });
  return { services, scenarios: SCENARIOS };
}

export function listView(names: string[]): ListView {
  return { services: names.map((n) => ({ profile: load(fixture(n), `test/fixtures/profiles/${n}.yaml`).base, origin: 'catalog' as const })) };
}

export function showView(name: string): ShowView {
  const [id, variant] = name.split('@') as [string, string | undefined];
  const loaded = load(fixture(id), `test/fixtures/profiles/${id}.yaml`);
  return { label: name, profile: variant ? loaded.variants.get(variant)! : loaded.base, file: null, scenarios: SCENARIOS };
}

export function validateView(): ValidateView {
  const bad = 'id: bad\nname: Bad\nparties:\n  user: { kind: usr }\nkeys:\n  k: { held_by: [usre] }\ndata:\n  m: { kind: contnet, seen_by: [user] }\n';
  const result = loadProfileText(bad, 'profiles/bad.yaml', { scenarios: new Set(SCENARIOS.map((s) => s.id)) });
  return {
    files: [
      { file: 'profiles/bad.yaml', type: 'profile', id: 'bad', findings: result.findings },
      { file: 'profiles/good.yaml', type: 'profile', id: 'good', findings: [] },
    ],
  };
}
