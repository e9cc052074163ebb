/**
 * The rules of MODEL.md sections 2 and 3, one at a time, on small fixtures.
 */
import { describe, expect, it } from 'vitest';
import { analyse, answer } from '../../src/engine/answer.js';
import { ask, ids, kind, load, makeOrder, profile, scenario, sets } from '../helpers.js';

const PARTIES = `parties:
  user: { kind: user }
  org: { kind: customer }
  provider: { kind: provider }
  carrier: { kind: network }
  drive: { kind: host }
`;

describe('by design (section 2)', () => {
  it('a party reads a plaintext form it sees', () => {
    const a = ask(profile(`${PARTIES}keys: {}\ndata:\n  m: { kind: content, seen_by: [provider] }\n`), 'lawful-request');
    expect(ids(kind(a).byDesign)).toEqual(['provider']);
  });

  it('a party that sees a form but lacks its key does not read it', () => {
    const a = ask(
      profile(`${PARTIES}keys:\n  k: { held_by: [user] }\ndata:\n  m: { kind: content, seen_by: [user, provider], encrypted_with: [k] }\n`),
      'lawful-request',
    );
    expect(ids(kind(a).byDesign)).toEqual(['user']);
  });

  it('a party needs every layer: two layers of encryption', () => {
    const yaml = profile(`${PARTIES}keys:
  inner: { held_by: [user] }
  outer: { held_by: [user, provider] }
data:
  m: { kind: content, seen_by: [user, provider, carrier], encrypted_with: [outer, inner] }
`);
    const a = ask(yaml, 'lawful-request');
    expect(ids(kind(a).byDesign)).toEqual(['user']);
    expect(kind(a).authority.canRead).toBe(false);
    expect(kind(a).authority.whyNot).toEqual([
      { form: 'm', place: null, missing: [{ key: 'inner', holders: [{ party: 'user', kind: 'user' }] }] },
    ]);
  });

  it('a wrapped key: reading a form that contains a key reveals it', () => {
    const yaml = profile(`${PARTIES}keys:
  data-key: { held_by: [user] }
  wrapping-key: { held_by: [user, provider] }
data:
  wrapped: { kind: key-material, seen_by: [provider], encrypted_with: [wrapping-key], contains_keys: [data-key] }
  m: { kind: content, seen_by: [user, provider], encrypted_with: [data-key] }
`);
    const a = ask(yaml, 'blanket-order');
    expect(ids(kind(a).byDesign)).toEqual(['user', 'provider']);
    expect(kind(a).authority.canRead).toBe(true);
    expect(sets(kind(a).authority.ways)).toEqual([['provider']]);
  });

  it('keys locked inside each other stay locked to a party that holds neither', () => {
    const yaml = profile(`${PARTIES}keys:
  a: { held_by: [user] }
  b: { held_by: [user] }
data:
  box-a: { kind: content, seen_by: [provider], encrypted_with: [b], contains_keys: [a] }
  box-b: { kind: content, seen_by: [provider], encrypted_with: [a], contains_keys: [b] }
`);
    const a = ask(yaml, 'blanket-order');
    expect(ids(kind(a).byDesign)).toEqual([]);
    expect(kind(a).authority.canRead).toBe(false);
    expect(kind(a).authority.remaining).toEqual([]);
  });

  it('keys locked inside each other open for a party that holds one of them', () => {
    const yaml = profile(`${PARTIES}keys:
  a: { held_by: [provider] }
  b: { held_by: [user] }
data:
  box-a: { kind: content, seen_by: [provider], encrypted_with: [b], contains_keys: [a] }
  box-b: { kind: content, seen_by: [provider], encrypted_with: [a], contains_keys: [b] }
`);
    const a = ask(yaml, 'blanket-order');
    expect(ids(kind(a).byDesign)).toEqual(['provider']);
    expect(kind(a).authority.readable.map((r) => r.form)).toEqual(['box-a', 'box-b']);
  });

  it('a chain of wrapped keys is followed to the end (fixed point, not one step)', () => {
    const yaml = profile(`${PARTIES}keys:
  k1: { held_by: [provider] }
  k2: { held_by: [] }
  k3: { held_by: [] }
data:
  f1: { kind: keys, seen_by: [provider], encrypted_with: [k1], contains_keys: [k2] }
  f2: { kind: keys, seen_by: [provider], encrypted_with: [k2], contains_keys: [k3] }
  m: { kind: content, seen_by: [provider], encrypted_with: [k3] }
`);
    expect(ids(kind(ask(yaml, 'blanket-order')).byDesign)).toEqual(['provider']);
  });

  it('pooling: two parties read together what neither reads alone, but byDesign counts each on its own', () => {
    const yaml = profile(`${PARTIES}keys:
  k: { held_by: [org] }
data:
  m: { kind: content, seen_by: [provider], encrypted_with: [k] }
`);
    const a = ask(yaml, 'lawful-request');
    expect(ids(kind(a).byDesign)).toEqual([]);
    expect(sets(kind(a).authority.ways)).toEqual([['org', 'provider']]);
  });
});

