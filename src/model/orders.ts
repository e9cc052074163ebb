/**
 * Orders are data (MODEL.md section 3): the built-in ones in
 * `data/scenarios.yaml`, a user's own in `--scenarios` files (v1 scenario
 * files among them), and the instruments of real jurisdictions in
 * `data/jurisdictions/<id>.yaml` and `--jurisdictions` folders. Each is
 * checked here for what a schema cannot say: what it reaches makes sense,
 * its ids are its jurisdiction's, its sources exist.
 */
import { checkSourceAddress, entriesOf, field, stringOf } from './check.js';
import { finding, findDuplicates, hasErrors, type Finding, type Pos } from './finding.js';
import { buildSources } from './profile.js';
import { JURISDICTION_CODES, PREFERRED_CODES } from './regions.js';
import { JurisdictionSchema, ScenarioFileSchema } from './schema.js';
import { checkShape } from './shape.js';
import { suggesting, withSuggestions } from './suggest.js';
import { isRealDate } from './dates.js';
import {
  NEVER_COMPELLED,
  SCOPES,
  type BuildAction,
  type Jurisdiction,
  type Order,
  type PartyKind,
  type Reach,
  type Scope,
} from './vocabulary.js';
import { decodeText, parseYaml, type YNode } from './yaml.js';
import { append } from './append.js';

export interface OrderLoad {
  orders: Order[];
  findings: Finding[];
}

export interface JurisdictionLoad {
  jurisdiction: Jurisdiction | null;
  findings: Finding[];
}

/** The built-in orders, from the bytes of data/scenarios.yaml (the build reads them so). */
export function loadOrderBytes(bytes: Uint8Array, file: string, builtIn = false): OrderLoad {
  const decoded = decodeText(bytes, file);
  if (decoded.text === undefined) return { orders: [], findings: decoded.findings };
  const parsed = parseYaml(decoded.text, file);
  if (!parsed.root) return { orders: [], findings: parsed.findings };
  return loadOrderTree(parsed.root, file, builtIn);
}

/** A file of orders: `orders:` (v2) or `scenarios:` (v1), each a list. */
export function loadOrderTree(root: YNode, file: string, builtIn = false): OrderLoad {
  const findings = checkShape(root, ScenarioFileSchema, file);
  const ordersEntry = root.type === 'map' ? root.entries.get('orders') : undefined;
  const scenariosEntry = root.type === 'map' ? root.entries.get('scenarios') : undefined;
  if (root.type === 'map' && ordersEntry && scenariosEntry) {
    findings.push(finding('forbidden-field', file, scenariosEntry.keyPos, 'scenarios', { field: 'scenarios', with: 'orders' }));
  } else if (root.type === 'map' && !ordersEntry && !scenariosEntry) {
    findings.push(finding('missing-field', file, root.pos, '', { field: 'orders' }));
  }
  const listName = ordersEntry ? 'orders' : 'scenarios';
  const list = (ordersEntry ?? scenariosEntry)?.value;
  const orders: Order[] = [];
  if (list?.type === 'seq') {
    list.items.forEach((item, i) => {
      const order = readOrder(item, `${listName}[${i}]`, file, findings, { jurisdiction: null, builtIn, instrument: false });
      if (order) orders.push(order);
    });
  }
  append(findings, findDuplicates(orders));
  return { orders: hasErrors(findings) ? [] : orders, findings: withSuggestions(findings) };
}

/** A jurisdiction file: its id, its sources, its instruments. */
export function loadJurisdictionTree(root: YNode, file: string): JurisdictionLoad {
  const findings = checkShape(root, JurisdictionSchema, file);
  if (root.type !== 'map') return { jurisdiction: null, findings: withSuggestions(findings) };
  const idNode = field(root, 'id');
  const id = stringOf(idNode) ?? '';
  if (idNode && id && /^[a-z]{2}$/.test(id) && !JURISDICTION_CODES.has(id)) findings.push(unknownCode(id, idNode.pos, 'id', file));
  else if (idNode && PREFERRED_CODES[id]) findings.push(unknownCode(id, idNode.pos, 'id', file));
  const sources = buildSources(field(root, 'sources'));
  const known = new Set(sources.map((s) => s.id));
  const instruments: Order[] = [];
  const list = field(root, 'instruments');
  if (list?.type === 'seq') {
    list.items.forEach((item, i) => {
      const order = readOrder(item, `instruments[${i}]`, file, findings, { jurisdiction: id, builtIn: false, instrument: true });
      if (!order) return;
      instruments.push(order);
      const idAt = field(item, 'id');
      // A malformed id is reported once, at the id, not again at each instrument.
      if (/^[a-z]{2}$/.test(id) && idAt && !order.id.startsWith(`${id}-`)) {
        findings.push(finding('bad-instrument-id', file, idAt.pos, `instruments[${i}].id`, { value: order.id, jurisdiction: id }));
      }
      const cited = field(item, 'sources');
      if (cited?.type === 'seq') {
        cited.items.forEach((s, j) => {
          const ref = stringOf(s);
          if (ref === undefined || known.has(ref)) return;
          findings.push(suggesting(finding('unknown-source', file, s.pos, `instruments[${i}].sources[${j}]`, { id: ref, where: 'sources' }), ref, known));
        });
      }
    });
  }
  for (const [sid, { value }] of entriesOf(field(root, 'sources'))) {
    for (const key of ['date', 'accessed']) checkDate(field(value, key), `sources.${sid}.${key}`, file, findings);
    append(findings, checkSourceAddress(sid, value, file));
  }
  append(findings, findDuplicates(instruments));
  const verified = field(root, 'verified');
  const jurisdiction: Jurisdiction = {
    id,
    name: stringOf(field(root, 'name')) ?? id,
    note: stringOf(field(root, 'note')) ?? null,
    verified: !(verified?.type === 'scalar' && verified.value === false),
    sources,
    instruments,
    file,
    pos: idNode?.pos ?? root.pos,
  };
  return { jurisdiction: hasErrors(findings) ? null : jurisdiction, findings: withSuggestions(findings) };
}

