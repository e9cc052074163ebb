/**
 * The catalog's standard of evidence, checked by `validate --strict`: every
 * claim cites a source or says it is unverified, every source is cited and
 * dated, and every profile says when its facts were true, recently enough.
 */
import { finding, type Finding, type Pos } from './finding.js';
import { append } from './append.js';
import { daysBetween } from './freshness.js';
import type { LoadedProfile } from './load.js';
import type { Control, Profile, Provenance, Source } from './profile.js';
import type { Jurisdiction } from './vocabulary.js';

export interface StrictOptions {
  /** Today, YYYY-MM-DD, for the age of `as_of`. */
  today: string;
  /** Oldest `as_of` allowed, in days; none: any age. */
  maxAgeDays?: number;
}


export function checkProvenance(loaded: LoadedProfile, options: StrictOptions): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const add = (f: Finding) => {
    const key = `${f.code}:${f.line}:${f.col}:${f.args['id'] ?? ''}`;
    if (!seen.has(key)) out.push(f);
    seen.add(key);
  };
  const profiles = [loaded.base, ...loaded.variants.values()];
  const file = loaded.file;

  const cited = new Set<string>();
  for (const p of profiles) {
    for (const { what, id, pos, claim } of claimsOf(p)) {
      claim.sources.forEach((s) => cited.add(s));
      if (claim.sources.length === 0 && claim.verified) add(finding('uncited-claim', file, pos, '', { what, id }));
    }
  }
  // What the rules of records and live, and of reach, rest on must be written out.
  for (const p of profiles) {
    const seenByHolder = (form: Profile['forms'][number]) =>
      form.seenBy.some((id) => ['provider', 'host'].includes(p.parties.find((x) => x.id === id)?.kind ?? ''));
    for (const form of p.forms) {
      if (form.retentionDefaulted && seenByHolder(form)) add(finding('defaulted-retention', file, form.pos, `data.${form.id}`, { id: form.id, retention: form.retention }));
    }
    for (const party of p.parties) {
      if ((party.kind === 'provider' || party.kind === 'host') && party.jurisdictions.length === 0) {
        add(finding('unplaced-party', file, party.pos, `parties.${party.id}`, { id: party.id, kind: party.kind }));
      }
    }
  }
  for (const source of loaded.base.sources) {
    if (!cited.has(source.id)) add(finding('unused-source', file, source.pos, `sources.${source.id}`, { id: source.id }));
    const missing = missingOf(source);
    if (missing.length > 0) add(finding('incomplete-source', file, source.pos, `sources.${source.id}`, { id: source.id, missing }));
  }
  const { asOf, status, discontinuedOn, statusNote } = loaded.base;
  if (!asOf) add(finding('missing-as-of', file, loaded.idPos, 'as_of', { id: loaded.id }));
  else if (options.maxAgeDays !== undefined && daysBetween(asOf, options.today) > options.maxAgeDays) {
    const age = daysBetween(asOf, options.today);
    // A service that no longer runs is history, not out of date: said, not failed.
    if (status === 'discontinued') {
      add(finding('historical-profile', file, loaded.idPos, 'as_of', { id: loaded.id, asOf, age, discontinuedOn: discontinuedOn ?? '' }, 'warning'));
    } else if (status === 'unconfirmed') {
      // No source says whether it still runs: facts cannot be brought up to
      // date from sources that do not exist. Said, with why, not failed.
      add(finding('unconfirmed-profile', file, loaded.idPos, 'as_of', { id: loaded.id, asOf, age, why: statusNote ?? '' }, 'warning'));
    } else add(finding('stale-profile', file, loaded.idPos, 'as_of', { id: loaded.id, asOf, age, maxAge: options.maxAgeDays }));
  }
  return out;
}

/**
 * Outside --strict, one warning where a profile cites no source at all: it
 * is valid, but --strict would fail every claim in it.
 */
export function checkHasSources(loaded: LoadedProfile): Finding[] {
  const profiles = [loaded.base, ...loaded.variants.values()];
  const cites = (p: Profile) =>
    p.parties.some((x) => x.sources.length > 0 || [...x.stance.values()].some((s) => s.sources.length > 0)) ||
    p.keys.some((x) => x.sources.length > 0) ||
    p.forms.some((x) => x.sources.length > 0) ||
    (p.variant?.sources.length ?? 0) > 0;
  if (loaded.base.sources.length > 0 || profiles.some(cites)) return [];
  return [finding('no-sources', loaded.file, loaded.idPos, 'sources', { id: loaded.id }, 'warning')];
}

/** The facts of control a profile states (MODEL.md section 6), each a claim of its own. */
export function controls(p: Profile): { what: string; id: string; control: Control }[] {
  return [
    ...p.parties.flatMap((x) => (x.codeFrom ? [{ what: 'code_from', id: x.id, control: x.codeFrom }] : [])),
    ...p.keys.flatMap((x) => (x.directory ? [{ what: 'directory', id: x.id, control: x.directory }] : [])),
    ...p.variants.flatMap((v) => (v.withdrawableBy ? [{ what: 'withdrawable_by', id: v.name, control: v.withdrawableBy }] : [])),
  ];
}

