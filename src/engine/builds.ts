/**
 * Orders to build access (MODEL.md section 6). Nothing is handed over: each
 * compelled party is made to use what the profile says it controls, from
 * the order on, as far as the order allows:
 *
 * - ghost-key: it hands out the public keys of a key (a directory), so it can
 *   add one it holds: it then knows the key, and reads whatever it sees whose
 *   other keys it knows too;
 * - code: it ships the software another party runs, so it can ship a version
 *   that hands it what that party sees and holds;
 * - withdraw: it can turn the setting the profile is answered with off, and
 *   then reads, for new data, what it reads by design without it.
 *
 * A build is listed for a kind of data only where it yields something the
 * party could not read by design. A build never changes any other answer.
 */
import { idOf, refOf } from '../model/conversation.js';
import type { Profile, VariantInfo } from '../model/profile.js';
import type { BuildAction, Order } from '../model/vocabulary.js';
import type { BeyondBuild, Build, StanceRef } from './answer-types.js';
import type { Analysis, Roles } from './answer.js';
import { closure, closureWithKeys, type Knowledge } from './custody.js';

/** One thing a party could be made to build, and what it then knows. */
interface Candidate {
  party: number;
  action: BuildAction;
  target: string;
  /** In a conversation: the participant whose copy (or setting) the target is. */
  targetParticipant: number | undefined;
  detectedBy: string[] | null;
  /** The control fact's note: how it could be done, and who could notice. */
  note: string | null;
  /** Control facts it rests on, for sources and unverified claims. */
  claim: { tag: string; sources: readonly string[]; verified: boolean };
  /** What it reads, in the profile it reads in: the answered one, or the one with a setting withdrawn. */
  knows: { analysis: Analysis; knowledge: Knowledge };
}

/**
 * A setting that could be withdrawn: the variant, or one participant's in a
 * conversation, with the profile as it is with that setting off.
 */
export interface Withdrawal {
  setting: VariantInfo;
  /** The participant whose setting it is, in a conversation of more than one. */
  participant: number | undefined;
  /** The party that can turn it off, as the answered profile names it. */
  party: string;
  without: Analysis;
}

export interface BuildOptions {
  /** The settings that could be withdrawn. */
  withdrawals: readonly Withdrawal[];
}

/** Every build the order allows each party `among` picks, in profile order, then action, then target. */
function candidates(analysis: Analysis, order: Order, among: Uint8Array, options: BuildOptions): Candidate[] {
  const { custody } = analysis;
  const profile = custody.profile;
  const out: Candidate[] = [];
  const allows = new Set(order.allows);
  profile.parties.forEach((party, p) => {
    if (!among[p]) return;
    if (allows.has('ghost-key')) {
      profile.keys.forEach((key, k) => {
        if (key.directory?.party !== party.id) return;
        const target = refOf(key);
        out.push({
          party: p,
          action: 'ghost-key',
          target: target.id,
          targetParticipant: target.participant,
          detectedBy: key.directory.detectedBy,
          note: key.directory.note,
          claim: { tag: `directory:${target.id}`, sources: key.directory.sources, verified: key.directory.verified },
          knows: { analysis, knowledge: closureWithKeys(custody, [p], [k]) },
        });
      });
    }
    if (allows.has('code')) {
      profile.parties.forEach((runner, r) => {
        if (runner.codeFrom?.party !== party.id) return;
        const target = refOf(runner);
        out.push({
          party: p,
          action: 'code',
          target: target.id,
          targetParticipant: target.participant,
          detectedBy: runner.codeFrom.detectedBy,
          note: runner.codeFrom.note,
          claim: { tag: `code_from:${target.id}`, sources: runner.codeFrom.sources, verified: runner.codeFrom.verified },
          knows: { analysis, knowledge: closure(custody, [p, r]) },
        });
      });
    }
    if (!allows.has('withdraw')) return;
    for (const w of options.withdrawals) {
      const inBase = w.party === party.id ? w.without.custody.partyIndex.get(party.id) : undefined;
      if (inBase === undefined) continue;
      const by = w.setting.withdrawableBy!;
      out.push({
        party: p,
        action: 'withdraw',
        target: w.setting.name,
        targetParticipant: w.participant,
        detectedBy: by.detectedBy,
        note: by.note,
        claim: { tag: `withdrawable_by:${w.setting.name}`, sources: by.sources, verified: by.verified },
        knows: { analysis: w.without, knowledge: w.without.own[inBase]! },
      });
    }
  });
  return out;
}

export interface KindBuilds {
  builds: Build[];
  /** What parties beyond the order's reach could build: named so that an empty answer says why. */
  beyondReach: BeyondBuild[];
  sources: string[];
  unverified: string[];
}

/**
 * The builds under an order, per kind: `formsOf` gives a kind's forms in a
 * profile (the answered one, or the one with a setting withdrawn).
 */
export function buildsUnder(
  analysis: Analysis,
  order: Order,
  roles: Roles,
  stances: readonly StanceRef[],
  options: BuildOptions,
): (kind: string, formsOf: (profile: Profile) => number[]) => KindBuilds {
  const found = candidates(analysis, order, roles.compelled, options);
  const beyond = candidates(analysis, order, roles.beyond, options);
  const { custody, own } = analysis;
  const ref = (p: number) => analysis.refs[p]!;
  return (kind, formsOf) => {
    const yields = (c: Candidate): Build | null => {
      const { analysis: where, knowledge } = c.knows;
      const readable = formsOf(where.custody.profile).filter((f) => knowledge.readable[f]);
      // Forms are matched by id: a copy's id is the same in the profile with a setting withdrawn.
      const before = new Set(formsOf(custody.profile).filter((f) => own[c.party]!.readable[f]).map((f) => custody.profile.forms[f]!.id));
      const newly = readable.filter((f) => !before.has(where.custody.profile.forms[f]!.id));
      if (newly.length === 0) return null;
      return {
        ...ref(c.party),
        action: c.action,
        target: c.target,
        ...(c.targetParticipant === undefined ? {} : { targetParticipant: c.targetParticipant }),
        scope: order.scope,
        reads: readable.map((f) => where.formRefs[f]!),
        newly: newly.map((f) => where.formRefs[f]!),
        detectedBy: c.detectedBy,
        note: c.note,
        stances: stances.filter((s) => idOf(s.party, s.participant) === custody.partyIds[c.party]),
      };
    };
    const builds: Build[] = [];
    const sources: string[] = [];
    const unverified: string[] = [];
    const claim = (tag: string) => {
      if (!unverified.includes(tag)) unverified.push(tag);
    };
    for (const c of found) {
      const build = yields(c);
      if (!build) continue;
      builds.push(build);
      for (const s of c.claim.sources) if (!sources.includes(s)) sources.push(s);
      if (!c.claim.verified) claim(c.claim.tag);
      if (c.detectedBy === null) claim(`detection:${c.claim.tag}`);
    }
    const beyondReach: BeyondBuild[] = beyond.flatMap((c) => {
      const build = yields(c);
      const party = custody.profile.parties[c.party]!;
      return build ? [{ ...build, beyond: roles.why[c.party]!, jurisdictions: party.jurisdictions }] : [];
    });
    return { builds, beyondReach, sources, unverified };
  };
}
