/**
 * The fast way to the tree (yaml-plain.ts) must give the full parser's tree
 * wherever it answers, node for node and position for position, and leave
 * everything outside plain YAML to the full parser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/model/limits.js';
import { plainTree } from '../../src/model/yaml-plain.js';
import { parseYamlFully, type YNode } from '../../src/model/yaml.js';
import { ROOT } from '../helpers.js';
import { RUNS, TIMEOUT } from './arbitraries.js';

/** A tree as plain data, positions included, for comparison. */
function dump(node: YNode): unknown {
  const at = { pos: node.pos, end: node.end };
  if (node.type === 'scalar') return { ...at, value: node.value };
  if (node.type === 'seq') return { ...at, items: node.items.map(dump) };
  return { ...at, entries: [...node.entries].map(([k, e]) => [k, e.keyPos, dump(e.value)]) };
}

function agrees(text: string): 'plain' | 'full' {
  const plain = plainTree(text, LIMITS);
  if (!plain) return 'full';
  const full = parseYamlFully(text, 'x.yaml');
  expect(full.findings).toEqual([]);
  expect(dump(plain)).toEqual(dump(full.root!));
  return 'plain';
}

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));

describe('the fast way to the tree', { timeout: TIMEOUT }, () => {
  it('reads every profile of the catalog, exactly as the full parser does', () => {
    for (const file of yamlFiles(join(ROOT, 'data'))) expect(agrees(readFileSync(file, 'utf8')), file).toBe('plain');
  });

  it('agrees with the full parser on every YAML file of the tests, or leaves it to it', () => {
    for (const file of [...yamlFiles(join(ROOT, 'test/fixtures')), ...yamlFiles(join(ROOT, 'examples'))]) agrees(readFileSync(file, 'utf8'));
  });

  it.each([
    ['anchors and aliases', 'a: &x 1\nb: *x\n'],
    ['tags', 'a: !!str 1\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a key without a value', 'a:\nb: 1\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a multi-line flow collection', 'a: [x,\n  y]\n'],
    ['tabs', 'a:\t1\n'],
    ['a list at the top', '- a\n'],
    ['a scalar at the top', 'just text\n'],
    ['an empty file', ''],
    ['a syntax error', 'a: [x\n'],
    ['a comment glued to a value in a flow', 'a: [x]#c\n'],
    ['misaligned keys', 'a:\n  b: 1\n   c: 2\n'],
  ])('leaves %s to the full parser', (_, text) => {
    expect(plainTree(text, LIMITS)).toBeNull();
  });

  it('agrees on generated documents: every value type, quoting, comments and nesting', () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
    // Plain text with commas only in block context: in a flow, a comma separates items.
    const plainWith = (chars: string) =>
      fc.oneof(
        fc.constantFrom('null', '~', 'true', 'False', '12', '-3', '0x1f', '0o17', '1.5', '.inf', '-.Inf', '.nan', '1e3', '2015-12-31', 'yes', 'no', 'a b', 'x#y', 'it works'),
        fc.stringMatching(new RegExp(`^[A-Za-z][A-Za-z0-9 ${chars}]{0,20}[A-Za-z0-9]$`)),
      );
    const quoted = (text: fc.Arbitrary<string>) =>
      fc.oneof(
        text,
        text.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`),
        text.map((s) => `'${s.replace(/'/g, "''")}'`),
      );
    const scalar = quoted(plainWith('.,/()-'));
    const flowScalar = quoted(plainWith('./()-'));
    const comment = fc.constantFrom('', '  # note', ' # x: y');
    const flowSeq = fc.array(flowScalar, { maxLength: 4 }).map((xs) => `[${xs.join(', ')}]`);
    const flowMap = fc.uniqueArray(fc.tuple(key, flowScalar), { maxLength: 3, selector: ([k]) => k }).map((kv) => `{ ${kv.map(([k, v]) => `${k}: ${v}`).join(', ')} }`);
    const block = (indent: string, depth: number): fc.Arbitrary<string> =>
      fc
        .uniqueArray(
          fc.tuple(key, depth > 2 ? fc.oneof(scalar, flowSeq, flowMap) : fc.oneof(scalar, flowSeq, flowMap, fc.constant('__nested__'), fc.constant('__list__')), comment),
          { minLength: 1, maxLength: 5, selector: ([k]) => k },
        )
        .chain((items) =>
          fc.tuple(...items.map(([k, v, c]) => {
            if (v === '__nested__') return block(`${indent}  `, depth + 1).map((b) => `${indent}${k}:${c}\n${b}`);
            if (v === '__list__') return fc.array(fc.oneof(scalar, flowMap), { minLength: 1, maxLength: 3 }).map((xs) => `${indent}${k}:\n${xs.map((x) => `${indent}  - ${x}${c}\n`).join('')}`.replace(/\n$/, ''));
            return fc.constant(`${indent}${k}: ${v}${c}`);
          })),
        )
        .map((lines) => lines.join('\n'));
    const block_scalar = fc.constantFrom('', 'note: |\n  one\n  two\n', 'note: >-\n  folded\n  text\n');
    const ways = { plain: 0, full: 0 };
    fc.assert(
      fc.property(block('', 0), block_scalar, fc.constantFrom('\n', '\n\n# tail\n', ''), (body, extra, tail) => {
        ways[agrees(`${body}\n${extra}${tail}`)]++;
      }),
      { seed: RUNS.seed, numRuns: RUNS.numRuns * 2 },
    );
    // The generated documents are plain YAML: nearly all must take the fast way.
    expect(ways.plain).toBeGreaterThan(ways.full * 9);
  });

  it('takes nothing the full parser would reject: random text made of YAML punctuation', () => {
    const alphabet = fc.constantFrom('a', 'b', '1', ' ', '  ', '\n', ':', ': ', '- ', '#', '[', ']', '{', '}', ',', "'", '"', '|', '>', '-', '?', '&', '*', '!', '%', '@', '`', '\\');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((xs) => xs.join('')), (text) => {
        agrees(text);
      }),
      { seed: RUNS.seed, numRuns: RUNS.numRuns * 12 },
    );
  });

  it('takes nothing the full parser would reject: profiles of the catalog with random edits', () => {
    const profiles = yamlFiles(join(ROOT, 'data/services')).map((f) => readFileSync(f, 'utf8'));
    const edit = fc.record({
      at: fc.nat(),
      drop: fc.integer({ min: 0, max: 3 }),
      put: fc.constantFrom('', ' ', '  ', '\n', ':', ': ', '- ', '#', '[', ']', '{', '}', ',', "'", '"', '|', '>', '-', 'x', '1', '\n  ', '\n    - '),
    });
    fc.assert(
      fc.property(fc.nat({ max: profiles.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 3 }), (which, edits) => {
        let text = profiles[which]!;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.put + text.slice(at + e.drop);
        }
        agrees(text);
      }),
      { seed: RUNS.seed, numRuns: RUNS.numRuns * 2 },
    );
  });
});

