/**
 * Profile + scenario -> answer: MODEL.md sections 2 and 3. Nothing here
 * knows a service by name; every verdict comes from the profile's facts.
 */
import type { Profile } from '../model/profile.js';
import type { Scenario } from '../model/vocabulary.js';
import { NEVER_COMPELLED } from '../model/vocabulary.js';
import type { Answer, KindAnswer, PartyRef, StanceRef, WhyNot } from './answer-types.js';
import { closure, indexProfile, type Custody, type Knowledge } from './custody.js';
import { DEFAULT_LIMITS, minimalSets, type MinimalSetsOptions, type SearchWork } from './minimal-sets.js';

/**
 * A profile prepared for answering: indexed once, each party's own reach
 * computed once, and what does not depend on the scenario worked out once
 * per kind of data.
 */
export interface Analysis {
  custody: Custody;
  /** Per party: what it can read on its own, by design. */
  own: Knowledge[];
  /** Per party: how answers name it (one object, shared by every answer). */
  refs: PartyRef[];
  /** Data kinds in answer order: content, metadata, then others as they first appear. */
  kinds: string[];
  /** Per kind: the forms of that kind. */
  formsOfKind: ReadonlyMap<string, number[]>;
  /** Per kind, once asked for: readers by design, and what a verdict rests on. */
  perKind: Map<string, { byDesign: PartyRef[]; sources: string[]; unverified: string[] }>;
}

export const BASE_KINDS = ['content', 'metadata'];

export function analyse(profile: Profile): Analysis {
  const custody = indexProfile(profile);
  const own = custody.partyIds.map((_, p) => closure(custody, [p]));
  const formsOfKind = new Map<string, number[]>(BASE_KINDS.map((k) => [k, []]));
  profile.forms.forEach((form, f) => {
    const list = formsOfKind.get(form.kind);
    if (list) list.push(f);
    else formsOfKind.set(form.kind, [f]);
  });
  const refs = custody.partyIds.map((party, p) => ({ party, kind: custody.partyKinds[p]! }));
  return { custody, own, refs, kinds: [...formsOfKind.keys()], formsOfKind, perKind: new Map() };
}

/** What a kind's answer says whatever the scenario: readers by design, sources, unverified claims. */
function kindFacts(analysis: Analysis, kind: string, targets: readonly number[]) {
  let facts = analysis.perKind.get(kind);
  if (!facts) {
    const byDesign = analysis.refs.filter((_, p) => targets.some((f) => analysis.own[p]!.readable[f]));
    facts = { byDesign, ...supportOf(analysis, targets) };
    analysis.perKind.set(kind, facts);
  }
  return facts;
}

export interface AnswerOptions {
  /** Data kinds to answer for, in any order; default: all of the profile's. */
  kinds?: readonly string[];
  /** The path as given on the command line, for a service named by path. */
  file?: string | null;
  limits?: MinimalSetsOptions;
  /** Where given, the steps the searches for ways in took are added to it. */
  work?: SearchWork;
}

