import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyse, answer } from '../src/engine/answer.js';
import type { Answer, AuthorityAnswer, KindAnswer } from '../src/engine/answer-types.js';
import { loadProfileText, type LoadedProfile } from '../src/model/load.js';
import type { Finding } from '../src/model/finding.js';
import { loadJurisdictionTree, loadOrderBytes } from '../src/model/orders.js';
import type { Jurisdiction, Order } from '../src/model/vocabulary.js';
import { parseYaml } from '../src/model/yaml.js';

export const ROOT = join(import.meta.dirname, '..');

/**
 * The day the catalog's facts were last checked, and the generated docs are
 * pinned to (SOURCE_DATE_EPOCH): ages are measured from it, never from the
 * clock. Move it forward when the catalog is refreshed.
 */
export const CATALOG_DATE = '2026-11-27';

/** SOURCE_DATE_EPOCH for a day, YYYY-MM-DD: the day keyholder measures ages on. */
export const epochOf = (day: string): string => String(Date.parse(day) / 1000);

/** The built-in orders, as data/scenarios.yaml has them. */
export const ORDERS: Order[] = loadOrderBytes(readFileSync(join(ROOT, 'data/scenarios.yaml')), 'data/scenarios.yaml', true).orders;
/** The built-in orders answered when none is named. */
export const DEFAULT_ORDERS: Order[] = ORDERS.filter((o) => !o.reaches.includes('build'));
/** v1's name for the default orders, for tests written against it. */
export const SCENARIOS = DEFAULT_ORDERS;

/** The catalog's jurisdictions, with their instruments. */
export const JURISDICTIONS: Jurisdiction[] = readdirSync(join(ROOT, 'data/jurisdictions'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => {
    const file = `data/jurisdictions/${f}`;
    const root = parseYaml(readFileSync(join(ROOT, file), 'utf8'), file).root!;
    const loaded = loadJurisdictionTree(root, file);
    if (!loaded.jurisdiction) throw new Error(`${file}: ${JSON.stringify(loaded.findings)}`);
    return loaded.jurisdiction;
  });
export const INSTRUMENTS: Order[] = JURISDICTIONS.flatMap((j) => j.instruments);

/** Any order by id: built-in or an instrument. */
export const order = (id: string): Order => {
  const found = [...ORDERS, ...INSTRUMENTS].find((o) => o.id === id);
  if (!found) throw new Error(`no order ${id}`);
  return found;
};
export const scenario = order;

/** An order of a test's own: every kind, records and live, no jurisdiction, unless said otherwise. */
export function makeOrder(fields: Partial<Order> & Pick<Order, 'id' | 'compels'>): Order {
  return {
    name: fields.id,
    scope: 'account',
    reaches: ['records', 'live'],
    data: null,
    allows: [],
    jurisdiction: null,
    statute: null,
    inForce: null,
    lapsed: null,
    contested: false,
    note: null,
    description: null,
    sources: [],
    verified: true,
    builtIn: false,
    file: 'test',
    pos: { line: 1, col: 1 },
    ...fields,
  };
}
const orderIds = new Set([...ORDERS, ...INSTRUMENTS].map((o) => o.id));

/** The standard data kinds, as a policy loader is given them. */
export const KINDS: ReadonlySet<string> = new Set(['content', 'metadata', 'subscriber']);

/** Loads a profile from YAML text, failing the test on any error finding. */
export function load(text: string, file = 'test.yaml'): LoadedProfile {
  const result = loadProfileText(text, file, { orders: orderIds });
  if (!result.profile) throw new Error(`invalid fixture:\n${result.findings.map((f) => `${f.line}:${f.col} ${f.code} ${JSON.stringify(f.args)}`).join('\n')}`);
  return result.profile;
}

/** The findings for a profile's YAML text. */
export function findings(text: string, file = 'test.yaml'): Finding[] {
  return loadProfileText(text, file, { orders: orderIds }).findings;
}

export const codes = (fs: readonly Finding[]) => fs.map((f) => f.code);

/** The answer for one order (and variant), from YAML text. */
export function ask(text: string, orderId: string, variant?: string): Answer {
  const loaded = load(text);
  const profile = variant ? loaded.variants.get(variant) : loaded.base;
  if (!profile) throw new Error(`no variant ${variant}`);
  return answer(analyse(profile), order(orderId), { jurisdictions: JURISDICTIONS, base: loaded.base });
}

/** A kind's answer under an order that hands data over: its authority tier is there. */
export type DataKindAnswer = KindAnswer & { authority: AuthorityAnswer };

export function kind(a: Answer, k = 'content'): DataKindAnswer {
  const found = a.data.find((d) => d.kind === k);
  if (!found) throw new Error(`no kind ${k}`);
  if (!found.authority) throw new Error(`${a.order} hands nothing over: no authority tier for ${k}`);
  return found as DataKindAnswer;
}

/** Ways, remaining sets or via sets as arrays of party ids, for compact assertions. */
export const sets = (s: readonly (readonly { party: string }[] | { parties: readonly { party: string }[] })[]) =>
  s.map((set) => ('parties' in set ? set.parties : set).map((p) => p.party));
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
