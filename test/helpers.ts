import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse, answer } from '../src/engine/answer.js';
import type { Answer, KindAnswer } from '../src/engine/answer-types.js';
import { loadProfileText, type LoadedProfile } from '../src/model/load.js';
import type { Finding } from '../src/model/finding.js';
import { loadScenarioBytes } from '../src/model/scenarios.js';
import type { Scenario } from '../src/model/vocabulary.js';

export const ROOT = join(import.meta.dirname, '..');

export const SCENARIOS: Scenario[] = loadScenarioBytes(readFileSync(join(ROOT, 'data/scenarios.yaml')), 'data/scenarios.yaml').scenarios;
export const scenario = (id: string): Scenario => {
  const found = SCENARIOS.find((s) => s.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
};
const scenarioIds = new Set(SCENARIOS.map((s) => s.id));

/** The standard data kinds, as a policy loader is given them. */
export const KINDS: ReadonlySet<string> = new Set(['content', 'metadata']);

/** Loads a profile from YAML text, failing the test on any error finding. */
export function load(text: string, file = 'test.yaml'): LoadedProfile {
  const result = loadProfileText(text, file, { scenarios: scenarioIds });
  if (!result.profile) throw new Error(`invalid fixture:\n${result.findings.map((f) => `${f.line}:${f.col} ${f.code} ${JSON.stringify(f.args)}`).join('\n')}`);
  return result.profile;
}

/** The findings for a profile's YAML text. */
export function findings(text: string, file = 'test.yaml'): Finding[] {
  return loadProfileText(text, file, { scenarios: scenarioIds }).findings;
}

export const codes = (fs: readonly Finding[]) => fs.map((f) => f.code);

/** The answer for one scenario (and variant), from YAML text. */
export function ask(text: string, scenarioId: string, variant?: string): Answer {
  const loaded = load(text);
  const profile = variant ? loaded.variants.get(variant) : loaded.base;
  if (!profile) throw new Error(`no variant ${variant}`);
  return answer(analyse(profile), scenario(scenarioId));
}

export function kind(a: Answer, k = 'content'): KindAnswer {
  const found = a.data.find((d) => d.kind === k);
  if (!found) throw new Error(`no kind ${k}`);
  return found;
}

/** Via or remaining sets as arrays of party ids, for compact assertions. */
export const sets = (s: readonly (readonly { party: string }[])[]) => s.map((set) => set.map((p) => p.party));
export const ids = (refs: readonly { party: string }[]) => refs.map((r) => r.party);

/** A profile in YAML from a few lines, with the boilerplate filled in. */
export function profile(body: string, id = 'fixture'): string {
  return `id: ${id}\nname: Fixture\n${body}`;
}

/** A policy of one rule: content stays sealed under a blanket order. */
export const POLICY_RULE = `rules:
  - id: sealed
    description: Content stays sealed under a blanket order.
    severity: error
    scenario: blanket-order
    data: content
    forbid: authority-reads
`;

/** A small valid profile with a variant, for tests that name a profile by path. */
export const MINE = `id: mine
name: My Service
as_of: 2024-05-01
parties:
  user: { kind: user }
  vendor: { kind: provider }
keys:
  k: { held_by: [user] }
data:
  chat: { kind: content, seen_by: [user, vendor], encrypted_with: [k] }
  logs: { kind: metadata, seen_by: [vendor] }
variants:
  leaky:
    summary: The vendor keeps a copy of the key.
    keys:
      k: { held_by: [user, vendor] }
`;

/**
 * A YAML double-quoted string holding exactly `text`, whatever it holds:
 * every UTF-16 unit outside printable ASCII written as an escape.
 */
export const yamlQuoted = (text: string): string =>
  `"${Array.from({ length: text.length }, (_, i) => {
    const c = text[i]!;
    return c >= ' ' && c <= '~' && c !== '"' && c !== '\\' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }).join('')}"`;
