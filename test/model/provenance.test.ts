/** validate --strict: the catalog's standard of evidence. */
import { describe, expect, it } from 'vitest';
import { checkProvenance, citations } from '../../src/model/provenance.js';
import { codes, load } from '../helpers.js';

const SOURCED = `id: sourced
name: Sourced
as_of: 2024-01-01
parties:
  user: { kind: user, sources: [doc] }
  vendor:
    kind: provider
    jurisdictions: [us]
    sources: [doc]
    stance:
      lawful-request: { position: comply, sources: [policy] }
keys:
  k: { held_by: [user], sources: [doc] }
data:
  m: { kind: content, retention: stored, seen_by: [vendor], encrypted_with: [k], sources: [doc] }
  guess: { kind: metadata, retention: passing, seen_by: [vendor], verified: false }
variants:
  open:
    summary: The vendor holds the key.
    sources: [doc]
    keys:
      k: { held_by: [user, vendor] }
sources:
  doc: { title: Doc, url: "https://example.com/doc", date: "2023" }
  policy: { title: Policy, url: "https://example.com/policy", accessed: 2024-01-01 }
`;

const check = (yaml: string, maxAgeDays?: number) =>
  checkProvenance(load(yaml), { today: '2025-01-01', ...(maxAgeDays !== undefined ? { maxAgeDays } : {}) });

describe('checkProvenance', () => {
  it('passes a profile where every claim is cited or marked unverified', () => {
    expect(check(SOURCED)).toEqual([]);
  });

  it('an uncited claim: party, key, form, stance or variant', () => {
    const yaml = SOURCED.replace('  k: { held_by: [user], sources: [doc] }', '  k: { held_by: [user] }')
      .replace('lawful-request: { position: comply, sources: [policy] }', 'lawful-request: { position: comply }')
      .replace('    summary: The vendor holds the key.\n    sources: [doc]\n', '    summary: The vendor holds the key.\n');
    const fs = check(yaml);
    expect(fs.map((f) => [f.code, f.args['what'], f.args['id']])).toEqual([
      ['uncited-claim', 'stance', 'vendor (lawful-request)'],
      ['uncited-claim', 'key', 'k'],
      ['uncited-claim', 'variant', 'open'],
      // the variant's own version of the key, written at the variant's lines
      ['uncited-claim', 'key', 'k'],
      ['unused-source', undefined, 'policy'],
    ]);
  });

  it('a source no claim cites, or without a URL or a date', () => {
    const yaml = SOURCED.replace('  policy: { title: Policy, url: "https://example.com/policy", accessed: 2024-01-01 }', '  policy: { title: Policy, url: "https://example.com/policy", accessed: 2024-01-01 }\n  spare: { title: Spare }');
    const fs = check(yaml);
    expect(codes(fs)).toEqual(['unused-source', 'incomplete-source']);
    expect(fs[1]!.args['missing']).toEqual(['url', 'date or accessed']);
  });

  it('a source without a url passes where it is marked offline material, and is said where it has both', () => {
    const offline = SOURCED.replace('  policy: { title: Policy, url: "https://example.com/policy", accessed: 2024-01-01 }', '  policy: { title: Policy, offline: true, date: 2023-05-02, note: A letter to the author. }');
    expect(check(offline)).toEqual([]);
    const neither = offline.replace('offline: true, ', '');
    expect(check(neither).map((f) => [f.code, f.args['missing']])).toEqual([['incomplete-source', ['url']]]);
    // Both is not an error of evidence but a contradiction: a warning when the file is loaded.
    const both = load(SOURCED.replace('accessed: 2024-01-01 }', 'accessed: 2024-01-01, offline: true }'), 'both.yaml');
    expect(both.base.sources.find((x) => x.id === 'policy')!.offline).toBe(true);
  });

  it('a discontinued service older than --max-age is historical: a warning that says why, never a failure', () => {
    const gone = SOURCED.replace('as_of: 2024-01-01\n', 'as_of: 2024-01-01\nstatus: discontinued\ndiscontinued_on: 2024-06-30\n');
    const fs = check(gone, 300);
    expect(fs.map((f) => [f.code, f.severity, f.args['discontinuedOn']])).toEqual([['historical-profile', 'warning', '2024-06-30']]);
    expect(check(gone, 400)).toEqual([]);
  });

  it('a service no source says still runs is unconfirmed: older than --max-age, a warning with its status_note, never a failure', () => {
    const unsure = SOURCED.replace('as_of: 2024-01-01\n', 'as_of: 2024-01-01\nstatus: unconfirmed\nstatus_note: No source after 2024 says it runs.\n');
    const fs = check(unsure, 300);
    expect(fs.map((f) => [f.code, f.severity, f.args['why']])).toEqual([['unconfirmed-profile', 'warning', 'No source after 2024 says it runs.']]);
    expect(check(unsure, 400)).toEqual([]);
  });

  it('a missing as_of, and one older than --max-age', () => {
    expect(codes(check(SOURCED.replace('as_of: 2024-01-01\n', '')))).toEqual(['missing-as-of']);
    expect(check(SOURCED, 400)).toEqual([]);
    const stale = check(SOURCED, 300);
    expect(stale.map((f) => [f.code, f.args['age']])).toEqual([['stale-profile', 366]]);
  });

  it('v2: what records and live, and reach, rest on is written out: retention, and where a provider answers', () => {
    const yaml = SOURCED.replace('retention: stored, seen_by: [vendor]', 'seen_by: [vendor]').replace('    jurisdictions: [us]\n', '');
    expect(check(yaml).map((f) => [f.code, f.path])).toEqual([
      ['defaulted-retention', 'data.m'],
      ['unplaced-party', 'parties.vendor'],
    ]);
    // A form no provider or host sees may keep its place's default.
    expect(check(SOURCED.replace('retention: passing, seen_by: [vendor]', 'seen_by: [user]'))).toEqual([]);
  });

  it('v2: a control fact is a claim like any other', () => {
    const yaml = SOURCED.replace('  k: { held_by: [user], sources: [doc] }', '  k: { held_by: [user], sources: [doc], directory: { party: vendor, detected_by: [user] } }');
    expect(check(yaml).map((f) => [f.code, f.args['what'], f.args['id']])).toEqual([['uncited-claim', 'directory', 'k']]);
  });
});

describe('citations', () => {
  it('each source with the claims that cite it: the base claims first, then those a variant adds, with its name', () => {
    const yaml = SOURCED.replace('  policy: { title', '  spare: { title: Spare, url: "https://example.com/spare", date: "2020" }\n  policy: { title')
      .replace('k: { held_by: [user, vendor] }', 'k: { held_by: [user, vendor], sources: [doc, policy] }');
    const cited = citations(load(yaml));
    expect(cited.map((c) => [c.source.id, c.citedBy])).toEqual([
      ['doc', ['party:user', 'party:vendor', 'key:k', 'form:m', 'variant:open', 'open: key:k']],
      ['spare', []],
      ['policy', ['stance:vendor/lawful-request', 'open: key:k']],
    ]);
    // A variant's claim that cites what the base's does is the base's claim.
    expect(citations(load(SOURCED))[0]!.citedBy).not.toContain('open: key:k');
  });

  it('for one variant, the sources its own profile cites, without the prefix', () => {
    const cited = citations(load(SOURCED), 'open');
    expect(cited.map((c) => [c.source.id, c.citedBy])).toEqual([
      ['doc', ['variant:open', 'party:user', 'party:vendor', 'key:k', 'form:m']],
      ['policy', ['stance:vendor/lawful-request']],
    ]);
  });
});
