/**
 * Profile + order -> answer: MODEL.md sections 2 and 3. Nothing here knows a
 * service by name; every verdict comes from the profile's facts.
 *
 * Under an order, each compelled party hands over the forms it sees that the
 * order reaches (records: stored forms; live: passing ones; only the kinds it
 * covers) and the keys it holds that the order reaches (records: stored keys;
 * live: every key). That is a view of the profile in which each party sees
 * and holds only that; the authority pools what it is handed with what its
 * own parties (authority, public) have, and applies the rules of section 2.
 */
import { freshness } from '../model/freshness.js';
import { composeConversation, copyId, identityOf, idOf, refOf, settingsOf } from '../model/conversation.js';
import type { Profile } from '../model/profile.js';
import { NEVER_COMPELLED, NOBODY, STANDARD_KINDS, type Jurisdiction, type Order, type PartyKind } from '../model/vocabulary.js';
import {
  nothingRead,
  type Answer,
  type AuthorityAnswer,
  type Beyond,
  type BuildSummary,
  type FormRef,
  type KindAnswer,
  type PartyRef,
  type ReadableForm,
  type Remaining,
  type RemainingParty,
  type StanceRef,
  type Unreached,
  type Way,
  type WhyNot,
} from './answer-types.js';
import { closure, indexProfile, restrict, type Custody, type Knowledge } from './custody.js';
import { DEFAULT_LIMITS, type MinimalSetsOptions, type SearchWork } from './minimal-sets.js';
import { buildsUnder, type Withdrawal } from './builds.js';
import { setFinder } from './ways.js';

/**
 * A profile prepared for answering: indexed once, each party's own reach
 * computed once, and what does not depend on the order worked out once per
 * kind of data.
 */
export interface Analysis {
  custody: Custody;
  /** Per party: what it can read on its own, by design. */
  own: Knowledge[];
  /** Per party: how answers name it (one object, shared by every answer). */
  refs: PartyRef[];
  /** Per form: how answers name it. */
  formRefs: FormRef[];
  /** Data kinds in answer order: content, metadata, subscriber, then others as they first appear. */
  kinds: string[];
  /** Per kind: the forms of that kind. */
  formsOfKind: ReadonlyMap<string, number[]>;
  /** Per kind the profile declares: the standard kind it counts as. */
  like: ReadonlyMap<string, string>;
  /** Per kind, once asked for: readers by design, and what a verdict rests on. */
  perKind: Map<string, { byDesign: PartyRef[]; sources: string[]; unverified: string[]; retention: string[] }>;
}

export const BASE_KINDS: readonly string[] = STANDARD_KINDS;

export function analyse(profile: Profile): Analysis {
  const custody = indexProfile(profile);
  const own = custody.partyIds.map((_, p) => closure(custody, [p]));
  const formsOfKind = new Map<string, number[]>(BASE_KINDS.map((k) => [k, []]));
  profile.forms.forEach((form, f) => {
    const list = formsOfKind.get(form.kind);
    if (list) list.push(f);
    else formsOfKind.set(form.kind, [f]);
  });
  const refs = profile.parties.map((x): PartyRef => {
    const { id, participant } = refOf(x);
    return participant === undefined ? { party: id, kind: x.kind } : { party: id, kind: x.kind, participant };
  });
  const formRefs = profile.forms.map((x): FormRef => {
    const { id, participant } = refOf(x);
    return participant === undefined ? { form: id, place: x.place } : { form: id, place: x.place, participant };
  });
  const like = new Map(profile.kinds.map((k) => [k.id, k.like as string]));
  return { custody, own, refs, formRefs, kinds: [...formsOfKind.keys()], formsOfKind, like, perKind: new Map() };
}

/** Whether what an order yields turns on how long forms are kept: it reaches records kept, or data passing, but not both. */
const onRetention = (order: Order) => order.reaches.includes('records') !== order.reaches.includes('live');

