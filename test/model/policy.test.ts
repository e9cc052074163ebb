/**
 * Loading a policy: the shape from the schema, then scenario ids and
 * repeated rule ids. Codes and positions, not sentences.
 */
import { describe, expect, it } from 'vitest';
import { loadPolicyTree } from '../../src/model/policy.js';
import { parseYaml } from '../../src/model/yaml.js';
import { KINDS, POLICY_RULE as RULE, SCENARIOS } from '../helpers.js';


function loadPolicy(text: string) {
  const parsed = parseYaml(text, 'p.yaml');
  return loadPolicyTree(parsed.root!, 'p.yaml', { orders: new Set(SCENARIOS.map((s) => s.id)), kinds: KINDS }, parsed.findings);
}
const at = (text: string) => loadPolicy(text).findings.map((f) => `${f.line}:${f.col} ${f.code}${f.severity === 'warning' ? ' (warning)' : ''}`);

describe('a policy', () => {
  it('loads its rules, in order', () => {
    const { policy, findings } = loadPolicy(`description: Test.\n${RULE}  - id: only-users
    description: Only users read content.
    severity: warn
    scenario: by-design
    data: content
    forbid: party-reads
    party_kinds: [provider, host]
`);
    expect(findings).toEqual([]);
    expect(policy?.description).toBe('Test.');
    expect(policy?.rules.map((r) => [r.id, r.severity, r.order, r.forbid, r.partyKinds, `${r.pos.line}:${r.pos.col}`])).toEqual([
      ['sealed', 'error', 'blanket-order', 'authority-reads', [], '3:9'],
      ['only-users', 'warn', 'by-design', 'party-reads', ['provider', 'host'], '9:9'],
    ]);
  });

  it('an unknown order (v1: scenario), with "did you mean"', () => {
    const { policy, findings } = loadPolicy(RULE.replace('blanket-order', 'blanket-ordr'));
    expect(policy).toBeNull();
    expect(findings.map((f) => [`${f.line}:${f.col}`, f.code, f.args['suggestion']])).toEqual([['5:15', 'unknown-order', 'blanket-order']]);
  });

  it('v2 names it order:, and may leave it out: then every order the run answers', () => {
    const { policy, findings } = loadPolicy(RULE.replace('    scenario: blanket-order\n', ''));
    expect(findings).toEqual([]);
    expect(policy?.rules[0]?.order).toBeNull();
    expect(loadPolicy(RULE.replace('scenario: blanket-order', 'order: blanket-order')).policy?.rules[0]?.order).toBe('blanket-order');
    expect(loadPolicy(RULE.replace('scenario: blanket-order', 'scenario: blanket-order\n    order: lawful-request')).findings.map((f) => f.code)).toEqual(['forbidden-field']);
  });

  it('by-design and scenarios from --scenarios are known', () => {
    expect(loadPolicy(RULE.replace('blanket-order', 'by-design')).findings).toEqual([]);
    const parsed = parseYaml(RULE.replace('blanket-order', 'mine'), 'p.yaml');
    expect(loadPolicyTree(parsed.root!, 'p.yaml', { orders: new Set(['mine']), kinds: KINDS }).findings).toEqual([]);
  });

  it('two rules with one id: the second is reported', () => {
    expect(at(`${RULE}${RULE.replace('rules:\n', '')}`)).toEqual(['8:9 duplicate-id']);
  });

  it('a data kind that does not exist: an error with "did you mean", never a rule that silently passes', () => {
    const { policy, findings } = loadPolicy(RULE.replace('data: content', 'data: contnet'));
    expect(policy).toBeNull();
    expect(findings.map((f) => [`${f.line}:${f.col}`, f.code, f.args['suggestion']])).toEqual([['6:11', 'unknown-data-kind', 'content']]);
    expect(at(RULE.replace('data: content', 'data: messages'))).toEqual(['6:11 unknown-data-kind']);
  });

  it('a kind a profile adds is known where the run knows that profile', () => {
    const parsed = parseYaml(RULE.replace('data: content', 'data: call-media'), 'p.yaml');
    const scenarios = new Set(SCENARIOS.map((s) => s.id));
    expect(loadPolicyTree(parsed.root!, 'p.yaml', { orders: scenarios, kinds: KINDS }).policy).toBeNull();
    expect(loadPolicyTree(parsed.root!, 'p.yaml', { orders: scenarios, kinds: new Set([...KINDS, 'call-media']) }).findings).toEqual([]);
  });

  it('a policy with no rules is an error: it would pass everything', () => {
    expect(at('rules: []\n')).toEqual(['1:8 empty-list']);
  });

  it('which fields go together, at the field at fault', () => {
    expect(at(RULE.replace('forbid: authority-reads', 'forbid: party-reads'))).toEqual(['2:5 missing-field', '5:15 bad-value']);
    expect(at(`${RULE}    party_kinds: [provider]\n`)).toEqual(['8:5 forbidden-field']);
  });
});