/** A jurisdiction code that is not one: did you mean, and gb is uk here. */
export function unknownCode(code: string, pos: Pos, path: string, file: string): Finding {
  const preferred = PREFERRED_CODES[code];
  if (preferred) return finding('unknown-jurisdiction', file, pos, path, { value: code, suggestion: preferred, preferred: 'true' });
  return suggesting(finding('unknown-jurisdiction', file, pos, path, { value: code }), code, JURISDICTION_CODES);
}

function checkDate(node: YNode | undefined, path: string, file: string, out: Finding[]): void {
  const text = stringOf(node);
  if (node && text && /^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$/.test(text) && !isRealDate(text)) out.push(finding('bad-date', file, node.pos, path, { value: text }));
}

/** What an order says, checked beyond its shape; null where it has no id. */
function readOrder(
  item: YNode,
  path: string,
  file: string,
  findings: Finding[],
  { jurisdiction, builtIn, instrument }: { jurisdiction: string | null; builtIn: boolean; instrument: boolean },
): Order | null {
  if (item.type !== 'map') return null;
  const text = (name: string) => stringOf(field(item, name)) ?? null;
  const strings = (name: string) => {
    const node = field(item, name);
    return node?.type === 'seq' ? node.items.map((x) => ({ value: stringOf(x), pos: x.pos })) : [];
  };

  const compels: PartyKind[] = [];
  strings('compels').forEach(({ value, pos }, j) => {
    if (value && NEVER_COMPELLED.has(value as PartyKind)) findings.push(finding('uncompellable-kind', file, pos, `${path}.compels[${j}]`, { value }));
    else if (value && !compels.includes(value as PartyKind)) compels.push(value as PartyKind);
  });

  const reachesNode = field(item, 'reaches');
  const reaches: Reach[] = [];
  for (const { value } of strings('reaches')) if (value && !reaches.includes(value as Reach)) reaches.push(value as Reach);
  if (reachesNode && reaches.includes('build') && reaches.length > 1) {
    findings.push(finding('bad-reach', file, reachesNode.pos, `${path}.reaches`, { reason: 'build-mixed' }));
  }
  const allowsNode = field(item, 'allows');
  const allows = strings('allows').flatMap(({ value }) => (value ? [value as BuildAction] : []));
  if (allowsNode && !reaches.includes('build')) findings.push(finding('bad-reach', file, allowsNode.pos, `${path}.allows`, { reason: 'allows-without-build' }));
  if (reaches.includes('build') && !allowsNode && reachesNode) findings.push(finding('missing-field', file, item.pos, path, { field: 'allows' }));

  const scopeNode = field(item, 'scope');
  const scopeText = stringOf(scopeNode);
  const scope = SCOPES.includes(scopeText as Scope) ? (scopeText as Scope) : null;
  if (scopeNode && scopeText !== undefined && scope === null) {
    // A v1 scenario gave the scope in words; an instrument must say which.
    const args = { value: scopeText, allowed: [...SCOPES] };
    findings.push(finding(instrument ? 'bad-value' : 'free-scope', file, scopeNode.pos, `${path}.scope`, args, instrument ? 'error' : 'warning'));
  }

  for (const key of ['in_force', 'lapsed']) checkDate(field(item, key), `${path}.${key}`, file, findings);
  const contested = field(item, 'contested');
  const isContested = contested?.type === 'scalar' && contested.value === true;
  if (isContested && !field(item, 'note')) findings.push(finding('missing-field', file, item.pos, path, { field: 'note', because: 'contested' }));

  const idNode = field(item, 'id');
  const id = stringOf(idNode);
  if (!id) return null;
  const dataNode = field(item, 'data');
  const verified = field(item, 'verified');
  return {
    id,
    name: text('name') ?? id,
    scope,
    compels,
    reaches: reachesNode ? reaches : ['records', 'live'],
    data: dataNode?.type === 'seq' ? [...new Set(strings('data').flatMap(({ value }) => (value ? [value] : [])))] : null,
    allows,
    jurisdiction,
    statute: text('statute'),
    inForce: text('in_force'),
    lapsed: text('lapsed'),
    contested: isContested,
    note: text('note'),
    description: text('description'),
    sources: strings('sources').flatMap(({ value }) => (value ? [value] : [])),
    verified: !(verified?.type === 'scalar' && verified.value === false),
    builtIn,
    file,
    pos: idNode?.pos ?? item.pos,
  };
}

/** Order ids are unique across the built-in file, every `--scenarios` file and every jurisdiction. */
export const findDuplicateOrders = (orders: readonly Order[]): Finding[] => findDuplicates(orders);

/** A file whose top level has an `orders` or `scenarios` key is a file of orders, not a profile. */
export function isOrderTree(root: YNode | null): boolean {
  return root?.type === 'map' && (root.entries.has('orders') || root.entries.has('scenarios'));
}

/** A file whose top level has an `instruments` key is a jurisdiction. */
export function isJurisdictionTree(root: YNode | null): boolean {
  return root?.type === 'map' && root.entries.has('instruments');
}