describe('under an order (section 3)', () => {
  it('alternative ways in: every minimal set, by size then profile order', () => {
    const yaml = profile(`${PARTIES}keys:
  k: { held_by: [user, org, drive] }
data:
  server-copy: { kind: content, seen_by: [provider, carrier], encrypted_with: [k] }
  plain-copy: { kind: content, seen_by: [drive] }
`);
    const a = kind(ask(yaml, 'lawful-request')).authority;
    expect(a.canRead).toBe(true);
    expect(sets(a.ways)).toEqual([['drive'], ['org', 'provider'], ['org', 'carrier']]);
    expect(a.waysTotal).toBe(3);
  });

  it('a blanket order does not compel the customer: remaining names it', () => {
    const yaml = profile(`${PARTIES}keys:
  k: { held_by: [user, org] }
data:
  on-server: { kind: content, place: server, seen_by: [org] }
  in-transit: { kind: content, place: transit, seen_by: [provider, carrier], encrypted_with: [k] }
`);
    const lawful = kind(ask(yaml, 'lawful-request')).authority;
    expect(sets(lawful.ways)).toEqual([['org']]);
    const blanket = kind(ask(yaml, 'blanket-order')).authority;
    expect(blanket.canRead).toBe(false);
    expect(blanket.ways).toEqual([]);
    expect(blanket.waysTotal).toBe(0);
    expect(sets(blanket.remaining)).toEqual([['org']]);
  });

  it('remaining is empty where only users hold the way in', () => {
    const yaml = profile(`${PARTIES}keys:
  k: { held_by: [user] }
data:
  m: { kind: content, seen_by: [provider], encrypted_with: [k] }
`);
    const a = kind(ask(yaml, 'blanket-order')).authority;
    expect(a.canRead).toBe(false);
    expect(a.remaining).toEqual([]);
  });

  it('a key held by public or authority is the authority’s from the start: via is [[]] where it sees the form too', () => {
    const yaml = profile(`parties:
  user: { kind: user }
  provider: { kind: provider }
  everyone: { kind: public }
  agency: { kind: authority }
keys:
  global: { held_by: [user, everyone] }
data:
  tapped: { kind: content, seen_by: [agency], encrypted_with: [global] }
  relayed: { kind: content, seen_by: [provider], encrypted_with: [global] }
`);
    const a = kind(ask(yaml, 'blanket-order')).authority;
    expect(a.canRead).toBe(true);
    expect(sets(a.ways)).toEqual([[]]);
    expect(a.waysTotal).toBe(1);
  });

  it('a key held by public makes any one party that sees the ciphertext enough', () => {
    const yaml = profile(`parties:
  user: { kind: user }
  provider: { kind: provider }
  carrier: { kind: network }
  everyone: { kind: public }
keys:
  global: { held_by: [user, provider, everyone] }
data:
  m: { kind: content, seen_by: [provider, carrier], encrypted_with: [global] }
`);
    const a = kind(ask(yaml, 'blanket-order')).authority;
    expect(sets(a.ways)).toEqual([['provider'], ['carrier']]);
    // public and authority parties are never compelled, never in via or remaining
    expect(a.ways.flatMap((w) => w.parties).some((p) => p.kind === 'public')).toBe(false);
  });

  it('whyNot lists forms that stay sealed when handed over, even where another form opens', () => {
    const yaml = profile(`${PARTIES}keys:
  device: { held_by: [user] }
  backup-key: { held_by: [user, provider] }
data:
  in-transit: { kind: content, place: transit, seen_by: [provider, carrier], encrypted_with: [device] }
  backup: { kind: content, place: backup, seen_by: [provider], encrypted_with: [backup-key] }
`);
    const a = kind(ask(yaml, 'lawful-request')).authority;
    expect(a.canRead).toBe(true);
    expect(a.whyNot).toEqual([
      { form: 'in-transit', place: 'transit', missing: [{ key: 'device', holders: [{ party: 'user', kind: 'user' }] }] },
    ]);
    expect(a.readable.map(({ form, place }) => ({ form, place }))).toEqual([{ form: 'backup', place: 'backup' }]);
  });

  it('whyNot skips forms no compelled party has', () => {
    const yaml = profile(`${PARTIES}keys:
  k: { held_by: [user] }
data:
  local: { kind: content, place: device, seen_by: [user], encrypted_with: [k] }
`);
    expect(kind(ask(yaml, 'blanket-order')).authority.whyNot).toEqual([]);
  });

  it('a user-defined scenario that compels fewer kinds reads no more', () => {
    const loaded = load(
      profile(`${PARTIES}keys:
  k: { held_by: [org] }
data:
  m: { kind: content, seen_by: [provider], encrypted_with: [k] }
`),
    );
    const analysis = analyse(loaded.base);
    const providerOnly = { ...scenario('blanket-order'), id: 'provider-only', compels: ['provider' as const] };
    expect(kind(answer(analysis, providerOnly)).authority.canRead).toBe(false);
    expect(sets(kind(answer(analysis, providerOnly)).authority.remaining)).toEqual([['org']]);
  });

  it('stances sit beside the answer and never change it', () => {
    const yaml = profile(`parties:
  user: { kind: user }
  provider:
    kind: provider
    stance:
      blanket-order: { position: refuse }
keys: {}
data:
  m: { kind: content, seen_by: [provider] }
`);
    const c = kind(ask(yaml, 'blanket-order'));
    expect(c.authority.canRead).toBe(true);
    expect(c.stances).toEqual([{ party: 'provider', kind: 'provider', order: 'blanket-order', inheritedFrom: null, position: 'refuse', note: null, sources: [] }]);
    expect(kind(ask(yaml, 'lawful-request')).stances).toEqual([]);
    // The stance is beside the way it belongs to.
    expect(c.authority.ways[0]!.stances.map((s) => s.party)).toEqual(['provider']);
  });
});

