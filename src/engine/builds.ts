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
import type { Profile } from '../model/profile.js';
import type { BuildAction, Order } from '../model/vocabulary.js';
import type { BeyondBuild, Build, FormRef, StanceRef } from './answer-types.js';
import type { Analysis, Roles } from './answer.js';
import { closure, closureWithKeys, type Knowledge } from './custody.js';

/** One thing a party could be made to build, and what it then knows. */
interface Candidate {
  party: number;
  action: BuildAction;
  target: string;
  detectedBy: string[] | null;
  /** Control facts it rests on, for sources and unverified claims. */
  claim: { tag: string; sources: readonly string[]; verified: boolean };
  /** Reads by form id (the profile it reads in may be the base one, for a withdrawn setting). */
  knows: { profile: Profile; knowledge: Knowledge };
}

export interface BuildOptions {
  /** The profile without its variant, where one is applied: what withdrawing the setting leaves. */
  base?: Analysis | undefined;
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
        out.push({
          party: p,
          action: 'ghost-key',
          target: key.id,
          detectedBy: key.directory.detectedBy,
          claim: { tag: `directory:${key.id}`, sources: key.directory.sources, verified: key.directory.verified },
          knows: { profile, knowledge: closureWithKeys(custody, [p], [k]) },
        });
      });
    }
    if (allows.has('code')) {
      profile.parties.forEach((runner, r) => {
        if (runner.codeFrom?.party !== party.id) return;
        out.push({
          party: p,
          action: 'code',
          target: runner.id,
          detectedBy: runner.codeFrom.detectedBy,
          claim: { tag: `code_from:${runner.id}`, sources: runner.codeFrom.sources, verified: runner.codeFrom.verified },
          knows: { profile, knowledge: closure(custody, [p, r]) },
        });
      });
    }
    const setting = profile.variant;
    const base = options.base;
    if (allows.has('withdraw') && setting?.withdrawableBy?.party === party.id && base) {
      const inBase = base.custody.partyIndex.get(party.id);
      if (inBase !== undefined) {
        out.push({
          party: p,
          action: 'withdraw',
          target: setting.name,
          detectedBy: setting.withdrawableBy.detectedBy,
          claim: { tag: `withdrawable_by:${setting.name}`, sources: setting.withdrawableBy.sources, verified: setting.withdrawableBy.verified },
          knows: { profile: base.custody.profile, knowledge: base.own[inBase]! },
        });
      }
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
 * profile (the answered one, or the base one for a withdrawn setting).
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
      const { profile, knowledge } = c.knows;
      const reads: FormRef[] = formsOf(profile)
        .filter((f) => knowledge.readable[f])
        .map((f) => ({ form: profile.forms[f]!.id, place: profile.forms[f]!.place }));
      const before = new Set(formsOf(custody.profile).filter((f) => own[c.party]!.readable[f]).map((f) => custody.profile.forms[f]!.id));
      const newly = reads.filter((r) => !before.has(r.form));
      if (newly.length === 0) return null;
      return {
        ...ref(c.party),
        action: c.action,
        target: c.target,
        scope: order.scope,
        reads,
        newly,
        detectedBy: c.detectedBy,
        stances: stances.filter((s) => s.party === custody.partyIds[c.party]),
      };
    };
    const builds: Build[] = [];
    const sources: string[] = [];
    const unverified: string[] = [];
    for (const c of found) {
      const build = yields(c);
      if (!build) continue;
      builds.push(build);
      for (const s of c.claim.sources) if (!sources.includes(s)) sources.push(s);
      if (!c.claim.verified) unverified.push(c.claim.tag);
      if (c.detectedBy === null) unverified.push(`detection:${c.claim.tag}`);
    }
    const beyondReach: BeyondBuild[] = beyond.flatMap((c) => {
      const build = yields(c);
      const party = custody.profile.parties[c.party]!;
      return build ? [{ ...build, beyond: roles.why[c.party]!, jurisdictions: party.jurisdictions }] : [];
    });
    return { builds, beyondReach, sources, unverified };
  };
}