/**
 * A jurisdiction file's standard of evidence, with --strict: every
 * instrument cites a source or says it is unverified, every source is cited
 * and dated.
 */
export function checkJurisdictionProvenance(j: Jurisdiction): Finding[] {
  const out: Finding[] = [];
  const cited = new Set(j.instruments.flatMap((o) => o.sources));
  for (const o of j.instruments) {
    if (o.sources.length === 0 && o.verified) out.push(finding('uncited-claim', j.file, o.pos, '', { what: 'instrument', id: o.id }));
  }
  for (const source of j.sources) {
    if (!cited.has(source.id)) out.push(finding('unused-source', j.file, source.pos, `sources.${source.id}`, { id: source.id }));
    const missing = missingOf(source);
    if (missing.length > 0) out.push(finding('incomplete-source', j.file, source.pos, `sources.${source.id}`, { id: source.id, missing }));
  }
  return out;
}

/**
 * What a source lacks for a reader to find and date it: a url (or
 * `offline: true`, for a real document with no public address), and a
 * publication date (or, for an undated page, the day it was read).
 */
function missingOf(source: Source): string[] {
  return [source.url || source.offline ? null : 'url', source.date || source.accessed ? null : 'date or accessed'].filter((m) => m !== null);
}

/** One claim of a profile, named as answers name it in `unverified`: `party:<id>`, `key:<id>`, `form:<id>`, `variant:<name>`, and so on. */
export interface Claim {
  /** party, stance, key, form, variant, code_from, directory or withdrawable_by. */
  what: string;
  id: string;
  pos: Pos;
  claim: Provenance;
}

/** Every claim a profile (with its variant applied, if any) makes: each may cite sources, or say it is unverified. */
export function claimsOf(p: Profile): Claim[] {
  return [
    ...(p.variant ? [{ what: 'variant', id: p.variant.name, pos: p.variant.pos, claim: p.variant as Provenance }] : []),
    ...p.parties.flatMap((x) => [
      { what: 'party', id: x.id, pos: x.pos, claim: x as Provenance },
      ...[...x.stance].map(([scenario, s]) => ({ what: 'stance', id: `${x.id} (${scenario})`, pos: x.pos, claim: s as Provenance })),
    ]),
    ...p.keys.map((x) => ({ what: 'key', id: x.id, pos: x.pos, claim: x as Provenance })),
    ...p.forms.map((x) => ({ what: 'form', id: x.id, pos: x.pos, claim: x as Provenance })),
    ...controls(p).map(({ what, id, control }) => ({ what, id, pos: control.pos, claim: control as Provenance })),
  ];
}

/** A claim as `keyholder sources` names it: `form:chat-backup`, `stance:blackberry/blanket-order`. */
export const claimName = ({ what, id }: Pick<Claim, 'what' | 'id'>): string =>
  what === 'stance' ? `stance:${id.replace(/ \((.*)\)$/, '/$1')}` : `${what}:${id}`;

/** A source with every claim that cites it. */
export interface Citation {
  source: Source;
  /**
   * Claims of the profile that cite it, by `claimName`; a variant's own
   * claim (one it adds, or one it changes to cite other sources) after the
   * base's, prefixed with the variant: `e2ee-backup: key:backup-key`.
   */
  citedBy: string[];
}

/**
 * Every source of a service, in the order written, with the claims that
 * cite it: of the base and of every variant, or, for one variant, of that
 * variant's profile alone (then only the sources it cites).
 */
export function citations(loaded: LoadedProfile, variant: string | null = null): Citation[] {
  // A variant's own claim is named with the variant, except the variant itself.
  const named = (claims: Claim[], prefix = '') =>
    claims.flatMap((c) => c.claim.sources.map((s) => [s, (c.what === 'variant' ? '' : prefix) + claimName(c)] as const));
  let cites: (readonly [string, string])[];
  if (variant !== null) {
    // Every variant's profile lists every variant's control; this one's alone is its own.
    cites = named(claimsOf(loaded.variants.get(variant)!).filter((c) => c.what !== 'withdrawable_by' || c.id === variant));
  } else {
    const base = claimsOf(loaded.base);
    const inBase = new Map(base.map((c) => [claimName(c), c.claim.sources.join(' ')]));
    cites = named(base);
    for (const [name, profile] of loaded.variants) {
      // A claim the variant inherits (or restates with the same sources) is the base's.
      const own = claimsOf(profile).filter((c) => inBase.get(claimName(c)) !== c.claim.sources.join(' '));
      append(cites, named(own, `${name}: `));
    }
  }
  const by = new Map<string, string[]>();
  for (const [source, claim] of cites) {
    const list = by.get(source) ?? [];
    if (!list.includes(claim)) list.push(claim);
    by.set(source, list);
  }
  return loaded.base.sources.filter((s) => variant === null || by.has(s.id)).map((source) => ({ source, citedBy: by.get(source.id) ?? [] }));
}
