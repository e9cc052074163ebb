/**
 * MODEL.md section 4: the three seeds, derived by the engine from the
 * catalog's profiles, with no special case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTRUMENTS, ROOT, ask, ids, kind, sets } from '../helpers.js';

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

/**
 * MODEL.md section 4, in a jurisdiction: the 2015 story, from the profiles
 * and data/jurisdictions/pk.yaml, with no special case.
 */
describe('Pakistan, 2015 (keyholder ask bes bbm --in pk)', () => {
  const pk = INSTRUMENTS.filter((o) => o.jurisdiction === 'pk');
  const bulkLive = pk.filter((o) => o.scope === 'bulk' && o.reaches.includes('live') && o.compels.includes('network'));
  const recordsOnly = pk.filter((o) => o.reaches.length === 1 && o.reaches[0] === 'records' && (o.data === null || o.data.includes('content')));

  it('has the instruments the story needs: a bulk live one on the carriers, and a records-only one', () => {
    expect(bulkLive.length).toBeGreaterThan(0);
    expect(recordsOnly.length).toBeGreaterThan(0);
  });

  it.each(bulkLive.map((o) => o.id))('BES content under %s: not readable; remaining the enterprise, beyond by kind', (id) => {
    const c = kind(ask(catalog('bes'), id));
    expect(c.authority.canRead).toBe(false);
    expect(c.authority.remaining.map((r) => r.parties.map((p) => [p.party, p.beyond]))).toEqual([[['enterprise', ['kind']]]]);
    expect(c.authority.lastResort).toBe('beyond-reach');
  });

  it('BlackBerry\'s refusal is shown where the order reaches BlackBerry, inherited from blanket-order, and nowhere else', () => {
    const stances = (id: string) => kind(ask(catalog('bes'), id)).stances.map((s) => `${s.party} ${s.position} ${s.inheritedFrom ?? ''}`.trim());
    expect(stances('pk-pta-bes-directive-2015')).toEqual(['blackberry refuse blanket-order']);
    // Section 54 compels the carriers only: BlackBerry says nothing about an order that does not reach it.
    expect(stances('pk-s54-intercept')).toEqual([]);
  });

  it('whether any Pakistani instrument reaches the enterprise: one compels customers, one account at a time', () => {
    const onCustomers = pk.filter((o) => o.compels.includes('customer') && !o.reaches.includes('build'));
    expect(onCustomers.map((o) => o.scope)).not.toContain('bulk');
    for (const o of onCustomers) expect(sets(kind(ask(catalog('bes'), o.id)).authority.ways)).toEqual([['enterprise']]);
  });

  it.each(bulkLive.map((o) => o.id))('consumer BBM under %s: readable via the Pakistani carrier alone (the global key is public)', (id) => {
    const c = kind(ask(catalog('bbm'), id));
    expect(c.authority.canRead).toBe(true);
    expect(sets(c.authority.ways)).toContainEqual(['carrier']);
  });

  it.each(recordsOnly.map((o) => o.id))('consumer BBM under %s: what passed was not kept; another order, never a ban', (id) => {
    const c = kind(ask(catalog('bbm'), id));
    expect(c.authority.canRead).toBe(false);
    expect(c.authority.unreached.map((u) => u.why)).toContain('retention');
    expect(c.authority.lastResort).toBe('another-order');
  });

  it('Pakistan\'s demand that BlackBerry build access: it could only ship changed handset software; it refused', () => {
    const a = ask(catalog('bes'), 'pk-bes-build-2015');
    const content = a.data.find((d) => d.kind === 'content')!;
    expect(content.authority).toBeNull();
    expect((content.builds ?? []).map((b) => [b.party, b.action, b.target])).toEqual([['blackberry', 'code', 'user']]);
    expect(content.builds![0]!.stances.map((s) => s.position)).toEqual(['refuse']);
    expect(content.builds![0]!.newly.map((f) => f.form)).toContain('message-in-transit');
  });
});

describe('iMessage under the UK technical capability notice (uk-tcn)', () => {
  const builds = (variant?: string) =>
    (ask(catalog('imessage'), 'uk-tcn', variant).data.find((d) => d.kind === 'content')!.builds ?? []).map((b) => `${b.party} ${b.action} ${b.target}`);

  it('Apple could add a ghost device through its key directory, detectable with Contact Key Verification', () => {
    const a = ask(catalog('imessage'), 'uk-tcn');
    const ghost = a.data.find((d) => d.kind === 'content')!.builds!.find((b) => b.action === 'ghost-key')!;
    expect(ghost.party).toBe('apple');
    expect(ghost.detectedBy).toContain('user');
  });

  it('with ADP, Apple can withdraw it, and then reads for new data what it reads without ADP: the iCloud Backup', () => {
    expect(builds('adp')).toContain('apple withdraw adp');
    const withdraw = ask(catalog('imessage'), 'uk-tcn', 'adp').data.find((d) => d.kind === 'content')!.builds!.find((b) => b.action === 'withdraw')!;
    expect(withdraw.newly.map((f) => f.place)).toContain('backup');
  });

  it('a build never changes the answer to any other order', () => {
    expect(kind(ask(catalog('imessage'), 'lawful-request', 'adp')).authority.canRead).toBe(false);
  });
});
