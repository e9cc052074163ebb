/**
 * A policy: rules that `keyholder check` applies to every service. It is
 * loaded like a profile: its shape from `PolicySchema` (the same checker, so
 * a bad policy gets `file:line:col` findings), then what a schema cannot see:
 * that each scenario exists and that rule ids are unique.
 */
import { append } from './append.js';
import { checkDataKind, field, stringOf } from './check.js';
import { finding, findDuplicates, hasErrors, type Finding, type Pos } from './finding.js';
import { PolicySchema } from './schema.js';
import { BY_DESIGN, type Forbid, type PartyKind } from './vocabulary.js';
import type { RuleSeverity } from './severity.js';
import { checkShape } from './shape.js';
import { closest } from './suggest.js';
import type { YNode } from './yaml.js';

export interface Rule {
  id: string;
  description: string;
  severity: RuleSeverity;
  /** `by-design`, or a scenario id. */
  scenario: string;
  /** The data kind the rule is about. */
  data: string;
  forbid: Forbid;
  /** With `party-reads`: the kinds of party that must not read the data. */
  partyKinds: PartyKind[];
  /** Where the rule's id is written. */
  pos: Pos;
}

export interface Policy {
  file: string;
  description: string | null;
  rules: Rule[];
}

export interface PolicyLoad {
  /** null when any finding is an error: a bad policy is never applied. */
  policy: Policy | null;
  findings: Finding[];
}

/** A file whose top level has a `rules` key is a policy. */
export function isPolicyTree(root: YNode | null): boolean {
  return root?.type === 'map' && root.entries.has('rules');
}

export function loadPolicyTree(root: YNode, file: string, options: { scenarios: ReadonlySet<string> }, earlier: Finding[] = []): PolicyLoad {
  const findings = [...earlier, ...checkShape(root, PolicySchema, file)];
  const list = field(root, 'rules');
  const rules: Rule[] = [];
  const known = [BY_DESIGN, ...options.scenarios];
  if (list?.type === 'seq') {
    list.items.forEach((item, i) => {
      const text = (name: string) => stringOf(field(item, name)) ?? '';
      const scenarioNode = field(item, 'scenario');
      const scenario = stringOf(scenarioNode);
      if (scenarioNode && scenario !== undefined && !known.includes(scenario)) {
        const args: Record<string, string | readonly string[]> = { id: scenario, where: 'rule', allowed: known };
        const suggestion = closest(scenario, known);
        if (suggestion) args['suggestion'] = suggestion;
        findings.push(finding('unknown-scenario', file, scenarioNode.pos, `rules[${i}].scenario`, args));
      }
      append(findings, checkDataKind(field(item, 'data'), file, `rules[${i}].data`));
      const kinds = field(item, 'party_kinds');
      rules.push({
        id: text('id'),
        description: text('description'),
        severity: text('severity') as RuleSeverity,
        scenario: scenario ?? '',
        data: text('data'),
        forbid: text('forbid') as Forbid,
        partyKinds: kinds?.type === 'seq' ? kinds.items.map((k) => stringOf(k) as PartyKind) : [],
        pos: field(item, 'id')?.pos ?? item.pos,
      });
    });
  }
  append(findings, findDuplicates(rules.map((r) => ({ id: r.id, file, pos: r.pos }))));
  if (hasErrors(findings)) return { policy: null, findings };
  return { policy: { file, description: stringOf(field(root, 'description')) ?? null, rules }, findings };
}
