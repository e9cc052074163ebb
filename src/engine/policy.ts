/**
 * Policy + services -> findings: each place where a service breaks a rule.
 * Pure, like the answers it rests on. A finding points at the form of data
 * that breaks the rule (or at the unverified claim), so CI can annotate the
 * profile's own line.
 */
import type { Policy, Rule } from '../model/policy.js';
import type { Pos } from '../model/finding.js';
import { identityOf, idOf, refOf, settingsOf, type ParticipantRef } from '../model/conversation.js';
import type { Profile } from '../model/profile.js';
import { BY_DESIGN, NOBODY, type Forbid, type Jurisdiction, type Order, type Place } from '../model/vocabulary.js';
import type { RuleSeverity } from '../model/severity.js';
import { buildRef, type BuildRef, type FormRef, type PartyRef } from './answer-types.js';
import { analyse, answer, type Analysis } from './answer.js';

/** What the authority holds by design: an order that compels no one. */
export const BY_DESIGN_ORDER: Order = {
  id: BY_DESIGN,
  name: 'By design',
  scope: null,
  compels: [],
  reaches: ['records', 'live'],
  data: null,
  allows: [],
  jurisdiction: null,
  statute: null,
  inForce: null,
  lapsed: null,
  contested: false,
  note: null,
  description: 'no order: no one is compelled',
  sources: [],
  verified: true,
  builtIn: true,
  file: '',
  pos: { line: 1, col: 1 },
};

/** A service as `check` names it: the profile with its variant applied, and the base it was applied to. */
export interface CheckedService {
  profile: Profile;
  /** The profile without its variant: what a withdrawn setting leaves. */
  base?: Profile;
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
  /** For a conversation, its participants (as an answer lists them); absent for a service alone. */
  participants?: ParticipantRef[];
  /** `by-design` or the order id. */
  order: string;
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
  /**
   * authority-reads: the ways that yield this form: every minimal set of
   * compelled parties whose compliance opens it (party ids; in a
   * conversation, a participant's copy of a form or party is `<id>#<participant>`); `[[]]`: no one needed.
   */
  ways?: string[][];
  /** authority-reads: how many such sets exist; null where counting was cut off. */
  waysTotal?: number | null;
  /** party-reads: the parties of a forbidden kind that read the form. */
  parties?: PartyRef[];
  /** unverified: the claim, as `form:<id>`, `key:<id>`, `party:<id>`, `variant:<name>`, `retention:<form>`, `instrument:<id>`, … */
  claim?: string;
  /** build-reads, undetected-build: the build, and what it yields. */
  build?: { party: string; kind: string; action: string; target: string; detectedBy: string[] | null };
  forms?: string[];
  /** The names the profile gives the parties above (id to name), for messages people read; a party without a name is absent. */
  partyNames?: Record<string, string>;
  /**
   * The forms and parties above as `ask --format json` names them: a form
   * `{ form, place }`, a party `{ party, kind }`, each with its own id and,
   * where it is one participant's copy, `participant` (1-based).
   */
  refs?: FindingRefs;
}

export interface FindingRefs {
  /** authority-reads, party-reads: the form. */
  form?: FormRef;
  /** authority-reads: the ways, as `ways` above. */
  ways?: PartyRef[][];
  /** build-reads, undetected-build: the build, as `diff --format json` names it (`targetParticipant` where its target is one participant's). */
  build?: BuildRef;
  /** build-reads, undetected-build: the forms, as `forms` above. */
  forms?: FormRef[];
}

/** Who a finding is about: the service as answers name it (its variant, a conversation's participants), and its profile file. */
export interface Subject {
  service: string;
  variant: string | null;
  participants?: ParticipantRef[] | null;
  file: string;
}

export const subjectOf = (profile: Profile): Required<Subject> => ({ ...identityOf(profile), file: profile.file });

/** A subject as one string: two are equal where they are about the same service, and a conversation is never the service alone. */
export const subjectKey = (s: Subject): string => JSON.stringify([s.service, s.variant, s.file, s.participants ?? null]);

export interface PolicyRun {
  /** Every order known to the run, for rules that name one. */
  orders: readonly Order[];
  /** The orders the run answers (the defaults, or those of --order and --in): a rule that names none applies to each. */
  answered: readonly Order[];
  jurisdictions?: readonly Jurisdiction[];
}

