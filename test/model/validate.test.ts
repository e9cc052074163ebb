/**
 * Loading and validation: every problem is a finding with a code and a
 * 1-based line and column. Tests assert codes and positions, not sentences.
 */
import { describe, expect, it } from 'vitest';
import { findDuplicateIds, loadProfileText } from '../../src/model/load.js';
import { loadJurisdictionTree, loadOrderTree as loadScenarioTree } from '../../src/model/orders.js';
import { Lexer } from 'yaml';
import { finding, reportable, tally } from '../../src/model/finding.js';
import { LIMITS, decodeText, parseYaml, type ParseWork } from '../../src/model/yaml.js';
import { DENSE, LONG, REFUSED, WITHIN, nearMiss } from '../fixtures/hostile.js';
import { codes, findings, load, profile } from '../helpers.js';
import { SUGGESTION_BUDGET, closest, type SuggestWork } from '../../src/model/suggest.js';

const VALID = `id: mini
name: Mini
parties:
  user: { kind: user }
  provider: { kind: provider, sources: [doc] }
keys:
  device-key: { held_by: [user] }
data:
  message: { kind: content, seen_by: [provider], encrypted_with: [device-key] }
sources:
  doc: { title: A document, date: "2020" }
`;

const at = (fs: ReturnType<typeof findings>) => fs.map((f) => `${f.line}:${f.col} ${f.code}`);

describe('a valid profile', () => {
  it('has no findings', () => {
    expect(findings(VALID)).toEqual([]);
  });
});