/** What a kind's answer says whatever the order: readers by design, sources, unverified claims. */
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
  /** The file as output names it, for a service named by path. */
  file?: string | null;
  /** The jurisdictions known to the run, for an instrument's sources and claims. */
  jurisdictions?: readonly Jurisdiction[];
  /** The profile without its variant, where one is applied: what a withdrawn setting leaves (orders to build access). */
  base?: Profile;
  limits?: MinimalSetsOptions;
  /** Where given, the steps the searches for ways in took are added to it: tests assert work, not time. */
  work?: SearchWork;
  /** The day the age of the profile's facts is measured on, YYYY-MM-DD; handed in, never read from the clock. */
  today?: string | null;
}

const analyses = new WeakMap<Profile, Analysis>();
/** A profile's analysis, made once per profile object. */
export function analysisOf(profile: Profile): Analysis {
  let a = analyses.get(profile);
  if (!a) analyses.set(profile, (a = analyse(profile)));
  return a;
}

/** Whether an order covers a kind: every kind where it lists none; else the kind, or the standard kind it is declared like. */
export function covers(order: Order, kind: string, like: ReadonlyMap<string, string>): boolean {
  if (order.data === null) return true;
  return order.data.includes(kind) || (like.has(kind) && order.data.includes(like.get(kind)!));
}

/** Whether a party answers to an order's jurisdiction: built-in orders reach everyone; a party with no list is local to every order. */
export const answersTo = (jurisdictions: readonly string[], order: Order): boolean =>
  order.jurisdiction === null || jurisdictions.length === 0 || jurisdictions.includes(order.jurisdiction);

/** Who the authority has for free, compels, and cannot reach (and why), under an order. */
export interface Roles {
  own: Uint8Array;
  compelled: Uint8Array;
  beyond: Uint8Array;
  /** Per party beyond reach: why. */
  why: Beyond[][];
}

export function rolesUnder(analysis: Analysis, order: Order): Roles {
  const { custody } = analysis;
  const P = custody.partyIds.length;
  const own = new Uint8Array(P);
  const compelled = new Uint8Array(P);
  const beyond = new Uint8Array(P);
  const why: Beyond[][] = Array.from({ length: P }, () => []);
  const compels = new Set(order.compels);
  custody.profile.parties.forEach((party, p) => {
    const kind = party.kind;
    if (NEVER_COMPELLED.has(kind)) {
      own[p] = 1;
      return;
    }
    const byKind = compels.has(kind);
    const byPlace = answersTo(party.jurisdictions, order);
    if (byKind && byPlace) compelled[p] = 1;
    else if (kind !== 'user') {
      beyond[p] = 1;
      if (!byKind) why[p]!.push('kind');
      if (!byPlace) why[p]!.push('jurisdiction');
    }
  });
  return { own, compelled, beyond, why };
}

/**
 * The profile as the order sees it: a party other than the authority's own
 * sees only the forms of covered kinds whose retention the order reaches,
 * and holds only the keys it reaches. The profile itself where the order
 * reaches everything.
 */
export function viewUnder(analysis: Analysis, order: Order, roles: Roles): Custody {
  const { custody } = analysis;
  const profile = custody.profile;
  const records = order.reaches.includes('records');
  const live = order.reaches.includes('live');
  const reachesForm = profile.forms.map(
    (form) => covers(order, form.kind, analysis.like) && (form.retention === 'stored' ? records : live),
  );
  const reachesKey = profile.keys.map((key) => live || key.retention === 'stored');
  if (reachesForm.every(Boolean) && reachesKey.every(Boolean)) return custody;
  return restrict(
    custody,
    (p, f) => roles.own[p] === 1 || reachesForm[f]!,
    (p, k) => roles.own[p] === 1 || reachesKey[k]!,
  );
}