export function answer(analysis: Analysis, scenario: Scenario, options: AnswerOptions = {}): Answer {
  const { custody, own } = analysis;
  const profile = custody.profile;
  const P = custody.partyIds.length;
  const limits = options.limits ?? DEFAULT_LIMITS;

  // The authority's own parties start it off; the scenario compels others.
  const own_ = new Uint8Array(P);
  const compelled = new Uint8Array(P);
  const beyond = new Uint8Array(P);
  const compels = new Set(scenario.compels);
  custody.partyKinds.forEach((kind, p) => {
    if (NEVER_COMPELLED.has(kind)) own_[p] = 1;
    else if (compels.has(kind)) compelled[p] = 1;
    else if (kind !== 'user') beyond[p] = 1;
  });
  const everyone = new Uint8Array(P);
  for (let p = 0; p < P; p++) everyone[p] = own_[p]! | compelled[p]!;
  const full = closure(custody, indices(everyone));

  const ref = (p: number): PartyRef => analysis.refs[p]!;
  // What the authority holds when these compelled parties hand over what they
  // have: worked out from what it holds alone, once for each group of parties.
  const authorityAlone = closure(custody, indices(own_));
  const handedOver = new Map<string, Knowledge>();
  const handOver = (handers: number[]): Knowledge => {
    const key = [...handers].sort((a, b) => a - b).join(',');
    let known = handedOver.get(key);
    if (!known) handedOver.set(key, (known = closure(custody, handers, authorityAlone)));
    return known;
  };
  const kinds = options.kinds ? orderKinds(options.kinds) : analysis.kinds;
  const stances: StanceRef[] = profile.parties.flatMap((party) => {
    const stance = party.stance.get(scenario.id);
    return stance ? [{ party: party.id, kind: party.kind, position: stance.position, sources: stance.sources }] : [];
  });

  const data: KindAnswer[] = kinds.map((kind) => {
      const targets = analysis.formsOfKind.get(kind) ?? [];
      const canRead = targets.some((f) => full.readable[f]);
      const via = canRead ? minimalSets(custody, targets, own_, compelled, limits, options.work) : { sets: [], total: 0 };
      const remaining = canRead ? { sets: [], total: 0 } : minimalSets(custody, targets, everyone, beyond, limits, options.work);
      // A form stays sealed when the compelled parties that have it hand it
      // over and the authority, with its own keys, still cannot open it.
      const whyNot: WhyNot[] = targets.flatMap((f) => {
        const handers = custody.seenBy[f]!.filter((p) => compelled[p]);
        if (handers.length === 0) return [];
        const handed = handOver(handers);
        if (handed.readable[f]) return [];
        return [
          {
            form: profile.forms[f]!.id,
            place: profile.forms[f]!.place,
            missing: custody.enc[f]!
              .filter((k) => !handed.known[k])
              .map((k) => ({ key: custody.keyIds[k]!, holders: range(P).filter((p) => own[p]!.known[k]).map(ref) })),
          },
        ];
      });
      const { byDesign, sources, unverified } = kindFacts(analysis, kind, targets);
      return {
        kind,
        modelled: targets.length > 0,
        byDesign,
        authority: {
          canRead,
          via: via.sets.map((set) => set.map(ref)),
          viaTotal: via.total,
          whyNot,
          remaining: remaining.sets.map((set) => set.map(ref)),
          remainingTotal: remaining.total,
          readable: targets.filter((f) => full.readable[f]).map((f) => ({ form: profile.forms[f]!.id, place: profile.forms[f]!.place })),
        },
        stances,
        sources,
        unverified,
      };
    });

  return {
    service: profile.id,
    variant: profile.variant?.name ?? null,
    file: options.file ?? null,
    scenario: scenario.id,
    asOf: profile.asOf,
    data,
  };
}

/** content, metadata, then the rest in the order given. */
function orderKinds(kinds: readonly string[]): string[] {
  const unique = [...new Set(kinds)];
  return [...BASE_KINDS.filter((k) => unique.includes(k)), ...unique.filter((k) => !BASE_KINDS.includes(k))];
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const indices = (mask: Uint8Array) => range(mask.length).filter((i) => mask[i]);

/**
 * What a verdict on these forms rests on: the forms, every key that locks
 * them, every form that holds such a key (and so on), and the parties that
 * see those forms or hold those keys; plus the variant, if one is applied.
 */
function supportOf(analysis: Analysis, targets: readonly number[]): { sources: string[]; unverified: string[] } {
  const c = analysis.custody;
  const profile = c.profile;
  const forms = new Set<number>(targets);
  const keys = new Set<number>();
  const stack = [...targets];
  while (stack.length > 0) {
    const f = stack.pop()!;
    for (const k of c.enc[f]!) {
      if (keys.has(k)) continue;
      keys.add(k);
      for (const g of c.containedIn[k]!) if (!forms.has(g)) (forms.add(g), stack.push(g));
    }
  }
  const parties = new Set<number>();
  for (const f of forms) for (const p of c.seenBy[f]!) parties.add(p);
  for (const k of keys) for (const p of c.heldBy[k]!) parties.add(p);

  // Each claim in profile order: the variant, then parties, keys and forms.
  const claims: { tag: string; sources: readonly string[]; verified: boolean }[] = [];
  if (profile.variant) claims.push({ tag: `variant:${profile.variant.name}`, sources: profile.variant.sources, verified: profile.variant.verified });
  profile.parties.forEach((x, p) => parties.has(p) && claims.push({ tag: `party:${x.id}`, sources: x.sources, verified: x.verified }));
  profile.keys.forEach((x, k) => keys.has(k) && claims.push({ tag: `key:${x.id}`, sources: x.sources, verified: x.verified }));
  profile.forms.forEach((x, f) => forms.has(f) && claims.push({ tag: `form:${x.id}`, sources: x.sources, verified: x.verified }));
  const cited = new Set<string>();
  for (const claim of claims) for (const id of claim.sources) cited.add(id);
  return {
    sources: profile.sources.filter((s) => cited.has(s.id)).map((s) => s.id),
    unverified: claims.filter((claim) => !claim.verified).map((claim) => claim.tag),
  };
}