describe('variants (section 1)', () => {
  const yaml = profile(`${PARTIES}keys:
  backup-key: { held_by: [user, provider] }
  device: { held_by: [user] }
data:
  in-transit: { kind: content, seen_by: [provider], encrypted_with: [device] }
  backup: { kind: content, seen_by: [provider], encrypted_with: [backup-key] }
  logs: { kind: metadata, seen_by: [provider] }
variants:
  e2ee:
    summary: Backup key held only by the user.
    keys:
      backup-key: { held_by: [user] }
  no-backup:
    summary: No backup.
    keys: { backup-key: null }
    data: { backup: null }
  extra:
    summary: Adds a party and a form.
    parties:
      agency: { kind: authority }
    data:
      tap: { kind: content, seen_by: [agency] }
`);

  it('lists replace: the backup key held only by the user seals the backup', () => {
    expect(kind(ask(yaml, 'lawful-request')).authority.canRead).toBe(true);
    expect(kind(ask(yaml, 'lawful-request', 'e2ee')).authority.canRead).toBe(false);
  });

  it('null deletes: the backup form and its key are gone', () => {
    const loaded = load(yaml);
    const p = loaded.variants.get('no-backup')!;
    expect(p.forms.map((f) => f.id)).toEqual(['in-transit', 'logs']);
    expect(p.keys.map((k) => k.id)).toEqual(['device']);
    expect(kind(ask(yaml, 'blanket-order', 'no-backup')).authority.canRead).toBe(false);
  });

  it('mappings merge: new parties and forms are added after the base ones', () => {
    const p = load(yaml).variants.get('extra')!;
    expect(p.parties.map((x) => x.id)).toEqual(['user', 'org', 'provider', 'carrier', 'drive', 'agency']);
    const a = kind(ask(yaml, 'blanket-order', 'extra')).authority;
    expect(sets(a.ways)).toEqual([[]]);
  });

  it('the answer names the variant, and the base profile is untouched', () => {
    expect(ask(yaml, 'lawful-request', 'e2ee').variant).toBe('e2ee');
    expect(ask(yaml, 'lawful-request').variant).toBeNull();
    expect(load(yaml).base.keys.find((k) => k.id === 'backup-key')!.heldBy).toEqual(['user', 'provider']);
  });
});