/** The built-in order a party's stance is inherited from, for an order with no stance of its own. */
export function resemblance(order: Order): string | null {
  if (order.builtIn) return null;
  if (order.reaches.includes('build')) return 'build-order';
  return order.scope === 'account' ? 'lawful-request' : order.scope === 'bulk' ? 'blanket-order' : null;
}

/** Every party's stance for the order: its own, or the one it inherits. */
export function stancesFor(profile: Profile, order: Order, refs: readonly PartyRef[], compelled?: Uint8Array): StanceRef[] {
  const from = resemblance(order);
  return profile.parties.flatMap((party, p): StanceRef[] => {
    // What a party says it does when an order comes matters only where the order reaches it.
    if (compelled && !compelled[p]) return [];
    const stated = party.stance.get(order.id);
    const inherited = !stated && from ? party.stance.get(from) : undefined;
    const stance = stated ?? inherited;
    if (!stance) return [];
    return [{ ...refs[p]!, order: order.id, inheritedFrom: stated ? null : from, position: stance.position, note: stance.note, sources: stance.sources }];
  });
}

export function answer(analysis: Analysis, order: Order, options: AnswerOptions = {}): Answer {
  if (order.reaches.includes('build')) return buildAnswer(analysis, order, options);
  const { custody, own: byDesign } = analysis;
  const profile = custody.profile;
  const P = custody.partyIds.length;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const roles = rolesUnder(analysis, order);
  const view = viewUnder(analysis, order, roles);
  const ref = (p: number): PartyRef => analysis.refs[p]!;
  const form = (f: number): FormRef => analysis.formRefs[f]!;

  const withCompelled = new Uint8Array(P);
  for (let p = 0; p < P; p++) withCompelled[p] = roles.own[p]! | roles.compelled[p]!;
  const alone = closure(view, indices(roles.own));
  const full = closure(view, indices(roles.compelled), alone);
  const ways = setFinder(view, roles.own, roles.compelled, limits, alone, options.work);
  let beyondFinder: ReturnType<typeof setFinder> | null = null;
  const remainingFinder = () => (beyondFinder ??= setFinder(view, withCompelled, roles.beyond, limits, full, options.work));
  // The same compelled parties, handing over everything they have: what another order would yield.
  let broad: Knowledge | null = null;
  const broadly = () => (broad ??= closure(custody, indices(withCompelled)));
  // With them, the parties beyond reach handing over everything too: what an order reaching those parties would yield.
  let beyondAll: Knowledge | null = null;
  const beyondAtAll = () => (beyondAll ??= closure(custody, indices(roles.beyond), broadly()));
  // Each party beyond reach on its own, with the compelled parties, handing over everything: worked out once, if asked.
  const oneBeyond: Knowledge[] = [];
  const withOneBeyond = (p: number) => (oneBeyond[p] ??= closure(custody, [p], broadly()));
  const beyondRef = (p: number): RemainingParty => ({ ...ref(p), beyond: roles.why[p]!, jurisdictions: profile.parties[p]!.jurisdictions });
  /**
   * What is left where neither this order nor the parties beyond it
   * (handing over what it reaches) would read: another order on the same
   * parties; else an order reaching parties beyond this one, named where
   * one of them would be enough; else only the users hold the way in.
   */
  const lastResortBeyondOrder = (targets: readonly number[]): Pick<AuthorityAnswer, 'lastResort' | 'holdersBeyond'> => {
    if (targets.some((f) => broadly().readable[f])) return { lastResort: 'another-order' };
    if (!targets.some((f) => beyondAtAll().readable[f])) return { lastResort: 'ban' };
    const holders = indices(roles.beyond).filter((p) => targets.some((f) => withOneBeyond(p).readable[f]));
    return { lastResort: 'beyond-reach', holdersBeyond: holders.map(beyondRef) };
  };

  const kinds = options.kinds ? orderKinds(options.kinds) : analysis.kinds;
  const stances = stancesFor(profile, order, analysis.refs, roles.compelled);
  const stanceAt = new Map(stances.map((s) => [custody.partyIndex.get(idOf(s.party, s.participant))!, s]));
  const stancesOf = (set: readonly number[]) => set.flatMap((p) => stanceAt.get(p) ?? []);
  const orderClaims = orderSupport(order, options.jurisdictions ?? []);

  const data: KindAnswer[] = kinds.map((kind) => {
    const targets = analysis.formsOfKind.get(kind) ?? [];
    const facts = kindFacts(analysis, kind, targets);
    const reached = covers(order, kind, analysis.like);
    const seenByCompelled = (f: number) => custody.seenBy[f]!.some((p) => roles.compelled[p]);
    const sources = [...facts.sources, ...orderClaims.sources];
    const unverified = [...facts.unverified, ...(onRetention(order) ? facts.retention : []), ...orderClaims.unverified];
    if (!reached) {
      const unreached: Unreached[] = targets.filter(seenByCompelled).map((f) => ({ ...form(f), why: 'kind', retention: profile.forms[f]!.retention }));
      // No remaining sets are listed for a kind not covered; what is left is still said.
      return {
        kind,
        modelled: targets.length > 0,
        reached,
        byDesign: facts.byDesign,
        authority: { ...nothingRead(unreached), ...lastResortBeyondOrder(targets) },
        stances,
        sources,
        unverified,
      };
    }

    const canRead = targets.some((f) => full.readable[f]);
    const found = canRead ? ways.minimal(targets) : { sets: [], total: 0, exact: true };
    const readsOf = (knowledge: Knowledge) => targets.filter((f) => knowledge.readable[f]).map(form);
    const wayList: Way[] = found.sets.map((set) => ({ parties: set.map(ref), reads: readsOf(ways.reads(set)), stances: stancesOf(set) }));
    const readable: ReadableForm[] = targets
      .filter((f) => full.readable[f])
      .map((f) => {
        const via = ways.minimalFor(f, () => found.sets.filter((set) => ways.reads(set).readable[f]));
        return { ...form(f), via: via.sets.map((set) => set.map(ref)), viaTotal: via.total, viaExact: via.exact };
      });

    // A form stays sealed when the compelled parties that have it hand it
    // over and the authority, with its own keys and theirs, still cannot open it.
    const whyNot: WhyNot[] = targets.flatMap((f) => {
      const handers = view.seenBy[f]!.filter((p) => roles.compelled[p]);
      if (handers.length === 0) return [];
      const handed = ways.reads(handers);
      if (handed.readable[f]) return [];
      return [
        {
          ...form(f),
          missing: custody.enc[f]!
            .filter((k) => !handed.known[k])
            .map((k) => ({ ...keyRef(profile.keys[k]!), holders: range(P).filter((p) => byDesign[p]!.known[k]).map(ref) })),
        },
      ];
    });
    const unreached: Unreached[] = targets
      .filter((f) => seenByCompelled(f) && !view.seenBy[f]!.some((p) => roles.compelled[p]))
      .map((f) => ({ ...form(f), why: 'retention', retention: profile.forms[f]!.retention }));

    const rest = canRead ? { sets: [], total: 0, exact: true } : remainingFinder().minimal(targets);
    const remaining: Remaining[] = rest.sets.map((set) => ({ parties: set.map(beyondRef), reads: readsOf(remainingFinder().reads(set)) }));
    const left = canRead ? { lastResort: null } : remaining.length > 0 ? { lastResort: 'beyond-reach' as const } : lastResortBeyondOrder(targets);
    return {
      kind,
      modelled: targets.length > 0,
      reached,
      byDesign: facts.byDesign,
      authority: {
        canRead,
        ways: wayList,
        waysTotal: found.total,
        waysExact: found.exact,
        readable,
        whyNot,
        unreached,
        remaining,
        remainingTotal: rest.total,
        remainingExact: rest.exact,
        ...left,
      },
      stances,
      sources,
      unverified,
    };
  });

  return envelope(profile, order, options, data, null);
}