describe('YAML problems', () => {
  it('a syntax error is reported where it is', () => {
    const fs = findings('id: x\nparties: [user\nkeys: {}\n');
    expect(codes(fs)).toEqual(['yaml-syntax']);
    expect(fs[0]!.line).toBeGreaterThan(1);
  });

  it('duplicate mapping keys', () => {
    expect(at(findings('id: a\nid: b\n'))).toEqual(['2:1 duplicate-key']);
  });

  it('an empty file, or one with only comments', () => {
    expect(codes(findings(''))).toEqual(['empty-file']);
    expect(codes(findings('# nothing here\n'))).toEqual(['empty-file']);
  });

  it('a list or a scalar instead of a mapping', () => {
    expect(codes(findings('- a\n- b\n'))).toEqual(['wrong-type']);
    expect(codes(findings('just text\n'))).toEqual(['wrong-type']);
  });

  it('several documents in one file', () => {
    expect(codes(findings(`${VALID}---\nid: other\n`))).toEqual(['yaml-syntax']);
  });

  it('a byte-order mark and CRLF line ends are fine', () => {
    const bytes = new TextEncoder().encode(`\ufeff${VALID.replace(/\n/g, '\r\n')}`);
    const decoded = decodeText(bytes, 'bom.yaml');
    expect(decoded.findings).toEqual([]);
    expect(findings(decoded.text!)).toEqual([]);
  });

  it('bytes that are not UTF-8, pointing at the first bad byte', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('id: x\nname: '), 0xff, 0x41]);
    const decoded = decodeText(bytes, 'bad.yaml');
    expect(decoded.findings.map((f) => `${f.line}:${f.col} ${f.code}`)).toEqual(['2:7 not-utf8']);
  });

  it('a file over the size cap', () => {
    const decoded = decodeText(new Uint8Array(1024 * 1024 + 1), 'big.yaml');
    expect(codes(decoded.findings)).toEqual(['file-too-large']);
  });

  it('aliases that blow up stop at the alias budget', () => {
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) laughs.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(10).fill(`*${'abcdefghij'[i - 1]}`).join(', ')}]`);
    const text = laughs.join('\n');
    const work: ParseWork = { lexemes: 0, nodes: 0, lines: 0, built: 0 };
    const parsed = parseYaml(text, 'laughs.yaml', LIMITS, work);
    expect(at(parsed.findings)).toEqual(['2:12 alias-limit']);
    // Ten to the ninth nodes written as 91 aliases: expanding stops at the
    // 101st, each expansion having built at most a list of ten and its list.
    expect(work.built).toBeGreaterThan(LIMITS.maxAliases);
    expect(work.built).toBeLessThanOrEqual(work.nodes + 11 * (LIMITS.maxAliases + 1));
  });

  it('a mapping with seven thousand keys: the duplicate is found with a Map, in one pass', () => {
    const text = [...Array.from({ length: 7000 }, (_, i) => `k${i}: ${i}`), 'k7: again'].join('\n');
    const work: ParseWork = { lexemes: 0, nodes: 0, lines: 0, built: 0 };
    const parsed = parseYaml(text, 'keys.yaml', LIMITS, work);
    // yaml's own check, which compares every pair of keys, would report a yaml-syntax error instead.
    expect(at(parsed.findings)).toEqual(['7001:1 duplicate-key']);
    expect(work.lexemes).toBe([...new Lexer().lex(text)].length);
    expect(work.nodes).toBe(2 * 7001);
    expect(work.built).toBe(7001);
  });

  it.each([
    ['!!binary: an id spelled in base64', 'id: !!binary bWluaQ==\n', '1:5'],
    ['!!timestamp', 'id: x\nas_of: !!timestamp 2015-12-31\n', '2:8'],
    ['!custom', 'id: x\nname: !custom y\n', '2:7'],
    ['!!str, a core tag', 'id: !!str x\n', '1:5'],
    ['a tag on a collection', 'id: x\nparties: !!map {}\n', '2:10'],
    ['the non-specific tag', 'id: ! x\n', '1:5'],
    ['a handle from a %TAG directive', '%TAG !e! tag:example.com,2000:\n---\nid: !e!thing x\n', '3:5'],
    ['a verbatim tag', 'id: !<tag:yaml.org,2002:str> x\n', '1:5'],
    ['a tag at the very start', '!!map\nid: x\n', '1:1'],
    ['a tag after blank lines', '\n\n!!map\nid: x\n', '3:1'],
  ])('a tag is refused where it is written: %s', (_, text, pos) => {
    expect(at(parseYaml(text, 'tag.yaml').findings)).toEqual([`${pos} yaml-tag`]);
  });

  it('a profile whose id is spelled in base64 is refused, not decoded', () => {
    const fs = findings(VALID.replace('id: mini', 'id: !!binary bWluaQ=='));
    expect(at(fs)).toEqual(['1:5 yaml-tag']);
    expect(fs[0]!.args['tag']).toBe('!!binary');
  });

  it('each limit has its own code, so a file without aliases is never refused for them', () => {
    const anchors = Array.from({ length: LIMITS.maxAliases + 1 }, (_, i) => `k${i}: &a${i} v`).join('\n');
    expect(codes(parseYaml(anchors, 'anchors.yaml').findings)).toEqual(['too-many-anchors']);
    const nodes = `name: [${'a,'.repeat(LIMITS.maxNodes)}]\n`;
    expect(codes(parseYaml(nodes, 'nodes.yaml').findings)).toEqual(['too-many-nodes']);
    // Few nodes written, many made by expanding aliases.
    const expanded = `a: &a [${'x, '.repeat(2000)}]\nb: [${Array(60).fill('*a').join(', ')}]\n`;
    expect(codes(parseYaml(expanded, 'expanded.yaml').findings)).toEqual(['too-many-nodes']);
  });

  it('absurd nesting stops at the depth limit', () => {
    const deep = `id: x\nname: ${'['.repeat(200)}${']'.repeat(200)}\n`;
    expect(codes(parseYaml(deep, 'deep.yaml').findings)).toEqual(['too-deep']);
  });
});

describe('files that cost the loader most', () => {
  it.each(Object.entries(DENSE))('%s: refused at the node limit, having lexed only what that takes', (_, make) => {
    const text = make();
    const work: ParseWork = { lexemes: 0, nodes: 0, lines: 0, built: 0 };
    const parsed = parseYaml(text, 'dense.yaml', LIMITS, work);
    expect(codes(parsed.findings)).toEqual(['too-many-nodes']);
    expect(work.nodes).toBe(LIMITS.maxNodes + 1);
    expect(work.built).toBe(0);
    // Lexed up to the node past the limit, at most five lexemes a node here, and no further.
    expect(work.lexemes).toBeLessThanOrEqual(5 * LIMITS.maxNodes);
    expect(work.lexemes).toBeLessThan([...new Lexer().lex(text)].length / 2);
  });

  it.each(Object.entries(REFUSED))('%s: refused at the node limit too', (_, make) => {
    const work: ParseWork = { lexemes: 0, nodes: 0, lines: 0, built: 0 };
    expect(codes(parseYaml(make(), 'dense.yaml', LIMITS, work).findings)).toEqual(['too-many-nodes']);
    expect(work).toMatchObject({ nodes: LIMITS.maxNodes + 1, built: 0 });
  });

  it.each(Object.entries(LONG))('%s: refused at the line limit, having lexed only what that takes', (_, make) => {
    const text = make();
    const work: ParseWork = { lexemes: 0, nodes: 0, lines: 0, built: 0 };
    const parsed = parseYaml(text, 'long.yaml', LIMITS, work);
    expect(at(parsed.findings)).toEqual([`${LIMITS.maxLines + 1}:1 too-many-lines`]);
    expect(work).toMatchObject({ lines: LIMITS.maxLines, built: 0 });
    // A blank line is one lexeme, a comment line two: lexed up to the line past the limit, and no further.
    expect(work.lexemes).toBeLessThanOrEqual(2 * LIMITS.maxLines + 10);
  });

  it.each(Object.entries(WITHIN))('%s: within the limits, and at one of them, so read to the end', (_, make) => {
    const text = make();
    const work: ParseWork = { lexemes: 0, nodes: 0, lines: 0, built: 0 };
    const parsed = parseYaml(text, 'within.yaml', LIMITS, work);
    expect(codes(parsed.findings)).not.toContain('too-many-nodes');
    expect(codes(parsed.findings)).not.toContain('too-many-lines');
    expect(work.nodes).toBeLessThanOrEqual(LIMITS.maxNodes);
    expect(work.lines).toBeLessThanOrEqual(LIMITS.maxLines);
    expect(work.lexemes).toBe([...new Lexer().lex(text)].length);
    // Just inside a limit: the nodes, the lines or the size cap.
    expect(Math.max(work.nodes / LIMITS.maxNodes, work.lines / LIMITS.maxLines, text.length / LIMITS.maxBytes)).toBeGreaterThan(0.99);
  });

  it('a file a little under the limit is lexed to its end, once', () => {
    const text = `name: [${Array(LIMITS.maxNodes - 2).fill('a').join(',')}]\n`;
    const work: ParseWork = { lexemes: 0, nodes: 0, lines: 0, built: 0 };
    expect(parseYaml(text, 'under.yaml', LIMITS, work).findings).toEqual([]);
    expect(work.nodes).toBe(LIMITS.maxNodes);
    expect(work.lexemes).toBe([...new Lexer().lex(text)].length);
  });
});

describe('findings shown of a file', () => {
  const many = (file: string, n: number, severity: 'error' | 'warning' = 'error') =>
    Array.from({ length: n }, (_, i) => finding('unknown-party', file, { line: n - i, col: 1 }, '', { id: `p${i}` }, severity));

  it('at most the limit a file, in position order, then one finding counting the rest', () => {
    const shown = reportable([...many('b.yaml', 250), ...many('a.yaml', 3)]);
    expect(shown).toHaveLength(3 + LIMITS.maxFindings + 1);
    expect(shown.slice(0, 3).map((f) => f.file)).toEqual(['a.yaml', 'a.yaml', 'a.yaml']);
    expect(shown.slice(3, -1).map((f) => f.line)).toEqual(Array.from({ length: LIMITS.maxFindings }, (_, i) => i + 1));
    expect(shown.at(-1)).toMatchObject({ code: 'too-many-findings', file: 'b.yaml', line: LIMITS.maxFindings + 1, severity: 'error', args: { more: 150, errors: 150 } });
    expect(tally(shown)).toEqual({ errors: 253, warnings: 0 });
  });

  it('the counting finding is an error when any finding it stands for is', () => {
    const warnings = many('w.yaml', LIMITS.maxFindings + 5, 'warning');
    expect(reportable(warnings).at(-1)).toMatchObject({ severity: 'warning', args: { more: 5, errors: 0 } });
    const last = finding('bad-id', 'w.yaml', { line: 9999, col: 1 }, '', {});
    expect(reportable([...warnings, last]).at(-1)).toMatchObject({ severity: 'error', args: { more: 6, errors: 1 } });
    expect(tally(reportable([...warnings, last]))).toEqual({ errors: 1, warnings: LIMITS.maxFindings + 5 });
  });

  it('a file of stray commas up to the node limit: its yaml-syntax errors, a hundred shown', () => {
    const all = parseYaml(`name: [${','.repeat(LIMITS.maxNodes - 2)}]\n`, 'commas.yaml').findings;
    expect(all.length).toBeGreaterThan(LIMITS.maxFindings);
    const shown = reportable(all);
    expect(codes(shown)).toEqual([...Array(LIMITS.maxFindings).fill('yaml-syntax'), 'too-many-findings']);
    expect(shown.at(-1)!.args['more']).toBe(all.length - LIMITS.maxFindings);
  });
});

describe('"did you mean", worked out for the findings shown', () => {
  /** A profile of `parties` parties, `party-0` and on, and a form for each of `refs`, seen by it. */
  const refsTo = (parties: number, refs: readonly string[]) =>
    [
      'id: refs',
      'name: Refs',
      'parties:',
      ...Array.from({ length: parties }, (_, i) => `  party-${i}: { kind: provider }`),
      'keys: {}',
      'data:',
      ...refs.map((r, i) => `  f${i}: { kind: content, seen_by: [${r}] }`),
      '',
    ].join('\n');
  const loaded = (text: string) => {
    const work: SuggestWork = { suggested: 0, compared: 0 };
    const result = loadProfileText(text, 'refs.yaml', { orders: new Set(), work });
    return { work, all: result.findings, shown: reportable(result.findings) };
  };

  it('five hundred unknown references: the hundred shown are looked up, as closest finds them, and no other', () => {
    const refs = Array.from({ length: 500 }, (_, i) => `partx-${i}`);
    const { work, all, shown } = loaded(refsTo(20, refs));
    expect(codes(shown)).toEqual([...Array(LIMITS.maxFindings).fill('unknown-party'), 'too-many-findings']);
    expect(work.suggested).toBe(LIMITS.maxFindings);
    const parties = Array.from({ length: 20 }, (_, i) => `party-${i}`);
    for (const f of shown.slice(0, -1)) expect(f.args['suggestion'], String(f.args['id'])).toBe(closest(String(f.args['id']), parties));
    expect(all.filter((f) => f.args['suggestion'] !== undefined)).toHaveLength(shown.filter((f) => f.args['suggestion'] !== undefined).length);
    expect(all.some((f) => 'near' in f)).toBe(false);
  });

  it('the same unknown name five hundred times is looked up once', () => {
    const { work, shown } = loaded(refsTo(20, Array(500).fill('partx-1')));
    expect(work.suggested).toBe(1);
    expect(shown.slice(0, -1).every((f) => f.args['suggestion'] === 'party-1')).toBe(true);
  });

  it('near-miss names up to the node limit: thousands of unknown references, and no more names compared than the budget', () => {
    const { work, all, shown } = loaded(nearMiss(LIMITS.maxNodes).make());
    expect(all.filter((f) => f.code === 'unknown-party').length).toBeGreaterThan(10 * LIMITS.maxFindings);
    expect(work.suggested).toBeGreaterThan(0);
    expect(work.suggested).toBeLessThan(LIMITS.maxFindings);
    expect(work.compared).toBeLessThanOrEqual(SUGGESTION_BUDGET);
    // The first shown, while the budget lasts, carry their suggestion: the name a letter away.
    const looked = shown.filter((f) => f.code === 'unknown-party').slice(0, work.suggested);
    expect(looked.map((f) => f.args['suggestion'])).toEqual(looked.map((f) => `${String(f.args['id']).slice(0, -1)}j`));
    expect(all.filter((f) => f.args['suggestion'] !== undefined)).toHaveLength(work.suggested);
  });
});

describe('shape (the schema)', () => {
  it('a missing required field, at the mapping that lacks it', () => {
    const fs = findings(VALID.replace('  device-key: { held_by: [user] }\n', '  device-key: { note: x }\n'));
    expect(at(fs)).toEqual(['7:3 missing-field']);
    expect(fs[0]!.args['field']).toBe('held_by');
    expect(codes(findings('id: x\n'))).toEqual(['missing-field', 'missing-field', 'missing-field', 'missing-field']);
  });

  it('an unknown field, with "did you mean"', () => {
    const fs = findings(VALID.replace('held_by: [user]', 'heldby: [user]'));
    expect(codes(fs)).toEqual(['missing-field', 'unknown-field']);
    expect(fs[1]!.args['suggestion']).toBe('held_by');
  });

  it('wrong types wherever a field is read', () => {
    const fs = findings(
      profile(`parties:
  user: { kind: user, name: [a] }