/** Rules about builds apply to orders to build access; every other rule, to the orders that hand data over. */
const BUILD_RULES: ReadonlySet<string> = new Set(['build-reads', 'undetected-build']);

/**
 * Applies every rule to every service. A rule names `by-design`, an order
 * the policy loader has checked exists, or none: then every answered order
 * of its sort. A rule about builds with none answered applies to the
 * built-in `build-order`, so it can never pass by default (fail closed).
 */
export function applyPolicy(policy: Policy, services: readonly CheckedService[], run: PolicyRun): PolicyFinding[] {
  const byId = new Map([[BY_DESIGN, BY_DESIGN_ORDER], ...run.orders.map((o) => [o.id, o] as const)]);
  const out: { finding: PolicyFinding; order: number }[] = [];
  const everyOf = (rule: Rule): (Order | undefined)[] => {
    const forBuilds = BUILD_RULES.has(rule.forbid);
    const answered = run.answered.filter((o) => o.reaches.includes('build') === forBuilds);
    if (answered.length > 0 || !forBuilds) return answered;
    return [byId.get('build-order')];
  };
  services.forEach((service, s) => {
    const analysis = analyse(service.profile);
    policy.rules.forEach((rule, r) => {
      const orders = rule.order === null ? everyOf(rule) : [byId.get(rule.order)];
      for (const order of orders) {
        if (!order) throw new Error(`policy names unknown order '${rule.order ?? 'build-order'}'`);
        const found = breaches(rule, service, analysis, order, run.jurisdictions ?? []);
        for (const finding of found) out.push({ finding, order: r * services.length + s });
      }
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

function breaches(rule: Rule, service: CheckedService, analysis: Analysis, order: Order, jurisdictions: readonly Jurisdiction[]): PolicyFinding[] {
  const profile = service.profile;
  const base = service.base;
  const { service: id, variant, participants } = identityOf(profile);
  const at = (pos: Pos, path: string, args: PolicyFindingArgs): PolicyFinding => ({
    rule: rule.id,
    code: rule.forbid,
    severity: rule.severity,
    service: id,
    variant,
    ...(participants ? { participants } : {}),
    order: order.id,
    data: rule.data,
    file: profile.file,
    line: pos.line,
    col: pos.col,
    path,
    args: withNames(profile, args),
  });
  const named = (ref: PartyRef) => idOf(ref.party, ref.participant);

  switch (rule.forbid) {
    case 'authority-reads': {
      const kind = answer(analysis, order, { kinds: [rule.data], jurisdictions }).data[0]!;
      return (kind.authority?.readable ?? []).map(({ form, place, participant, via, viaTotal }) => {
        const id = idOf(form, participant);
        const f = profile.forms.findIndex((x) => x.id === id);
        return at(profile.forms[f]!.pos, `data.${form}`, { form: id, place, ways: via.map((set) => set.map(named)), waysTotal: viaTotal, refs: { form: analysis.formRefs[f]!, ways: via } });
      });
    }
    case 'party-reads': {
      const { custody, own } = analysis;
      const forbidden = new Set(rule.partyKinds);
      return (analysis.formsOfKind.get(rule.data) ?? []).flatMap((f) => {
        const readers = analysis.refs.filter((ref, p) => own[p]!.readable[f] && forbidden.has(custody.partyKinds[p]!));
        const form = profile.forms[f]!;
        const ref = analysis.formRefs[f]!;
        return readers.length > 0 ? [at(form.pos, `data.${ref.form}`, { form: form.id, place: form.place, parties: readers, refs: { form: ref } })] : [];
      });
    }
    case 'build-reads':
    case 'undetected-build': {
      const kind = answer(analysis, order, { kinds: [rule.data], jurisdictions, ...(base ? { base } : {}) }).data[0]!;
      const unnoticed = (by: string[] | null) => by === null || (by.length === 1 && by[0] === NOBODY);
      return (kind.builds ?? [])
        .filter((b) => rule.forbid === 'build-reads' || unnoticed(b.detectedBy))
        .map((b) => {
          const target = b.action === 'withdraw' ? b.target : idOf(b.target, b.targetParticipant);
          const { pos, path } = controlPlace(profile, b.action, target, b.targetParticipant);
          const build = { party: named(b), kind: b.kind, action: b.action, target: idOf(b.target, b.targetParticipant), detectedBy: b.detectedBy };
          return at(pos, path, { build, forms: b.newly.map((f) => idOf(f.form, f.participant)), refs: { build: buildRef(b), forms: b.newly } });
        });
    }
    case 'unverified': {
      const kind = answer(analysis, order, { kinds: [rule.data], jurisdictions, ...(base ? { base } : {}) }).data[0]!;
      return kind.unverified.map((claim) => {
        const { pos, path, file } = claimPlace(profile, claim, order);
        return { ...at(pos, path, { claim }), file };
      });
    }
  }
}

/** The names of the parties a finding mentions, where the profile gives them. */
function withNames(profile: Profile, args: PolicyFindingArgs): PolicyFindingArgs {
  const ids = new Set([...(args.ways ?? []).flat(), ...(args.parties ?? []).map((p) => p.party), ...(args.build ? [args.build.party, ...(args.build.detectedBy ?? [])] : [])]);
  if (args.build?.action === 'code') ids.add(args.build.target);
  const names: Record<string, string> = {};
  for (const party of profile.parties) if (ids.has(party.id) && party.name) names[party.id] = party.name;
  return Object.keys(names).length > 0 ? { ...args, partyNames: names } : args;
}

/**
 * Where the control fact a build rests on is written: the directory of a
 * key, the code_from of a party (`target` as the profile names it, a
 * participant's copy by its own id), the withdrawable_by of a variant (in a
 * conversation, the participant's).
 */
function controlPlace(profile: Profile, action: string, target: string, participant: number | undefined): { pos: Pos; path: string } {
  const nowhere = { line: 1, col: 1 };
  if (action === 'ghost-key') {
    const key = profile.keys.find((k) => k.id === target);
    return { pos: key?.directory?.pos ?? nowhere, path: `keys.${key ? refOf(key).id : target}.directory` };
  }
  if (action === 'code') {
    const party = profile.parties.find((p) => p.id === target);
    return { pos: party?.codeFrom?.pos ?? nowhere, path: `parties.${party ? refOf(party).id : target}.code_from` };
  }
  const variant = profile.participants ? profile.participants[(participant ?? 1) - 1]?.profile.variant : profile.variant;
  return { pos: variant?.withdrawableBy?.pos ?? nowhere, path: `variants.${target}.withdrawable_by` };
}

/**
 * Where a claim is written: `form:<id>` and `retention:<form>` at the form,
 * `key:<id>`, `party:<id>`, `variant:<name>` in the profile;
 * `instrument:<id>` and `jurisdiction:<id>` in the jurisdiction's file.
 */
function claimPlace(profile: Profile, claim: string, order: Order): { pos: Pos; path: string; file: string } {
  const at = claim.indexOf(':');
  const [type, id] = [claim.slice(0, at), claim.slice(at + 1)];
  // `detection:<control claim>`: no source says who could notice that build; it is written at the control fact.
  if (type === 'detection') return claimPlace(profile, id, order);
  if (type === 'instrument' || type === 'jurisdiction') return { pos: order.pos, path: type === 'instrument' ? `instruments.${id}` : 'id', file: order.file };
  const party = profile.parties.find((x) => refOf(x).id === id);
  const key = profile.keys.find((x) => refOf(x).id === id);
  const setting = settingsOf(profile).find((v) => v.name === id);
  const found =
    type === 'form' || type === 'retention'
      ? { pos: profile.forms.find((x) => refOf(x).id === id)?.pos, path: `data.${id}` }
      : type === 'key'
        ? { pos: key?.pos, path: `keys.${id}` }
        : type === 'party'
          ? { pos: party?.pos, path: `parties.${id}` }
          : type === 'code_from'
            ? { pos: party?.codeFrom?.pos ?? party?.pos, path: `parties.${id}.code_from` }
            : type === 'directory'
              ? { pos: key?.directory?.pos ?? key?.pos, path: `keys.${id}.directory` }
              : type === 'withdrawable_by'
                ? { pos: setting?.withdrawableBy?.pos ?? setting?.pos, path: `variants.${id}.withdrawable_by` }
                : { pos: setting?.pos, path: `variants.${id}` };
  return { pos: found.pos ?? { line: 1, col: 1 }, path: found.path, file: profile.file };
}