/**
 * The answer to an order to build access: nothing is handed over, so there
 * is no data tier; each kind it covers lists what each compelled party could
 * be made to build and what that yields (builds.ts).
 */
function buildAnswer(analysis: Analysis, order: Order, options: AnswerOptions): Answer {
  const profile = analysis.custody.profile;
  const roles = rolesUnder(analysis, order);
  const stances = stancesFor(profile, order, analysis.refs, roles.compelled);
  const per = buildsUnder(analysis, order, roles, stances, { withdrawals: order.allows.includes('withdraw') ? withdrawals(profile, options) : [] });
  const orderClaims = orderSupport(order, options.jurisdictions ?? []);
  const kinds = options.kinds ? orderKinds(options.kinds) : analysis.kinds;
  const formsOf = (kind: string) => (p: Profile) => p.forms.flatMap((f, i) => (f.kind === kind ? [i] : []));
  const data: KindAnswer[] = kinds.map((kind) => {
    const targets = analysis.formsOfKind.get(kind) ?? [];
    const facts = kindFacts(analysis, kind, targets);
    const reached = covers(order, kind, analysis.like);
    const found = reached ? per(kind, formsOf(kind)) : { builds: [], beyondReach: [], sources: [], unverified: [] };
    return {
      kind,
      modelled: targets.length > 0,
      reached,
      byDesign: facts.byDesign,
      authority: null,
      builds: found.builds,
      buildsBeyondReach: found.beyondReach,
      stances,
      sources: [...facts.sources, ...found.sources.filter((s) => !facts.sources.includes(s)), ...orderClaims.sources],
      unverified: [...facts.unverified, ...found.unverified, ...orderClaims.unverified],
    };
  });
  const isContent = (kind: string) => kind === 'content' || analysis.like.get(kind) === 'content';
  const content = data.filter((d) => isContent(d.kind)).flatMap((d) => d.builds ?? []);
  const nobody = (by: string[] | null) => by !== null && by.length === 1 && by[0] === NOBODY;
  return envelope(profile, order, options, data, {
    readsContent: content.length > 0,
    undetectedContent: content.some((b) => nobody(b.detectedBy)),
    unknownDetection: content.some((b) => b.detectedBy === null),
  });
}

