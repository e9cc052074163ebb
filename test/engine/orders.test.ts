/**
 * Orders, model v2 (MODEL.md sections 3.1 to 3.4 and 6), rule by rule on
 * small profiles: records and live, the kinds an order covers, who is within
 * a jurisdiction's reach, what each way in yields, what is left where the
 * authority cannot read, inherited stances, and orders to build access.
 */
import { describe, expect, it } from 'vitest';
import { analyse, answer } from '../../src/engine/answer.js';
import type { Answer } from '../../src/engine/answer-types.js';
import { JURISDICTIONS, kind, load, makeOrder, order, profile, sets } from '../helpers.js';

const answerOf = (yaml: string, o: ReturnType<typeof makeOrder>, variant?: string): Answer => {
  const loaded = load(yaml);
  const p = variant ? loaded.variants.get(variant)! : loaded.base;
  return answer(analyse(p), o, { jurisdictions: JURISDICTIONS, base: loaded.base });
};
const forms = (refs: readonly { form: string }[]) => refs.map((r) => r.form);

/** A relay that keeps only who signed up and when they last connected, and passes everything else on. */
const RELAY = profile(`parties:
  user: { kind: user }
  relay: { kind: provider, jurisdictions: [us] }
  carrier: { kind: network }
keys:
  device: { held_by: [user] }
  tls: { held_by: [user, relay], retention: passing }
data:
  message: { kind: content, place: transit, retention: passing, seen_by: [relay, carrier], encrypted_with: [device, tls] }
  routing: { kind: metadata, place: transit, retention: passing, seen_by: [relay], encrypted_with: [tls] }
  account: { kind: subscriber, place: server, retention: stored, seen_by: [relay] }
`);

describe('records and live (3.1)', () => {
  it('a records-only order yields the records kept, and the passing forms are unreached', () => {
    const a = answerOf(RELAY, makeOrder({ id: 'records', compels: ['provider', 'network'], reaches: ['records'] }));
    expect(kind(a, 'subscriber').authority.canRead).toBe(true);
    const m = kind(a, 'metadata').authority;
    expect(m.canRead).toBe(false);
    expect(m.unreached).toEqual([{ form: 'routing', place: 'transit', why: 'retention', retention: 'passing' }]);
    expect(m.lastResort).toBe('another-order');
  });

  it('a live order yields what passes, with every key the party holds (stored or passing)', () => {
    const a = answerOf(RELAY, makeOrder({ id: 'live', compels: ['provider'], reaches: ['live'] }));
    const m = kind(a, 'metadata').authority;
    expect(m.canRead).toBe(true);
    expect(sets(m.ways)).toEqual([['relay']]);
    const s = kind(a, 'subscriber').authority;
    expect(s.canRead).toBe(false);
    expect(s.unreached).toEqual([{ form: 'account', place: 'server', why: 'retention', retention: 'stored' }]);
  });

  it('a session key that is never stored is no record: a records-only order does not hand it over', () => {
    const yaml = profile(`parties:
  user: { kind: user }
  relay: { kind: provider }
keys:
  session: { held_by: [user, relay], retention: passing }
data:
  log: { kind: metadata, place: server, retention: stored, seen_by: [relay], encrypted_with: [session] }
`);
    const records = kind(answerOf(yaml, makeOrder({ id: 'r', compels: ['provider'], reaches: ['records'] })), 'metadata').authority;
    expect(records.canRead).toBe(false);
    expect(records.whyNot.map((w) => w.missing.map((m) => m.key))).toEqual([['session']]);
    const both = kind(answerOf(yaml, makeOrder({ id: 'rl', compels: ['provider'], reaches: ['records', 'live'] })), 'metadata').authority;
    expect(both.canRead).toBe(true);
  });

  it('where no retention is written, the place decides, and a provider-seen form says so in unverified', () => {
    const yaml = profile(`parties:
  user: { kind: user }
  relay: { kind: provider }
keys: {}
data:
  hop: { kind: metadata, place: transit, seen_by: [relay] }
  logs: { kind: metadata, place: server, seen_by: [relay] }
`);
    const loaded = load(yaml);
    expect(loaded.base.forms.map((f) => [f.id, f.retention, f.retentionDefaulted])).toEqual([
      ['hop', 'passing', true],
      ['logs', 'stored', true],
    ]);
    const a = answerOf(yaml, makeOrder({ id: 'r', compels: ['provider'], reaches: ['records'] }));
    expect(forms(kind(a, 'metadata').authority.readable)).toEqual(['logs']);
    expect(kind(a, 'metadata').unverified).toEqual(['retention:hop', 'retention:logs']);
  });

  it('the issue\'s case: US records-only instruments yield the records kept; the relayed data only to live ones', () => {
    const subpoena = answerOf(RELAY, order('us-subpoena'));
    expect(kind(subpoena, 'subscriber').authority.canRead).toBe(true);
    expect(kind(subpoena, 'metadata').reached).toBe(false);
    const d = answerOf(RELAY, order('us-2703d'));
    expect(kind(d, 'subscriber').authority.canRead).toBe(true);
    expect(kind(d, 'metadata').authority.canRead).toBe(false);
    expect(kind(d, 'metadata').authority.unreached.map((u) => u.why)).toEqual(['retention']);
    const pen = answerOf(RELAY, order('us-pen-trap'));
    expect(kind(pen, 'metadata').authority.canRead).toBe(true);
    expect(kind(pen, 'content').reached).toBe(false);
    const warrant = answerOf(RELAY, order('us-sca-warrant'));
    expect(kind(warrant, 'content').authority.canRead).toBe(false);
    expect(kind(warrant, 'content').authority.unreached.map((u) => u.form)).toEqual(['message']);
  });
});