keys:
  k: { held_by: user }
data:
  m: { kind: content, seen_by: [user], verified: "no", encrypted_with: [1] }
`),
    );
    expect(at(fs)).toEqual(['4:29 wrong-type', '6:17 wrong-type', '8:50 wrong-type', '8:73 wrong-type']);
  });

  it('every field given a value of the wrong type: one wrong-type error, where the value is', () => {
    const full = `id: full
name: Full
category: enterprise-messaging
as_of: 2015-12-31
summary: Every field there is.
status: discontinued
discontinued_on: 2019-05-31
parties:
  user:
    kind: user
    name: A user
    note: A note.
    sources: [doc]
    verified: false
  provider:
    kind: provider
    stance:
      lawful-request:
        position: comply
        note: It says so.
        sources: [doc]
        verified: true
keys:
  k:
    held_by: [user]
    note: A key.
    sources: [doc]
    verified: true
data:
  m:
    kind: content
    place: transit
    seen_by: [provider]
    encrypted_with: [k]
    contains_keys: []
    note: A form.
    sources: [doc]
    verified: true
variants:
  strict:
    summary: A setting.
    sources: [doc]
    verified: false
    name: Stricter
    keys: { k: { held_by: [] } }
sources:
  doc:
    title: A document
    url: https://example.org/doc
    date: "2020-01"
    accessed: 2021-02-03
    publisher: Someone
    note: About it.
