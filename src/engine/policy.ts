/**
 * Policy + services -> findings: each place where a service breaks a rule.
 * Pure, like the answers it rests on. A finding points at the form of data
 * that breaks the rule (or at the unverified claim), so CI can annotate the
 * profile's own line.
 */
import type { Policy, Rule } from '../model/policy.js';
import type { Pos } from '../model/finding.js';
import type { Profile } from '../model/profile.js';
import { BY_DESIGN, type Forbid, type Place } from '../model/vocabulary.js';
import type { RuleSeverity } from '../model/severity.js';
import type { Scenario } from '../model/vocabulary.js';
import type { PartyRef } from './answer-types.js';
import { analyse, answer, type Analysis } from './answer.js';

/** What the authority holds by design: an order that compels no one. */
export const BY_DESIGN_SCENARIO: Scenario = {
  id: BY_DESIGN,
  name: 'By design',
  scope: 'no order: no one is compelled',
  compels: [],
  description: null,
  file: '',
  pos: { line: 1, col: 1 },
};

/** A service as `check` names it: the profile with its variant applied. */
export interface CheckedService {
  profile: Profile;
}

/** One place where a service breaks a rule. Field names are a public interface (`check --format json`). */
export interface PolicyFinding {
  /** The rule's id. */
  rule: string;
  /** What the rule forbids. */
  code: Forbid;
  severity: RuleSeverity;
  service: string;
  variant: string | null;
  /** `by-design` or the scenario id. */
  scenario: string;
  /** The data kind. */
  data: string;
  /** The profile file, and where in it the form (or claim) is written. */
  file: string;
  line: number;
  col: number;
  /** The form or claim: `data.<form>`, `keys.<id>`, `parties.<id>` or `variants.<name>`. */
  path: string;
  args: PolicyFindingArgs;
}

export interface PolicyFindingArgs {
  /** authority-reads, party-reads: the form that is read, and where it lives. */
  form?: string;
  place?: Place | null;
  /** authority-reads: every minimal set of compelled parties whose compliance is enough (party ids); `[[]]`: no one needed. */
  via?: string[][];
  /** authority-reads: how many minimal sets exist; null where counting was cut off. */
  viaTotal?: number | null;
  /** party-reads: the parties of a forbidden kind that read the form. */
  parties?: PartyRef[];
  /** unverified: the claim, as `form:<id>`, `key:<id>`, `party:<id>` or `variant:<name>`. */
  claim?: string;
}

/**
 * Applies every rule to every service. Scenarios must include each one the
 * policy names (the policy loader checks that); `by-design` is built in.
 */
export function applyPolicy(policy: Policy, services: readonly CheckedService[], scenarios: readonly Scenario[]): PolicyFinding[] {
  const byId = new Map([[BY_DESIGN, BY_DESIGN_SCENARIO], ...scenarios.map((s) => [s.id, s] as const)]);
  const out: { finding: PolicyFinding; order: number }[] = [];
  services.forEach((service, s) => {
    const analysis = analyse(service.profile);
    policy.rules.forEach((rule, r) => {
      const scenario = byId.get(rule.scenario);
      if (!scenario) throw new Error(`policy names unknown scenario '${rule.scenario}'`);
      for (const finding of breaches(rule, service.profile, analysis, scenario)) out.push({ finding, order: r * services.length + s });
    });
  });
  return out
    .sort((a, b) => byPlace(a.finding, b.finding) || a.order - b.order)
    .map((x) => x.finding);
}

function byPlace(a: PolicyFinding, b: PolicyFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.col - b.col;
}

function breaches(rule: Rule, profile: Profile, analysis: Analysis, scenario: Scenario): PolicyFinding[] {
  const at = (pos: Pos, path: string, args: PolicyFindingArgs): PolicyFinding => ({
    rule: rule.id,
    code: rule.forbid,
    severity: rule.severity,
    service: profile.id,
    variant: profile.variant?.name ?? null,
    scenario: rule.scenario,
    data: rule.data,
    file: profile.file,
    line: pos.line,
    col: pos.col,
    path,
    args,
  });
  const formOf = (id: string) => profile.forms.find((f) => f.id === id)!;

  switch (rule.forbid) {
    case 'authority-reads': {
      const kind = answer(analysis, scenario, { kinds: [rule.data] }).data[0]!;
      const via = kind.authority.via.map((set) => set.map((p) => p.party));
      return kind.authority.readable.map(({ form, place }) =>
        at(formOf(form).pos, `data.${form}`, { form, place, via, viaTotal: kind.authority.viaTotal }),
      );
    }
    case 'party-reads': {
      const { custody, own } = analysis;
      const forbidden = new Set(rule.partyKinds);
      return (analysis.formsOfKind.get(rule.data) ?? []).flatMap((f) => {
        const readers = custody.partyIds.flatMap((party, p) =>
          own[p]!.readable[f] && forbidden.has(custody.partyKinds[p]!) ? [{ party, kind: custody.partyKinds[p]! }] : [],
        );
        const form = profile.forms[f]!;
        return readers.length > 0 ? [at(form.pos, `data.${form.id}`, { form: form.id, place: form.place, parties: readers })] : [];
      });
    }
    case 'unverified': {
      const kind = answer(analysis, scenario, { kinds: [rule.data] }).data[0]!;
      return kind.unverified.map((claim) => {
        const { pos, path } = claimPlace(profile, claim);
        return at(pos, path, { claim });
      });
    }
  }
}

/** Where a claim named `form:<id>`, `key:<id>`, `party:<id>` or `variant:<name>` is written. */
function claimPlace(profile: Profile, claim: string): { pos: Pos; path: string } {
  const [type, id] = [claim.slice(0, claim.indexOf(':')), claim.slice(claim.indexOf(':') + 1)];
  const found =
    type === 'form'
      ? { pos: profile.forms.find((x) => x.id === id)?.pos, path: `data.${id}` }
      : type === 'key'
        ? { pos: profile.keys.find((x) => x.id === id)?.pos, path: `keys.${id}` }
        : type === 'party'
          ? { pos: profile.parties.find((x) => x.id === id)?.pos, path: `parties.${id}` }
          : { pos: profile.variant?.pos, path: `variants.${id}` };
  return { pos: found.pos ?? { line: 1, col: 1 }, path: found.path };
}