describe('data kinds an order covers (3.2)', () => {
  const yaml = profile(`kinds:
  call-media: { like: content }
parties:
  user: { kind: user }
  host: { kind: provider }
keys: {}
data:
  chat: { kind: content, place: server, retention: stored, seen_by: [host] }
  call: { kind: call-media, place: server, retention: stored, seen_by: [host] }
  ip: { kind: subscriber, place: server, retention: stored, seen_by: [host] }
`);

  it('a kind the order does not cover: reached false, every form a compelled party sees unreached by kind, nothing else', () => {
    const a = answerOf(yaml, makeOrder({ id: 'bsi', compels: ['provider'], data: ['subscriber'] }));
    const c = kind(a, 'content');
    expect(c.reached).toBe(false);
    expect(c.authority).toMatchObject({ canRead: false, ways: [], readable: [], whyNot: [], remaining: [], lastResort: 'another-order' });
    expect(c.authority.unreached).toEqual([{ form: 'chat', place: 'server', why: 'kind', retention: 'stored' }]);
    expect(kind(a, 'subscriber').authority.canRead).toBe(true);
  });

  it('a kind a profile adds counts as the standard kind it is like', () => {
    const a = answerOf(yaml, makeOrder({ id: 'content-only', compels: ['provider'], data: ['content'] }));
    expect(kind(a, 'call-media').reached).toBe(true);
    expect(kind(a, 'call-media').authority.canRead).toBe(true);
    expect(kind(answerOf(yaml, makeOrder({ id: 'meta', compels: ['provider'], data: ['metadata'] })), 'call-media').reached).toBe(false);
  });

  it('subscriber data is always in the answer, after content and metadata', () => {
    expect(answerOf(RELAY, makeOrder({ id: 'x', compels: ['provider'] })).data.map((d) => d.kind)).toEqual(['content', 'metadata', 'subscriber']);
  });
});