/** An answer around its kinds: which service, setting and order it is for. */
function envelope(profile: Profile, order: Order, options: AnswerOptions, data: KindAnswer[], build: BuildSummary | null): Answer {
  return {
    ...identity(profile, options),
    order: order.id,
    jurisdiction: order.jurisdiction,
    asOf: profile.asOf,
    freshness: freshness(profile, options.today ?? null),
    data,
    build,
  };
}

/**
 * What an answer is about: the service, its variant and file; for a
 * conversation, each participant, and the variant every participant has
 * (or null where they differ).
 */
function identity(profile: Profile, options: AnswerOptions): Pick<Answer, 'service' | 'variant' | 'file' | 'participants'> {
  const { service, variant, participants } = identityOf(profile);
  return { service, variant, file: options.file ?? null, participants };
}

/** A key as answers name it: its id, and the participant whose copy it is. */
function keyRef(key: Profile['keys'][number]): { key: string; participant?: number } {
  const { id, participant } = refOf(key);
  return participant === undefined ? { key: id } : { key: id, participant };
}

/**
 * The settings that could be withdrawn, each with the profile as it is
 * without it: the variant, against the base profile; in a conversation, each
 * participant's, against the conversation with that participant's base
 * (where that composes: a setting every participant shares, withdrawn from
 * one, can leave shared elements differing).
 */