`;
    expect(findings(full)).toEqual([]);
    const lines = full.split('\n');
    let checked = 0;
    lines.forEach((line, i) => {
      const m = /^(\s*)([a-z_]+): (.+)$/.exec(line);
      if (!m) return;
      const value = m[3]!;
      const wrong = value.startsWith('[') ? 'x' : value.startsWith('{') ? '[x]' : value === 'true' || value === 'false' ? '"yes"' : '[x]';
      const text = [...lines.slice(0, i), `${m[1]}${m[2]}: ${wrong}`, ...lines.slice(i + 1)].join('\n');
      // A variant's override of the wrong type can also leave the merged profile
      // naming what is gone: that is reported at the variant (line 40).
      const errors = findings(text).filter((f) => f.severity === 'error' && !(f.line === 40 && f.args['variant']));
      expect(errors.map((f) => `${f.line}:${f.col} ${f.code}`), line).toEqual([`${i + 1}:${m[1]!.length + m[2]!.length + 3} wrong-type`]);
      checked++;
    });
    expect(checked).toBe(40);
  });

  it('a party kind that does not exist, with "did you mean"', () => {
    const fs = findings(VALID.replace('kind: provider', 'kind: provder'));
    expect(at(fs)).toEqual(['5:21 unknown-kind']);
    expect(fs[0]!.args['suggestion']).toBe('provider');
  });

  it('a place that does not exist', () => {
    expect(codes(findings(VALID.replace('kind: content,', 'kind: content, place: cloud,')))).toEqual(['bad-value']);
  });

  it('ids must be kebab-case', () => {
    expect(codes(findings(VALID.replace('device-key: {', 'Device_Key: {')))).toContain('bad-id');
    expect(codes(findings(VALID.replace('id: mini', 'id: Mini')))).toEqual(['bad-id']);
  });

  it('a malformed jurisdiction code: bad-value naming the form, with "did you mean" (issue 10)', () => {
    const fs = findings(VALID.replace('kind: provider,', 'kind: provider, jurisdictions: [US, uss, U.S., GBR, Zz9],'));
    expect(fs.map((f) => [`${f.line}:${f.col}`, f.code, f.args['expected'], f.args['suggestion']])).toEqual([
      ['5:47', 'bad-value', 'jurisdiction', 'us'],
      ['5:51', 'bad-value', 'jurisdiction', 'us'],
      ['5:56', 'bad-value', 'jurisdiction', 'us'],
      // gb is refused in favour of uk, as for a well-formed code.
      ['5:62', 'bad-value', 'jurisdiction', 'uk'],
      ['5:67', 'bad-value', 'jurisdiction', undefined],
    ]);
    // A well-formed code that names no jurisdiction is another finding.
    expect(codes(findings(VALID.replace('kind: provider,', 'kind: provider, jurisdictions: [zz],')))).toEqual(['unknown-jurisdiction']);
  });

  it('a jurisdiction file whose id is a malformed code: the same finding', () => {
    const text = (id: string) => `id: ${id}
