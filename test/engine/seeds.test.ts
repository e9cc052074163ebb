/**
 * MODEL.md section 4: the three seeds, derived by the engine from the
 * catalog's profiles, with no special case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, ask, ids, kind, sets } from '../helpers.js';

const catalog = (id: string) => readFileSync(join(ROOT, 'data/services', `${id}.yaml`), 'utf8');
const providerOf = { bes: 'blackberry', bbm: 'blackberry', imessage: 'apple' } as const;

describe('bes: customer-held keys', () => {
  const yaml = catalog('bes');

  it('content by design: the user and the enterprise', () => {
    expect(ids(kind(ask(yaml, 'lawful-request')).byDesign)).toEqual(['user', 'enterprise']);
  });

  it('lawful request: readable via the enterprise; BlackBerry holds only ciphertext', () => {
    const c = kind(ask(yaml, 'lawful-request'));
    expect(c.authority.canRead).toBe(true);
    expect(sets(c.authority.ways)).toEqual([['enterprise']]);
    const sealed = c.authority.whyNot.find((w) => w.form === 'message-in-transit');
    expect(sealed?.missing.map((m) => [m.key, ids(m.holders)])).toEqual([['device-key', ['user', 'enterprise']]]);
  });

  it('blanket order: not readable; BlackBerry refused; remaining: the enterprise', () => {
    const c = kind(ask(yaml, 'blanket-order'));
    expect(c.authority.canRead).toBe(false);
    expect(c.authority.ways).toEqual([]);
    expect(sets(c.authority.remaining)).toEqual([['enterprise']]);
    expect(c.stances.map((s) => [s.party, s.position])).toEqual([['blackberry', 'refuse']]);
  });
});

describe('bbm: one global key in every handset', () => {
  const yaml = catalog('bbm');

  it('content by design: users and BlackBerry', () => {
    const d = ids(kind(ask(yaml, 'lawful-request')).byDesign);
    expect(d).toContain('user');
    expect(d).toContain('blackberry');
    expect(d).not.toContain('public');
  });

  it.each(['lawful-request', 'blanket-order'])('%s: readable via BlackBerry, or via the carrier alone', (scenario) => {
    const c = kind(ask(yaml, scenario));
    expect(c.authority.canRead).toBe(true);
    expect(sets(c.authority.ways)).toEqual([['blackberry'], ['carrier']]);
  });

  it('the global key is held by public, so the authority starts with it', () => {
    const c = kind(ask(yaml, 'blanket-order'));
    expect(c.authority.ways.flatMap((w) => w.parties).map((p) => p.kind)).not.toContain('public');
  });
});

describe('imessage: end to end, but the default iCloud Backup is within Apple’s reach', () => {
  const yaml = catalog('imessage');

  it('content by design: users, and Apple through the backup', () => {
    expect(ids(kind(ask(yaml, 'lawful-request')).byDesign)).toEqual(['user', 'apple']);
  });

  it.each(['lawful-request', 'blanket-order'])('%s: readable via Apple through the iCloud backup; transit stays sealed', (scenario) => {
    const c = kind(ask(yaml, scenario));
    expect(sets(c.authority.ways)).toEqual([['apple']]);
    expect(c.authority.readable.map((r) => r.place)).toContain('backup');
    expect(c.authority.whyNot.map((w) => w.place)).toContain('transit');
  });

  it.each(['lawful-request', 'blanket-order'])('adp, %s: not readable, Apple holds only ciphertext', (scenario) => {
    const c = kind(ask(yaml, scenario, 'adp'));
    expect(ids(c.byDesign)).toEqual(['user']);
    expect(c.authority.canRead).toBe(false);
    expect(c.authority.remaining).toEqual([]);
    expect(c.authority.whyNot.map((w) => w.place)).toContain('backup');
  });

  it.each(['lawful-request', 'blanket-order'])('no-backup, %s: not readable', (scenario) => {
    expect(kind(ask(yaml, scenario, 'no-backup')).authority.canRead).toBe(false);
  });
});

describe('metadata: the provider sees routing or lookup data in plaintext', () => {
  it.each([
    ['bes', undefined],
    ['bbm', undefined],
    ['imessage', undefined],
    ['imessage', 'adp'],
  ] as const)('%s%s: readable via the provider under both scenarios', (id, variant) => {
    for (const scenario of ['lawful-request', 'blanket-order']) {
      const m = kind(ask(catalog(id), scenario, variant), 'metadata');
      expect(m.authority.canRead).toBe(true);
      expect(sets(m.authority.ways)).toContainEqual([providerOf[id]]);
    }
  });
});
