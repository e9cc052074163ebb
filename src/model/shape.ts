/**
 * Checks a positioned YAML tree against the JSON Schema objects of
 * `schema.ts`. It understands the subset those schemas use (type, properties,
 * required, additionalProperties, patternProperties, items, minItems, enum,
 * const, pattern, minLength, anyOf, allOf, if/then/else, boolean schemas),
 * and reports each problem once, at the line and column of the node at fault.
 */
import { append } from './append.js';
import type { TSchema } from '@sinclair/typebox';
import { finding, type Finding, type FindingCode, type Pos } from './finding.js';
import { DATE_PATTERN, ID_PATTERN, JURISDICTION_PATTERN, PARTIAL_DATE_PATTERN, PARTY_KINDS, TEXT_PATTERN } from './vocabulary.js';
import { nearestCode } from './regions.js';
import { suggesting } from './suggest.js';
import { typeOf, type YNode } from './yaml.js';

type Schema = TSchema | boolean;

/** The finding code for a failed `pattern` or `enum`, by what it guards. */
function patternCode(pattern: string): FindingCode {
  if (pattern === ID_PATTERN) return 'bad-id';
  if (pattern === DATE_PATTERN || pattern === PARTIAL_DATE_PATTERN) return 'bad-date';
  if (pattern === TEXT_PATTERN) return 'empty-value';
  return 'bad-value';
}

/**
 * A value that fails a `pattern`. A malformed jurisdiction code has no list
 * of values to offer (there are 251), so it says what it expected and which
 * code it may mean.
 */
function patternFinding(pattern: string, value: string, file: string, pos: Pos, path: string): Finding {
  const args: Record<string, string> = { value };
  if (pattern === JURISDICTION_PATTERN) {
    args['expected'] = 'jurisdiction';
    const suggestion = nearestCode(value);
    if (suggestion) args['suggestion'] = suggestion;
  }
  return finding(patternCode(pattern), file, pos, path, args);
}

/** A party kind that does not exist is an `unknown-kind`, wherever the kinds are listed. */
const isPartyKinds = (values: readonly string[]) => values.length === PARTY_KINDS.length && PARTY_KINDS.every((k, i) => values[i] === k);

const EXPECTED: Record<string, string> = {
  object: 'mapping',
  array: 'list',
  string: 'string',
  boolean: 'boolean',
  null: 'null',
  number: 'number',
  integer: 'number',
};

/**
 * Checks a tree against a schema. Nodes in `checked` were already checked
 * against the same part of the schema (a base profile's, shared by a variant
 * merged onto it) and are skipped with everything under them.
 */
export function checkShape(root: YNode, schema: TSchema, file: string, checked?: ReadonlySet<YNode>): Finding[] {
  const findings: Finding[] = [];
  skip = checked;
  try {
    walk(root, schema, '', root.pos, file, findings);
  } finally {
    skip = undefined;
  }
  return findings;
}

let skip: ReadonlySet<YNode> | undefined;

/** Compiled once: the schemas are few, and the strings checked many. */
const regexes = new Map<string, RegExp>();
const regex = (pattern: string): RegExp => {
  let re = regexes.get(pattern);
  if (!re) regexes.set(pattern, (re = new RegExp(pattern, 'u')));
  return re;
};

const joinPath = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

function walk(node: YNode, schema: Schema, path: string, keyPos: Pos, file: string, out: Finding[]): void {
  if (schema === true || skip?.has(node)) return;
  if (schema === false) {
    out.push(finding('forbidden-field', file, keyPos, path, { field: path.split('.').pop() ?? path }));
    return;
  }
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s['anyOf'])) {
    const branches = s['anyOf'] as TSchema[];
    if (node.type === 'scalar' && node.value === null && branches.some((b) => b['type'] === 'null')) return;
    const rest = branches.filter((b) => b['type'] !== 'null');
    // One branch left (the nullable overlay of a variant): report its findings.
    if (rest.length === 1) return walk(node, rest[0]!, path, keyPos, file, out);
    let best: Finding[] | undefined;
    for (const branch of rest) {
      const trial: Finding[] = [];
      walk(node, branch, path, keyPos, file, trial);
      if (trial.length === 0) return;
      if (!best || trial.length < best.length) best = trial;
    }
    append(out, best ?? []);
    return;
  }
  if (Array.isArray(s['allOf'])) {
    for (const part of s['allOf'] as Schema[]) walk(node, part, path, keyPos, file, out);
  }
  if (s['if'] !== undefined) {
    // `if` only chooses a branch: its own failures are not findings.
    const trial: Finding[] = [];
    walk(node, s['if'] as Schema, path, keyPos, file, trial);
    const branch = (trial.length === 0 ? s['then'] : s['else']) as Schema | undefined;
    if (branch !== undefined) walk(node, branch, path, keyPos, file, out);
  }
  const allowed = Array.isArray(s['enum']) ? (s['enum'] as string[]) : 'const' in s ? [s['const'] as string] : undefined;
  if (allowed) {
    if (node.type !== 'scalar' || typeof node.value !== 'string') {
      out.push(finding('wrong-type', file, node.pos, path, { expected: 'string', found: typeOf(node) }));
    } else if (!allowed.includes(node.value)) {
      const code: FindingCode = isPartyKinds(allowed) ? 'unknown-kind' : 'bad-value';
      out.push(suggesting(finding(code, file, node.pos, path, { value: node.value, allowed }), node.value, allowed));
    }
    return;
  }
  const type = s['type'] as string | undefined;
  // Keywords for mappings without `type: object` (in `if`, `then`, `else`)
  // apply to mappings only, as in JSON Schema.
  const forObjects = s['properties'] !== undefined || s['required'] !== undefined;
  if (type === undefined && forObjects && node.type === 'map') return walkObject(node, s, path, keyPos, file, out);
  switch (type) {
    case 'object':
      return walkObject(node, s, path, keyPos, file, out);
    case 'array':
      if (node.type !== 'seq') return wrongType(node, 'array', path, file, out);
      if (typeof s['minItems'] === 'number' && node.items.length < s['minItems']) out.push(finding('empty-list', file, node.pos, path));
      node.items.forEach((item, i) => walk(item, s['items'] as Schema, `${path}[${i}]`, item.pos, file, out));
      return;
    case 'string': {
      if (node.type !== 'scalar' || typeof node.value !== 'string') return wrongType(node, 'string', path, file, out);
      const pattern = s['pattern'] as string | undefined;
      if (typeof s['minLength'] === 'number' && node.value.length < s['minLength']) {
        out.push(finding('empty-value', file, node.pos, path));
      } else if (pattern !== undefined && !regex(pattern).test(node.value)) {
        out.push(patternFinding(pattern, node.value, file, node.pos, path));
      }
      return;
    }
    case 'boolean':
      if (node.type !== 'scalar' || typeof node.value !== 'boolean') wrongType(node, 'boolean', path, file, out);
      return;
    case 'null':
      if (node.type !== 'scalar' || node.value !== null) wrongType(node, 'null', path, file, out);
      return;
    default:
      return;
  }
}