name: Testland
sources:
  act: { title: The Act, url: "https://example.com/act", accessed: 2026-11-27 }
instruments:
  - { id: nz-warrant, name: A warrant, statute: s.1, scope: account, compels: [provider], reaches: [records], sources: [act] }
`;
    const of = (id: string) => loadJurisdictionTree(parseYaml(text(id), 'j.yaml').root!, 'j.yaml').findings;
    expect(of('nz')).toEqual([]);
    // Only the id is at fault: its instruments are not also told to start with 'NZ-'.
    expect(of('NZ').map((f) => [`${f.line}:${f.col}`, f.code, f.args['expected'], f.args['suggestion']])).toEqual([['1:5', 'bad-value', 'jurisdiction', 'nz']]);
    expect(of('Zz9').map((f) => [f.code, f.args['expected'], f.args['suggestion']])).toEqual([['bad-value', 'jurisdiction', undefined]]);
  });

  it('dates must be real dates', () => {
    expect(codes(findings(`${VALID}as_of: 2020-02-30\n`))).toEqual(['bad-date']);
    expect(codes(findings(`${VALID}as_of: 20-1-1\n`))).toEqual(['bad-date']);
    expect(codes(findings(`${VALID}as_of: 2020\n`))).toEqual(['wrong-type']);
  });
});

describe('references', () => {
  it('an undefined party, key or source, each with "did you mean"', () => {
    const fs = findings(
      VALID.replace('seen_by: [provider]', 'seen_by: [provder]').replace('encrypted_with: [device-key]', 'encrypted_with: [devce-key]').replace('sources: [doc]', 'sources: [dok]'),
    );
    expect(at(fs)).toEqual(['5:41 unknown-source', '9:39 unknown-party', '9:66 unknown-key']);
    expect(fs.map((f) => f.args['suggestion'])).toEqual(['doc', 'provider', 'device-key']);
  });

  it('a stance for an unknown order is an error (v2), with "did you mean"', () => {
    const fs = findings(VALID.replace('provider: { kind: provider, sources: [doc] }', 'provider: { kind: provider, stance: { lawfull-request: { position: comply } } }'));
    expect(fs.map((f) => [f.code, f.severity, f.args['suggestion']])).toEqual([['unknown-order', 'error', 'lawful-request']]);
    expect(loadProfileText(VALID, 'x', { orders: new Set() }).profile).not.toBeNull();
  });

  it('a discontinued service says when', () => {
    expect(codes(findings(`${VALID}status: discontinued\n`))).toEqual(['missing-field']);
    expect(findings(`${VALID}status: discontinued\ndiscontinued_on: 2019-05-31\n`)).toEqual([]);
  });

  it('a service whose status is unconfirmed says why', () => {
    const fs = findings(`${VALID}status: unconfirmed\n`);
    expect(fs.map((f) => [f.code, f.args['field']])).toEqual([['missing-field', 'status_note']]);
    expect(findings(`${VALID}status: unconfirmed\nstatus_note: No source after 2020 says it runs.\n`)).toEqual([]);
  });

  it('a source is at a url or offline material: saying both is a warning where offline is', () => {
    expect(findings(VALID.replace('date: "2020" }', 'date: "2020", offline: true }'))).toEqual([]);
    const both = findings(VALID.replace('date: "2020" }', 'date: "2020", url: "https://example.com", offline: true }'));
    expect(both.map((f) => [`${f.line}:${f.col}`, f.code, f.severity, f.path])).toEqual([['11:80', 'inconsistent-source', 'warning', 'sources.doc.offline']]);
  });

  it('a likely typo for a data kind is a warning', () => {
    const fs = findings(VALID.replace('kind: content', 'kind: contnet'));
    expect(fs.map((f) => [f.code, f.severity, f.args['suggestion']])).toEqual([['unusual-kind', 'warning', 'content']]);
  });
});

describe('variants', () => {
  const base = `${VALID}variants:
  strict:
    summary: A stricter setting.