describe('jurisdictions and reach (3.3)', () => {
  const yaml = profile(`parties:
  user: { kind: user }
  vendor: { kind: provider, jurisdictions: [ca, us] }
  carrier: { kind: network }
keys:
  k: { held_by: [user, vendor] }
data:
  store: { kind: content, place: server, retention: stored, seen_by: [vendor], encrypted_with: [k] }
`);
  const pk = makeOrder({ id: 'pk-test', compels: ['provider', 'network'], jurisdiction: 'pk' });

  it('a provider that does not answer to the jurisdiction is never in a way in, and is in remaining, beyond by jurisdiction', () => {
    const c = kind(answerOf(yaml, pk)).authority;
    expect(c.canRead).toBe(false);
    expect(c.remaining).toEqual([
      { parties: [{ party: 'vendor', kind: 'provider', beyond: ['jurisdiction'], jurisdictions: ['ca', 'us'] }], reads: [{ form: 'store', place: 'server' }] },
    ]);
    expect(c.lastResort).toBe('beyond-reach');
  });

  it('adding the jurisdiction to its list puts it within reach; a party with no list is local to every order', () => {
    const within = kind(answerOf(yaml.replace('[ca, us]', '[ca, us, pk]'), pk)).authority;
    expect(sets(within.ways)).toEqual([['vendor']]);
    const local = kind(answerOf(yaml.replace('jurisdictions: [ca, us] ', ''), pk)).authority;
    expect(sets(local.ways)).toEqual([['vendor']]);
  });

  it('built-in orders compel every party of the kinds they list', () => {
    expect(sets(kind(answerOf(yaml, order('blanket-order'))).authority.ways)).toEqual([['vendor']]);
  });

  it('a party beyond by kind and by jurisdiction says both', () => {
    const customer = profile(`parties:
  user: { kind: user }
  org: { kind: customer, jurisdictions: [de] }
keys: {}
data:
  mail: { kind: content, place: server, retention: stored, seen_by: [org] }
`);
    const c = kind(answerOf(customer, pk)).authority;
    expect(c.remaining[0]!.parties[0]).toMatchObject({ party: 'org', beyond: ['kind', 'jurisdiction'] });
  });
});

