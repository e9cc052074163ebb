/**
 * The JSON Schemas in `schema/` (generated at build time from the objects
 * the validator walks) and the validator agree: every shipped file is valid
 * under its schema, every fixture with a shape error is rejected by both
 * with the code its first line names, and references between ids, which a
 * schema cannot see, are the validator's alone.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { jsonSchemaFiles } from '../../src/model/json-schemas.js';
import { loadProfileText } from '../../src/model/load.js';
import { loadPolicyTree } from '../../src/model/policy.js';
import { loadJurisdictionTree, loadOrderTree } from '../../src/model/orders.js';
import { parseYaml } from '../../src/model/yaml.js';
import { INSTRUMENTS, KINDS, ORDERS, ROOT } from '../helpers.js';

type FileType = 'profile' | 'scenarios' | 'policy' | 'jurisdiction';
const TYPES: FileType[] = ['profile', 'scenarios', 'policy', 'jurisdiction'];

// Strict, except that `required` in a rule's if/then may name a field the
// rule object itself defines, which strictRequired would want repeated.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const schemaOf = (type: FileType) => JSON.parse(readFileSync(join(ROOT, 'schema', `${type}.schema.json`), 'utf8'));
const validators = Object.fromEntries(TYPES.map((t) => [t, ajv.compile(schemaOf(t))]));

/** What an editor does: parse the YAML and check it against the schema. */
function schemaAccepts(type: FileType, text: string): boolean {
  return validators[type]!(parse(text)) as boolean;
}

/** What `keyholder validate` does: the error codes it finds. */
function validatorErrors(type: FileType, text: string, file: string): string[] {
  const orders = new Set([...ORDERS, ...INSTRUMENTS].map((s) => s.id));
  const errors = (fs: { code: string; severity: string }[]) => fs.filter((f) => f.severity === 'error').map((f) => f.code);
  if (type === 'profile') return errors(loadProfileText(text, file, { orders }).findings);
  const parsed = parseYaml(text, file);
  if (!parsed.root) return errors(parsed.findings);
  if (type === 'scenarios') return errors(loadOrderTree(parsed.root, file).findings);
  if (type === 'jurisdiction') return errors(loadJurisdictionTree(parsed.root, file).findings);
  return errors(loadPolicyTree(parsed.root, file, { orders, kinds: KINDS }).findings);
}

const yamlIn = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((n) => join(dir, n));

function fixtures(group: 'shape' | 'references') {
  return TYPES.flatMap((type) =>
    yamlIn(`test/fixtures/schema/${group}/${type}`).map((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const expected = /^# expect: ([a-z-]+)\n/.exec(text)?.[1];
      if (!expected) throw new Error(`${file}: the first line must be '# expect: <code>'`);
      return { type, file, text, expected };
    }),
  );
}

describe('the published schemas', () => {
  it('are the validator\'s own definitions, as built', () => {
    for (const [name, text] of Object.entries(jsonSchemaFiles())) expect(readFileSync(join(ROOT, 'schema', name), 'utf8'), name).toBe(text);
  });

  it('are draft 2020-12 and compile under ajv strict mode', () => {
    for (const type of TYPES) expect(schemaOf(type).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});

describe('every shipped file is valid under its schema', () => {
  const shipped: [FileType, string][] = [
    ...yamlIn('data/services').map((f) => ['profile', f] as [FileType, string]),
    ['scenarios', 'data/scenarios.yaml'],
    ...yamlIn('data/jurisdictions').map((f) => ['jurisdiction', f] as [FileType, string]),
    ...yamlIn('examples/policies').map((f) => ['policy', f] as [FileType, string]),
  ];

  it.each(shipped)('%s %s', (type, file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const validate = validators[type]!;
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
    expect(validatorErrors(type, text, file)).toEqual([]);
  });

  it.each(shipped)('%s %s names its schema for editors', (type, file) => {
    const first = readFileSync(join(ROOT, file), 'utf8').split('\n')[0]!;
    const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(match, first).not.toBeNull();
    expect(resolve(dirname(join(ROOT, file)), match![1]!)).toBe(join(ROOT, 'schema', `${type}.schema.json`));
  });
});

describe('shape errors: rejected by the schema and by the validator alike', () => {
  it.each(fixtures('shape'))('$type $file', ({ type, file, text, expected }) => {
    expect(schemaAccepts(type, text), 'the schema accepts it').toBe(false);
    expect(validatorErrors(type, text, file), 'the validator').toEqual([expected]);
  });
});

describe('references between ids: the validator\'s alone', () => {
  it.each(fixtures('references'))('$type $file', ({ type, file, text, expected }) => {
    expect(schemaAccepts(type, text), 'a schema cannot see this').toBe(true);
    expect(validatorErrors(type, text, file)).toContain(expected);
  });
});
