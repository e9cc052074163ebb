/**
 * Sources that cannot rot silently, and facts that cannot age silently,
 * across the whole catalog: every source a claim cites exists, every source
 * is cited, every source says where to read it (a url, or `offline: true`
 * for a real document with no public address), and every live service's
 * facts were checked within a year of the catalog's date.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { monthsBetween } from '../../src/model/freshness.js';
import { citations, claimName, claimsOf } from '../../src/model/provenance.js';
import { CATALOG_DATE, ROOT, load } from '../helpers.js';

const SERVICES = join(ROOT, 'data/services');


describe.each(readdirSync(SERVICES).filter((f) => f.endsWith('.yaml')))('%s', (file) => {
  const loaded = load(readFileSync(join(SERVICES, file), 'utf8'), `data/services/${file}`);
  const profiles = [loaded.base, ...loaded.variants.values()];
  const ids = new Set(loaded.base.sources.map((s) => s.id));

  it('every source a claim cites is defined (the loader refuses one that is not: unknown-source)', () => {
    const missing = profiles.flatMap((p) =>
      claimsOf(p).flatMap((c) => c.claim.sources.filter((s) => !ids.has(s)).map((s) => `${p.variant?.name ?? 'base'} ${claimName(c)}: ${s}`)),
    );
    expect(missing).toEqual([]);
  });

  it('every source is cited by at least one claim', () => {
    expect(citations(loaded).filter((c) => c.citedBy.length === 0).map((c) => c.source.id)).toEqual([]);
  });

  it('every source has a url, or is marked offline material', () => {
    expect(loaded.base.sources.filter((s) => !s.url && !s.offline).map((s) => s.id)).toEqual([]);
  });

  it(`a live service's facts are as of the year before ${CATALOG_DATE}; a discontinued one says when it ended; an unconfirmed one why`, () => {
    const p = loaded.base;
    expect(p.asOf, 'as_of').not.toBeNull();
    expect(p.asOf! <= CATALOG_DATE, `as_of ${p.asOf} is after ${CATALOG_DATE}`).toBe(true);
    if (p.status === 'discontinued') {
      expect(p.discontinuedOn).not.toBeNull();
      return;
    }
    // No source says whether it still runs (docs/research/catalog-audit.md
    // has the searches): its facts cannot be brought up to date, and it must
    // say why, which `validate --max-age` prints.
    if (p.status === 'unconfirmed') {
      expect(p.statusNote, 'status_note').toMatch(/\S/);
      return;
    }
    expect(monthsBetween(p.asOf!, CATALOG_DATE), `as_of ${p.asOf}`).toBeLessThan(12);
  });
});
