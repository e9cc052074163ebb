/**
 * A policy: rules that `keyholder check` applies to every service. It is
 * loaded like a profile: its shape from `PolicySchema` (the same checker, so
 * a bad policy gets `file:line:col` findings), then what a schema cannot see:
 * that each order and data kind exists and that rule ids are unique.
 */
import { field, stringOf } from './check.js';
import { finding, findDuplicates, hasErrors, type Finding, type Pos } from './finding.js';
import { PolicySchema } from './schema.js';
import { BY_DESIGN, ID_PATTERN, type Forbid, type PartyKind } from './vocabulary.js';
import type { RuleSeverity } from './severity.js';
import { checkShape } from './shape.js';
import { suggesting, withSuggestions } from './suggest.js';
import type { YNode } from './yaml.js';
import { append } from './append.js';

export interface Rule {
  id: string;
  description: string;
  severity: RuleSeverity;
  /**
   * `by-design`, or an order id (built-in, instrument or --scenarios); null:
   * every order the run answers (the defaults, or those of --order and --in).
   */
  order: string | null;
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

export interface PolicyOptions {
  /** Ids of every order this run knows: built-in, --scenarios, and instruments of every known jurisdiction. */
  orders: ReadonlySet<string>;
  /**
   * Data kinds that exist in this run: the standard ones and every kind a
   * known profile has. A rule about any other kind could never be broken,
   * so it is an error, not a rule that silently passes.
   */
  kinds: ReadonlySet<string>;
}

export function loadPolicyTree(root: YNode, file: string, options: PolicyOptions, earlier: Finding[] = []): PolicyLoad {
  const findings = [...earlier, ...checkShape(root, PolicySchema, file)];
  const list = field(root, 'rules');
  const rules: Rule[] = [];
  const known = [BY_DESIGN, ...options.orders];
  /** The data kinds a rule may name, as a finding lists them: made once, for the first it does not. */
  let dataKinds: string[] | undefined;
  if (list?.type === 'seq') {
    list.items.forEach((item, i) => {
      const text = (name: string) => stringOf(field(item, name)) ?? '';
      // `order`, or v1's `scenario`: one of them at most.
      const orderEntry = item.type === 'map' ? (item.entries.get('order') ?? item.entries.get('scenario')) : undefined;
      if (item.type === 'map' && item.entries.has('order') && item.entries.has('scenario')) {
        findings.push(finding('forbidden-field', file, item.entries.get('scenario')!.keyPos, `rules[${i}].scenario`, { field: 'scenario', with: 'order' }));
      }
      const order = stringOf(orderEntry?.value);
      if (orderEntry && order !== undefined && new RegExp(ID_PATTERN).test(order) && !known.includes(order)) {
        const args = { id: order, where: 'rule', allowed: known.length <= 12 ? known : [...known.slice(0, 12), '…'] };
        findings.push(suggesting(finding('unknown-order', file, orderEntry.value.pos, `rules[${i}].order`, args), order, known));
      }
      const dataNode = field(item, 'data');
      const data = stringOf(dataNode);
      if (dataNode && data !== undefined && new RegExp(ID_PATTERN).test(data) && !options.kinds.has(data)) {
        dataKinds ??= [...options.kinds];
        findings.push(suggesting(finding('unknown-data-kind', file, dataNode.pos, `rules[${i}].data`, { id: data, allowed: dataKinds }), data, dataKinds));
      }
      const kinds = field(item, 'party_kinds');
      rules.push({
        id: text('id'),
        description: text('description'),
        severity: text('severity') as RuleSeverity,
        order: order ?? (text('forbid') === 'party-reads' ? BY_DESIGN : null),
        data: text('data'),
        forbid: text('forbid') as Forbid,
        partyKinds: kinds?.type === 'seq' ? kinds.items.map((k) => stringOf(k) as PartyKind) : [],
        pos: field(item, 'id')?.pos ?? item.pos,
      });
    });
  }
  append(findings, findDuplicates(rules.map((r) => ({ id: r.id, file, pos: r.pos }))));
  if (hasErrors(findings)) return { policy: null, findings: withSuggestions(findings) };
  return { policy: { file, description: stringOf(field(root, 'description')) ?? null, rules }, findings: withSuggestions(findings) };
}