`;

  it('a valid variant', () => {
    expect(findings(`${base}    keys:\n      device-key: { held_by: [] }\n`)).toEqual([]);
  });

  it('a variant that names an undefined party points at its own line', () => {
    const fs = findings(`${base}    keys:\n      device-key: { held_by: [nobody] }\n`);
    expect(at(fs)).toEqual(['16:31 unknown-party']);
    expect(fs[0]!.args['variant']).toBe('strict');
  });

  it('a variant that deletes a party still named elsewhere is reported at the variant', () => {
    const fs = findings(`${base}    parties:\n      provider: null\n`);
    expect(at(fs)).toEqual(['13:3 unknown-party']);
    expect(fs[0]!.args).toMatchObject({ variant: 'strict', at: '9:39' });
  });

  it('a variant that deletes a required field', () => {
    expect(at(findings(`${base}    data:\n      message: { seen_by: null }\n`))).toEqual(['16:7 missing-field']);
  });

  it('a variant that adds an incomplete form', () => {
    expect(codes(findings(`${base}    data:\n      extra: { kind: content }\n`))).toEqual(['missing-field']);
  });

  it('a variant cannot change the id or define variants', () => {
    expect(codes(findings(`${base}    id: other\n`))).toEqual(['forbidden-field']);
  });

  it('an unknown field in a variant, with "did you mean"', () => {
    const fs = findings(`${base}    kyes: {}\n`);
    expect(fs.map((f) => [f.code, f.args['suggestion']])).toEqual([['unknown-field', 'keys']]);
  });

  it('an invalid variant makes the whole profile invalid: it is never answered', () => {
    expect(loadProfileText(`${base}    keys:\n      device-key: { held_by: [nobody] }\n`, 'x', { orders: new Set() }).profile).toBeNull();
  });
});

describe('ids that are names of Object.prototype members', () => {
  it('are plain ids, and nothing reaches Object.prototype', () => {
    const yaml = profile(`parties:
  constructor: { kind: user }
  prototype: { kind: provider }