function withdrawals(profile: Profile, options: AnswerOptions): Withdrawal[] {
  if (!profile.participants) {
    const setting = profile.variant;
    const base = options.base;
    if (!setting?.withdrawableBy || !base || base === profile) return [];
    return [{ setting, participant: undefined, party: setting.withdrawableBy.party, without: analysisOf(base) }];
  }
  const participants = profile.participants;
  const many = participants.length > 1;
  return participants.flatMap((p, i): Withdrawal[] => {
    const setting = p.profile.variant;
    if (!setting?.withdrawableBy || !p.base) return [];
    const without = composeConversation(participants.map((q, j) => (j === i ? { ...q, profile: p.base! } : q))).profile;
    if (!without) return [];
    const party = setting.withdrawableBy.party;
    const own = many && profile.parties.some((x) => x.id === copyId(party, i + 1)) ? copyId(party, i + 1) : party;
    return [{ setting, participant: many ? i + 1 : undefined, party: own, without: analysisOf(without) }];
  });
}

/** content, metadata, subscriber, then the rest in the order given. */
function orderKinds(kinds: readonly string[]): string[] {
  const unique = [...new Set(kinds)];
  return [...BASE_KINDS.filter((k) => unique.includes(k)), ...unique.filter((k) => !BASE_KINDS.includes(k))];
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const indices = (mask: Uint8Array) => range(mask.length).filter((i) => mask[i]);

/** What every answer under an order rests on besides the profile: the instrument's sources and claims. */
function orderSupport(order: Order, jurisdictions: readonly Jurisdiction[]): { sources: string[]; unverified: string[] } {
  if (order.jurisdiction === null) return { sources: [], unverified: order.verified ? [] : [`instrument:${order.id}`] };
  const j = jurisdictions.find((x) => x.id === order.jurisdiction);
  return {
    sources: order.sources.map((s) => `${order.jurisdiction}:${s}`),
    unverified: [...(order.verified ? [] : [`instrument:${order.id}`]), ...(j && !j.verified ? [`jurisdiction:${j.id}`] : [])],
  };
}

/** Kinds of party whose records are the ones an order asks for: a defaulted retention of what they see is a claim no source made. */
const HOLDERS: ReadonlySet<PartyKind> = new Set(['provider', 'host']);

/**
 * What a verdict on these forms rests on: the forms, every key that locks
 * them, every form that holds such a key (and so on), and the parties that
 * see those forms or hold those keys; plus the variant, if one is applied,
 * and the retention of each such form a provider or host sees, where it is
 * the default for its place rather than written out.
 */
function supportOf(analysis: Analysis, targets: readonly number[]): { sources: string[]; unverified: string[]; retention: string[] } {
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

  // Each claim in profile order: the variant (each participant's, in a
  // conversation), then parties, keys and forms; a participant's copy is
  // the claim of the element it copies, made once.
  const claims: { tag: string; sources: readonly string[]; verified: boolean }[] = [];
  for (const v of settingsOf(profile)) claims.push({ tag: `variant:${v.name}`, sources: v.sources, verified: v.verified });
  profile.parties.forEach((x, p) => parties.has(p) && claims.push({ tag: `party:${refOf(x).id}`, sources: x.sources, verified: x.verified }));
  profile.keys.forEach((x, k) => keys.has(k) && claims.push({ tag: `key:${refOf(x).id}`, sources: x.sources, verified: x.verified }));
  profile.forms.forEach((x, f) => forms.has(f) && claims.push({ tag: `form:${refOf(x).id}`, sources: x.sources, verified: x.verified }));
  // A retention no source gives (the default) matters only to an order that reaches records or live data alone.
  const retention = profile.forms.flatMap((x, f) =>
    forms.has(f) && x.retentionDefaulted && c.seenBy[f]!.some((p) => HOLDERS.has(c.partyKinds[p]!)) ? [`retention:${refOf(x).id}`] : [],
  );
  const cited = new Set<string>();
  for (const claim of claims) for (const id of claim.sources) cited.add(id);
  return {
    sources: profile.sources.filter((s) => cited.has(s.id)).map((s) => s.id),
    unverified: [...new Set(claims.filter((claim) => !claim.verified).map((claim) => claim.tag))],
    retention: [...new Set(retention)],
  };
}