describe('what an answer gives (3.4)', () => {
  // MODEL.md section 5's example: BES under a lawful request.
  const bes = profile(`parties:
  user: { kind: user }
  enterprise: { kind: customer }
  blackberry: { kind: provider, stance: { lawful-request: { position: comply } } }
  carrier: { kind: network }
keys:
  device-key: { held_by: [user, enterprise] }
data:
  on-device: { kind: content, place: device, seen_by: [user] }
  mail-on-server: { kind: content, place: server, retention: stored, seen_by: [enterprise] }
  message-in-transit: { kind: content, place: transit, retention: passing, seen_by: [blackberry, carrier], encrypted_with: [device-key] }
`);

  it('each way in with what it yields; each readable form with its own ways; so no form is lost', () => {
    const c = kind(answerOf(bes, order('lawful-request'))).authority;
    expect(c.ways).toEqual([{ parties: [{ party: 'enterprise', kind: 'customer' }], reads: [{ form: 'mail-on-server', place: 'server' }], stances: [] }]);
    expect(c.readable.map((r) => [r.form, sets(r.via)])).toEqual([
      ['mail-on-server', [['enterprise']]],
      ['message-in-transit', [['enterprise', 'blackberry'], ['enterprise', 'carrier']]],
    ]);
    expect(c.whyNot.map((w) => [w.form, w.missing.map((m) => [m.key, m.holders.map((h) => h.party)])])).toEqual([
      ['message-in-transit', [['device-key', ['user', 'enterprise']]]],
    ]);
    expect(c.lastResort).toBeNull();
  });

  it('a stance sits beside the way of its own party only', () => {
    const c = kind(answerOf(bes, order('lawful-request')));
    expect(c.authority.ways[0]!.stances).toEqual([]);
    expect(c.stances.map((s) => s.party)).toEqual(['blackberry']);
  });

  it('where only users hold the way in, what is left is a ban', () => {
    const e2e = profile(`parties:
  user: { kind: user }
  relay: { kind: provider }
keys:
  k: { held_by: [user] }
data:
  m: { kind: content, place: transit, retention: passing, seen_by: [relay], encrypted_with: [k] }
`);
    expect(kind(answerOf(e2e, order('blanket-order'))).authority.lastResort).toBe('ban');
  });

  // Issue 10: a Gmail-like provider keeps the metadata, answers to the US only, and the order reaches live data alone.
  const abroad = profile(`parties:
  user: { kind: user }
  mailer: { kind: provider, jurisdictions: [us] }
  carrier: { kind: network }
keys: {}
data:
  headers: { kind: metadata, place: server, retention: stored, seen_by: [mailer] }
`);
  const liveOnly = makeOrder({ id: 'pk-live', compels: ['provider', 'network'], reaches: ['live'], jurisdiction: 'pk' });

  it('a provider beyond reach that keeps the kind is what is left, even where the order would not reach its records: never a ban', () => {
    const m = kind(answerOf(abroad, liveOnly), 'metadata').authority;
    expect([m.canRead, m.remaining]).toEqual([false, []]);
    expect(m.lastResort).toBe('beyond-reach');
    expect(m.holdersBeyond).toEqual([{ party: 'mailer', kind: 'provider', beyond: ['jurisdiction'], jurisdictions: ['us'] }]);
  });

  it('a kind the order does not cover names the parties beyond reach that hold it the same way', () => {
    const m = kind(answerOf(abroad, makeOrder({ id: 'pk-content', compels: ['provider', 'network'], data: ['content'], jurisdiction: 'pk' })), 'metadata');
    expect(m.reached).toBe(false);
    expect([m.authority.lastResort, m.authority.holdersBeyond?.map((p) => p.party)]).toEqual(['beyond-reach', ['mailer']]);
  });

  it('names no holder beyond reach where remaining lists them, or where something else is left', () => {
    const listed = kind(answerOf(abroad, makeOrder({ id: 'pk-all', compels: ['provider', 'network'], jurisdiction: 'pk' })), 'metadata').authority;
    expect([listed.lastResort, 'holdersBeyond' in listed]).toEqual(['beyond-reach', false]);
    const kept = kind(answerOf(abroad.replace('seen_by: [mailer] }', 'seen_by: [mailer, carrier] }'), liveOnly), 'metadata').authority;
    expect([kept.lastResort, 'holdersBeyond' in kept]).toEqual(['another-order', false]);
  });

  it('the same compelled parties under another order come before parties beyond reach', () => {
    const kept = abroad.replace('seen_by: [mailer] }', 'seen_by: [mailer, carrier] }');
    expect(kind(answerOf(kept, liveOnly), 'metadata').authority.lastResort).toBe('another-order');
  });
});

describe('stances by order (3.4)', () => {
  const yaml = profile(`parties:
  user: { kind: user }
  vendor:
    kind: provider
    stance:
      lawful-request: { position: comply }
      blanket-order: { position: refuse }
      build-order: { position: refuse }
      us-nsl: { position: partial }
keys: {}
data:
  m: { kind: content, place: server, retention: stored, seen_by: [vendor] }
`);
  const stanceOf = (o: ReturnType<typeof makeOrder>) => kind(answerOf(yaml, o)).stances.map((s) => [s.position, s.inheritedFrom]);

  it('an instrument with no stance of its own inherits the built-in order it resembles, and says so', () => {
    expect(stanceOf(makeOrder({ id: 'acct', compels: ['provider'], scope: 'account', jurisdiction: 'us' }))).toEqual([['comply', 'lawful-request']]);
    expect(stanceOf(makeOrder({ id: 'bulk', compels: ['provider'], scope: 'bulk', jurisdiction: 'us' }))).toEqual([['refuse', 'blanket-order']]);
  });

  it('its own stance wins; a built-in order inherits nothing', () => {
    expect(stanceOf(order('us-nsl'))).toEqual([['partial', null]]);
    expect(stanceOf(order('lawful-request'))).toEqual([['comply', null]]);
  });

  it('an order to build access inherits build-order\'s', () => {
    const build = answerOf(yaml, order('uk-tcn'));
    expect(build.data[0]!.stances.map((s) => [s.position, s.inheritedFrom])).toEqual([['refuse', 'build-order']]);
  });
});