keys:
  hasownproperty: { held_by: [constructor] }
data:
  tostring: { kind: content, seen_by: [prototype, constructor], encrypted_with: [hasownproperty] }
`);
    const loaded = load(yaml);
    expect(loaded.base.parties.map((p) => p.id)).toEqual(['constructor', 'prototype']);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('__proto__ as a key is rejected as an id, and does not pollute', () => {
    const fs = findings(profile(`parties:\n  __proto__: { kind: user, polluted: true }\nkeys: {}\ndata: {}\n`));
    expect(codes(fs)).toContain('bad-id');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('across files', () => {
  it('two profiles with the same id: the second is reported, naming the first', () => {
    const a = load(VALID, 'a.yaml');
    const b = load(VALID, 'b.yaml');
    const fs = findDuplicateIds([a, b]);
    expect(fs.map((f) => `${f.file}:${f.line}:${f.col} ${f.code} ${f.args['other']}`)).toEqual(['b.yaml:1:5 duplicate-id a.yaml:1:5']);
  });

  it('scenario files: duplicate ids, and kinds that are never compelled', () => {
    const parsed = parseYaml(
      'scenarios:\n  - { id: s, name: S, scope: all, compels: [provider, public] }\n  - { id: s, name: T, scope: all, compels: [provder] }\n',
      's.yaml',
    );
    const fs = loadScenarioTree(parsed.root!, 's.yaml').findings;
    // v1 scenario files stay valid; a scope in words is a warning (it inherits no stance).
    expect(fs.map((f) => `${f.line}:${f.col} ${f.code}`)).toEqual(['3:45 unknown-kind', '2:55 uncompellable-kind', '2:30 free-scope', '3:30 free-scope', '3:11 duplicate-id']);
  });
});

describe('a variant deletes or overrides only what the base has', () => {
  const base = `${VALID}variants:
  strict:
    summary: A stricter setting.