describe('the answer document (section 5)', () => {
  const yaml = profile(`as_of: 2020-01-02
parties:
  user: { kind: user, sources: [s1] }
  provider: { kind: provider, verified: false }
  bystander: { kind: network, sources: [s3] }
keys:
  k: { held_by: [user], sources: [s2] }
data:
  chat: { kind: content, seen_by: [provider], encrypted_with: [k] }
  contacts: { kind: contacts, seen_by: [provider] }
  ping: { kind: metadata, seen_by: [provider], verified: false }
sources:
  s3: { title: Three }
  s2: { title: Two }
  s1: { title: One }
`);

  it('kinds come content, metadata, subscriber, then others; the three standard ones always appear', () => {
    const a = ask(yaml, 'lawful-request');
    expect(a.data.map((d) => d.kind)).toEqual(['content', 'metadata', 'subscriber', 'contacts']);
    const bare = ask(profile('parties: { user: { kind: user } }\nkeys: {}\ndata:\n  x: { kind: calls, seen_by: [user] }\n'), 'lawful-request');
    expect(bare.data.map((d) => [d.kind, d.modelled])).toEqual([
      ['content', false],
      ['metadata', false],
      ['subscriber', false],
      ['calls', true],
    ]);
    expect(kind(bare).authority).toMatchObject({ canRead: false, ways: [], waysTotal: 0, remaining: [] });
  });

  it('sources and unverified name what the verdict rests on, in profile order', () => {
    const c = kind(ask(yaml, 'lawful-request'));
    expect(c.sources).toEqual(['s2', 's1']);
    // lawful-request reaches records and live data alike: how long a form is kept does not change it.
    expect(c.unverified).toEqual(['party:provider']);
    expect(kind(ask(yaml, 'lawful-request'), 'metadata').unverified).toEqual(['party:provider', 'form:ping']);
    // An order for records kept turns on it: a provider sees `chat` and `ping`, and neither says whether it is kept,
    // so each default is a claim no source made.
    const records = answer(analyse(load(yaml).base), makeOrder({ id: 'records-only', compels: ['provider'], reaches: ['records'] }));
    expect(kind(records).unverified).toEqual(['party:provider', 'retention:chat']);
    expect(kind(records, 'metadata').unverified).toEqual(['party:provider', 'form:ping', 'retention:ping']);
    const live = answer(analyse(load(yaml).base), makeOrder({ id: 'live-only', compels: ['provider'], reaches: ['live'] }));
    expect(kind(live).unverified).toEqual(['party:provider', 'retention:chat']);
  });

  it('carries service, variant, file, participants, order, jurisdiction, asOf and freshness', () => {
    const a = ask(yaml, 'blanket-order');
    expect({ ...a, data: undefined }).toEqual({
      service: 'fixture',
      variant: null,
      file: null,
      participants: null,
      order: 'blanket-order',
      jurisdiction: null,
      asOf: '2020-01-02',
      // No day given, no age: the engine never reads the clock.
      freshness: { measuredOn: null, ageDays: null, stale: false, status: 'active', discontinuedOn: null, statusNote: null },
      data: undefined,
      build: null,
    });
  });

  it('freshness: the age of the facts on the day handed in; over two years is stale, unless the service was discontinued', () => {
    const on = (today: string, text = yaml) => answer(analyse(load(text).base), scenario('lawful-request'), { today }).freshness;
    expect(on('2022-01-02')).toEqual({ measuredOn: '2022-01-02', ageDays: 731, stale: false, status: 'active', discontinuedOn: null, statusNote: null });
    expect(on('2022-01-03')).toMatchObject({ ageDays: 732, stale: true });
    // An as_of later than the day measured (a pinned SOURCE_DATE_EPOCH) is not stale.
    expect(on('2019-12-31')).toMatchObject({ ageDays: -2, stale: false });
    const gone = yaml.replace('as_of: 2020-01-02\n', 'as_of: 2020-01-02\nstatus: discontinued\ndiscontinued_on: 2021-06-30\n');
    expect(on('2030-01-01', gone)).toMatchObject({ stale: false, status: 'discontinued', discontinuedOn: '2021-06-30' });
    // A service no source says still runs is not history: old facts stay stale, and the answer carries why.
    const unsure = yaml.replace('as_of: 2020-01-02\n', 'as_of: 2020-01-02\nstatus: unconfirmed\nstatus_note: No source after 2020.\n');
    expect(on('2030-01-01', unsure)).toMatchObject({ stale: true, status: 'unconfirmed', statusNote: 'No source after 2020.' });
  });
});