function wrongType(node: YNode, expected: string, path: string, file: string, out: Finding[]): void {
  out.push(finding('wrong-type', file, node.pos, path, { expected: EXPECTED[expected] ?? expected, found: typeOf(node) }));
}

/**
 * The fields a mapping schema takes, as finding arguments: `fields` (the
 * required ones), `optional`, and `values:<field>` for each that takes one
 * of a few values. None for a mapping of ids (no named fields).
 */
function fieldsOf(s: Record<string, unknown>): Record<string, readonly string[]> {
  const properties = Object.entries((s['properties'] ?? {}) as Record<string, Schema>).filter(([, schema]) => schema !== false);
  if (properties.length === 0) return {};
  const required = new Set((s['required'] ?? []) as string[]);
  const args: Record<string, readonly string[]> = {
    fields: properties.filter(([key]) => required.has(key)).map(([key]) => key),
    optional: properties.filter(([key]) => !required.has(key)).map(([key]) => key),
  };
  for (const [key, schema] of properties) {
    const values = valuesOf(schema);
    if (values) args[`values:${key}`] = values;
  }
  return args;
}

/** The values a field takes, where the schema lists them (through a variant's nullable overlay). */
function valuesOf(schema: Schema): readonly string[] | undefined {
  if (typeof schema !== 'object') return undefined;
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s['enum'])) return s['enum'] as string[];
  const branches = Array.isArray(s['anyOf']) ? (s['anyOf'] as Schema[]).filter((b) => typeof b === 'object' && b['type'] !== 'null') : [];
  return branches.length === 1 ? valuesOf(branches[0]!) : undefined;
}

function walkObject(node: YNode, s: Record<string, unknown>, path: string, keyPos: Pos, file: string, out: Finding[]): void {
  if (node.type !== 'map') {
    // A value where a mapping of named fields belongs (`stance: {lawful-request:
    // comply}`): the finding names the fields, so the fix needs no manual.
    // Not for the whole file, whose fields `empty-file` and the docs give.
    const fields = path === '' ? {} : fieldsOf(s);
    out.push(finding('wrong-type', file, node.pos, path, { expected: EXPECTED['object']!, found: typeOf(node), ...fields }));
    return;
  }
  const properties = (s['properties'] ?? {}) as Record<string, Schema>;
  const patterns = Object.entries((s['patternProperties'] ?? {}) as Record<string, Schema>).map(([p, schema]) => [regex(p), schema, p] as const);
  for (const required of (s['required'] ?? []) as string[]) {
    if (!node.entries.has(required)) {
      out.push(finding('missing-field', file, keyPos, path, { field: required }));
    }
  }
  for (const [key, entry] of node.entries) {
    // Checked already, key and all: an entry a variant's merged tree shares with the base.
    if (skip?.has(entry.value)) continue;
    const childPath = joinPath(path, key);
    if (Object.prototype.hasOwnProperty.call(properties, key)) {
      walk(entry.value, properties[key]!, childPath, entry.keyPos, file, out);
      continue;
    }
    const match = patterns.find(([re]) => re.test(key));
    if (match) {
      walk(entry.value, match[1], childPath, entry.keyPos, file, out);
      continue;
    }
    const additional = s['additionalProperties'];
    if (additional === false) {
      if (patterns.length > 0 && Object.keys(properties).length === 0) {
        out.push(patternFinding(patterns[0]![2], key, file, entry.keyPos, childPath));
      } else {
        const known = Object.keys(properties).filter((k) => properties[k] !== false);
        out.push(suggesting(finding('unknown-field', file, entry.keyPos, childPath, { field: key, allowed: known }), key, known));
      }
    } else if (typeof additional === 'object') {
      walk(entry.value, additional as Schema, childPath, entry.keyPos, file, out);
    }
  }
}