`;

  it('deleting a form the base does not have: an error with "did you mean"', () => {
    const fs = findings(`${base}    data:\n      mesage: null\n`);
    expect(fs.map((f) => [`${f.line}:${f.col}`, f.code, f.args['suggestion'], f.args['variant']])).toEqual([['16:7', 'unknown-override', 'message', 'strict']]);
  });

  it('deleting a key or a party that is not there, even far from any id', () => {
    expect(codes(findings(`${base}    keys:\n      backup-key: null\n`))).toEqual(['unknown-override']);
    expect(codes(findings(`${base}    parties:\n      carrier: null\n`))).toEqual(['unknown-override']);
  });

  it('deleting a field the entry does not have', () => {
    expect(codes(findings(`${base}    data:\n      message: { note: null }\n`))).toEqual(['unknown-override']);
  });

  it('a partial override of a mistyped form is reported as such, once', () => {
    const fs = findings(`${base}    data:\n      mesage: { encrypted_with: [] }\n`);
    expect(fs.map((f) => [f.code, f.args['suggestion']])).toEqual([['unknown-override', 'message']]);
  });

  it('adding a whole new form, or deleting one that exists, stays allowed', () => {
    expect(findings(`${base}    data:\n      extra: { kind: metadata, seen_by: [provider] }\n`)).toEqual([]);
    expect(findings(`${base}    data:\n      message: null\n`).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('the profile is never answered', () => {
    expect(loadProfileText(`${base}    data:\n      mesage: null\n`, 'x', { orders: new Set() }).profile).toBeNull();
  });
});
