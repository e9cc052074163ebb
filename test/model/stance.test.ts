/**
 * Stances: a stance for an order that does not exist is an error (v2: it
 * was a warning) with "did you mean" and the orders there are, on every path
 * a profile is read by (base, variant, a file, a --profiles folder, the
 * catalog's build); a stance written as a bare position is told the fields
 * a stance has.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCatalog } from '../../src/build/compile-catalog.js';
import { describe as sentence, findingLine } from '../../src/format/messages.js';
import type { Finding } from '../../src/model/finding.js';
import { MINE, ROOT, findings } from '../helpers.js';
import { runMain, workspace } from '../cli/run.js';

const withStance = (stance: string) => MINE.replace('  vendor: { kind: provider }', `  vendor: { kind: provider, stance: ${stance} }`);
const only = (fs: Finding[], code: string) => fs.filter((f) => f.code === code);

describe('a stance for an unknown order', () => {
  it('in the base profile: an error, did you mean, and the orders there are', () => {
    const [f] = only(findings(withStance('{ blanket-ordr: { position: refuse } }')), 'unknown-order');
    expect(f).toMatchObject({ severity: 'error', line: 6, path: 'parties.vendor.stance.blanket-ordr' });
    expect(f!.args).toMatchObject({ id: 'blanket-ordr', suggestion: 'blanket-order' });
    expect((f!.args['allowed'] as string[]).slice(0, 3)).toEqual(['lawful-request', 'blanket-order', 'build-order']);
    expect(sentence(f!)).toMatch(/^stance for unknown order 'blanket-ordr' \(did you mean 'blanket-order'\?\); a stance names a built-in order, an instrument of a jurisdiction, or an order of --scenarios; orders: lawful-request, blanket-order, build-order, /);
  });

  it('with no near name: still the orders there are', () => {
    const [f] = only(findings(withStance('{ warrant: { position: comply } }')), 'unknown-order');
    expect(f!.args['suggestion']).toBeUndefined();
    expect(f!.args['allowed']).toContain('lawful-request');
  });

  it('an instrument of a jurisdiction is an order a stance may name', () => {
    expect(only(findings(withStance('{ us-sca-warrant: { position: comply } }')), 'unknown-order')).toEqual([]);
  });

  it('in a variant: reported at the variant, with the suggestion', () => {
    const text = `${MINE}    parties:\n      vendor: { kind: provider, stance: { lawfull-request: { position: comply } } }\n`;
    const [f] = only(findings(text), 'unknown-order');
    expect(f).toMatchObject({ line: 18, args: { id: 'lawfull-request', suggestion: 'lawful-request', variant: 'leaky' } });
  });

  it('in a file and in a --profiles folder: exit 2, the error on stderr names the near order', async () => {
    const dir = workspace({ 'mine.yaml': withStance('{ blanket-ordr: { position: refuse } }'), 'profiles/mine.yaml': withStance('{ blanket-ordr: { position: refuse } }') });
    const line = (file: string) => new RegExp(`^${file.replace(/[./]/g, '\\$&')}:6:39 unknown-order: stance for unknown order 'blanket-ordr' \\(did you mean 'blanket-order'\\?\\)`);
    const direct = await runMain(['ask', './mine.yaml'], { cwd: dir });
    expect(direct.code).toBe(2);
    expect(direct.stderr).toMatch(line('./mine.yaml'));
    const folder = await runMain(['ask', 'mine', '--profiles', 'profiles'], { cwd: dir });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(line('profiles/mine.yaml'));
  });

  it('in the catalog: the build refuses it, with the suggestion', () => {
    const source = (file: string, bytes: Uint8Array) => ({ file, bytes, size: bytes.length, mtimeMs: 0, hash: '' });
    const bes = readFileSync(join(ROOT, 'data/services/bes.yaml'), 'utf8').replace('      blanket-order:\n', '      blanket-ordr:\n');
    const built = compileCatalog(source('data/scenarios.yaml', readFileSync(join(ROOT, 'data/scenarios.yaml'))), [], [source('data/services/bes.yaml', Buffer.from(bes))]);
    expect(built.files).toEqual({});
    const [f] = only(built.findings, 'unknown-order');
    expect(f!.args).toMatchObject({ suggestion: 'blanket-order' });
    expect(findingLine(f!)).toContain("(did you mean 'blanket-order'?)");
  });
});

describe('a stance written as a bare position', () => {
  it('stance: { lawful-request: comply } is told the fields a stance has', () => {
    const [f] = only(findings(withStance('{ lawful-request: comply }')), 'wrong-type');
    expect(f).toMatchObject({ line: 6, path: 'parties.vendor.stance.lawful-request' });
    expect(f!.args).toMatchObject({ found: 'string', fields: ['position'], optional: ['note', 'sources', 'verified'], 'values:position': ['comply', 'partial', 'refuse'] });
    expect(sentence(f!)).toBe(
      'expected a mapping with position (comply, partial or refuse), and optionally note, sources, verified; found a string at parties.vendor.stance.lawful-request',
    );
  });

  it('other mappings of named fields say theirs; a whole file or a mapping of ids does not', () => {
    const party = only(findings(MINE.replace('  user: { kind: user }', '  user: user')), 'wrong-type')[0]!;
    expect(party.args).toMatchObject({ fields: ['kind'], 'values:kind': ['user', 'customer', 'provider', 'network', 'host', 'authority', 'public'] });
    expect(only(findings('just text\n'), 'wrong-type')[0]!.args).toEqual({ expected: 'mapping', found: 'string' });
    expect(only(findings(MINE.replace('keys:\n  k: { held_by: [user] }', 'keys: [k]')), 'wrong-type')[0]!.args).toEqual({ expected: 'mapping', found: 'list' });
  });
});