describe('orders to build access (6)', () => {
  const messenger = profile(`parties:
  user:
    kind: user
    code_from: { party: vendor, detected_by: [nobody], sources: [s] }
  vendor: { kind: provider, jurisdictions: [uk, us] }
keys:
  device:
    held_by: [user]
    directory: { party: vendor, detected_by: [user], sources: [s] }
data:
  on-phone: { kind: content, place: device, seen_by: [user] }
  in-transit: { kind: content, place: transit, retention: passing, seen_by: [vendor], encrypted_with: [device] }
  backup: { kind: content, place: backup, retention: stored, seen_by: [vendor] }
variants:
  e2ee-backup:
    summary: The backup is sealed with a key only the user holds.
    withdrawable_by: { party: vendor, detected_by: [user], sources: [s] }
    keys:
      backup-key: { held_by: [user] }
    data:
      backup: { encrypted_with: [backup-key] }
sources:
  s: { title: A source, url: "https://example.com", accessed: 2026-11-27 }
`);
  const builds = (a: Answer, k = 'content') => (a.data.find((d) => d.kind === k)!.builds ?? []).map((b) => `${b.party} ${b.action} ${b.target}: ${forms(b.newly).join(', ')} [${b.detectedBy?.join(' ') ?? '?'}]`);

  it('no data tier: nothing is handed over; each build says what it yields and who could notice', () => {
    const a = answerOf(messenger, order('build-order'), 'e2ee-backup');
    expect(a.data[0]!.authority).toBeNull();
    expect(builds(a)).toEqual([
      'vendor ghost-key device: in-transit [user]',
      'vendor code user: on-phone, in-transit, backup [nobody]',
      'vendor withdraw e2ee-backup: backup [user]',
    ]);
    expect(a.build).toEqual({ readsContent: true, undetectedContent: true, unknownDetection: false });
  });

  it('an order allows only what the law lets it demand', () => {
    const codeOnly = makeOrder({ id: 'code-only', compels: ['provider'], reaches: ['build'], allows: ['code'], scope: 'account' });
    expect(builds(answerOf(messenger, codeOnly, 'e2ee-backup'))).toEqual(['vendor code user: on-phone, in-transit, backup [nobody]']);
  });

  it('a build order of a jurisdiction the provider does not answer to builds nothing, and says what it cannot make the provider build', () => {
    const a = answerOf(messenger, order('pk-bes-build-2015'), 'e2ee-backup');
    expect(builds(a)).toEqual([]);
    // pk-bes-build-2015 allows code only; the vendor answers to uk and us.
    const beyond = a.data[0]!.buildsBeyondReach ?? [];
    expect(beyond.map((b) => `${b.party} ${b.action} ${b.target}: ${forms(b.newly).join(', ')} (${b.beyond.join(', ')}; answers to ${b.jurisdictions.join(', ')})`)).toEqual([
      'vendor code user: on-phone, in-transit, backup (jurisdiction; answers to uk, us)',
    ]);
    expect(a.build).toEqual({ readsContent: false, undetectedContent: false, unknownDetection: false });
  });

  it('a party the order does not compel by its kind is beyond reach by kind', () => {
    const networkOnly = makeOrder({ id: 'network-build', compels: ['network'], reaches: ['build'], allows: ['ghost-key', 'code', 'withdraw'], scope: 'bulk' });
    const a = answerOf(messenger, networkOnly);
    expect(builds(a)).toEqual([]);
    expect((a.data[0]!.buildsBeyondReach ?? []).map((b) => [b.party, b.action, b.beyond])).toEqual([
      ['vendor', 'ghost-key', ['kind']],
      ['vendor', 'code', ['kind']],
    ]);
  });

  it('under an order that hands data over, no builds are listed at all', () => {
    const a = answerOf(messenger, order('lawful-request'));
    expect(a.data[0]!.builds).toBeUndefined();
    expect(a.data[0]!.buildsBeyondReach).toBeUndefined();
  });

  it('a build never changes the answer to any other order', () => {
    const before = answerOf(messenger.replace(/\n    code_from:.*\n/, '\n').replace(/\n    directory:.*\n/, '\n'), order('lawful-request'));
    const after = answerOf(messenger, order('lawful-request'));
    expect(after).toEqual(before);
  });

  it('a customer running the server with clients from no provider: nothing for the provider to build', () => {
    const selfHosted = profile(`parties:
  user: { kind: user, code_from: { party: client-maker, detected_by: [public], sources: [s] } }
  org: { kind: customer }
  vendor: { kind: provider }
  client-maker: { kind: public, name: Open-source client developers }
keys:
  device: { held_by: [user], directory: { party: org, detected_by: [user], sources: [s] } }
data:
  on-server: { kind: content, place: server, retention: stored, seen_by: [org], encrypted_with: [device] }
sources:
  s: { title: A source, url: "https://example.com", accessed: 2026-11-27 }
`);
    expect(builds(answerOf(selfHosted, order('build-order')))).toEqual([]);
  });

  it('who could notice: absent is unknown, and listed as unverified', () => {
    const unknown = messenger.replace('directory: { party: vendor, detected_by: [user], sources: [s] }', 'directory: { party: vendor, sources: [s] }');
    const a = answerOf(unknown, order('build-order'));
    expect(builds(a)[0]).toBe('vendor ghost-key device: in-transit [?]');
    expect(a.data[0]!.unverified).toContain('detection:directory:device');
  });

  it('the profile\'s notes reach the answer: each build carries its control fact\'s note, each stance its own', () => {
    const noted = messenger
      .replace('directory: { party: vendor, detected_by: [user], sources: [s] }', 'directory: { party: vendor, detected_by: [user], note: Users who compare codes would see it., sources: [s] }')
      .replace('withdrawable_by: { party: vendor, detected_by: [user], sources: [s] }', 'withdrawable_by: { party: vendor, detected_by: [user], note: Users would see the setting turned off., sources: [s] }')
      .replace('vendor: { kind: provider, jurisdictions: [uk, us] }', 'vendor: { kind: provider, jurisdictions: [uk, us], stance: { build-order: { position: refuse, note: Said it would leave first., sources: [s] } } }');
    const a = answerOf(noted, order('uk-tcn'), 'e2ee-backup');
    const content = a.data[0]!;
    expect((content.builds ?? []).map((b) => [b.action, b.note])).toEqual([
      ['ghost-key', 'Users who compare codes would see it.'],
      ['code', null],
      ['withdraw', 'Users would see the setting turned off.'],
    ]);
    expect(content.stances.map((s) => [s.position, s.inheritedFrom, s.note])).toEqual([['refuse', 'build-order', 'Said it would leave first.']]);
    expect((content.builds ?? []).every((b) => b.stances[0]?.note === 'Said it would leave first.')).toBe(true);
    // The same stance, with its note, beside an order that hands data over.
    const lawful = answerOf(noted.replace('build-order: {', 'lawful-request: {'), order('lawful-request'));
    expect(lawful.data[0]!.stances.map((s) => s.note)).toEqual(['Said it would leave first.']);
  });

  it('the India traceability rule covers metadata only: no build is listed for content', () => {
    const a = answerOf(messenger, order('in-traceability'));
    expect(a.data.find((d) => d.kind === 'content')!.reached).toBe(false);
  });
});
