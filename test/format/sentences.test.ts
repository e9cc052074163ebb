/**
 * The sentences every people-facing format builds its cells from
 * (src/format/text.ts): what is left where nothing is readable, which
 * stances stand on lines of their own, unverified claims, by names from the
 * profile.
 */
import { describe, expect, it } from 'vitest';
import { analyse, answer } from '../../src/engine/answer.js';
import { loadFormatter } from '../../src/format/registry.js';
import { buildLine, claimWords, kindLines, lastResortLine, namer, notesWritten, withNotes } from '../../src/format/text.js';
import { ask, kind, load, makeOrder, order, profile } from '../helpers.js';
import { answersView, fixture, fixtureProfile } from './views.js';

const text = profile(`parties:
  user: { kind: user, name: Users }
  vendor: { kind: provider, name: Vendor }
  org: { kind: customer, name: The customer }
keys:
  device: { held_by: [user, org] }
data:
  archive: { kind: content, place: server, retention: stored, seen_by: [vendor] }
  live: { kind: content, place: transit, retention: passing, seen_by: [vendor], encrypted_with: [device] }
  on-server: { kind: content, place: server, retention: stored, seen_by: [org] }
`);
const loaded = load(text);
const said = (fields: Parameters<typeof makeOrder>[0], profileText = loaded.base) => {
  const order = makeOrder(fields);
  const a = kind(answer(analyse(profileText), order));
  return lastResortLine(a.authority, namer(profileText), order, [order]);
};

describe('what is left, in words', () => {
  it('an order that does not cover the kind: an order that covers it would yield it', () => {
    expect(said({ id: 'meta-only', compels: ['provider'], data: ['metadata'] })).toBe(
      'another order would reach it: the same parties hold it, and an order that covered this kind of data would yield it',
    );
  });

  it('an order for live data only, where the record is what opens: an order for records kept would yield it', () => {
    const vendorOnly = load(text.replace('held_by: [user, org]', 'held_by: [user]').replace(/\n  on-server:.*\n/, '\n')).base;
    expect(said({ id: 'live-only', compels: ['provider'], reaches: ['live'] }, vendorOnly)).toBe(
      'another order would reach it: the same parties hold it, and an order that reached records kept would yield it',
    );
  });

  it('parties beyond reach by kind, named, and why', () => {
    const sealed = load(text.replace(/\n  archive:.*\n/, '\n')).base;
    expect(said({ id: 'providers', compels: ['provider'], scope: 'bulk' }, sealed)).toBe('beyond reach: The customer (a kind of party the order does not compel)');
  });

  it('a party beyond reach holding it where this order would not reach even from it: named, and why', () => {
    const abroad = load(text.replace('name: Vendor }', 'name: Vendor, jurisdictions: [us] }').replace('held_by: [user, org]', 'held_by: [user]').replace(/\n  on-server:.*\n/, '\n')).base;
    expect(said({ id: 'pk-live', compels: ['provider'], reaches: ['live'], jurisdiction: 'pk' }, abroad)).toBe(
      'beyond reach: Vendor (answers to us only) holds it, in a form this order does not reach',
    );
  });

  it('where only several beyond reach together hold it, and not within this order\'s reach: said without names', () => {
    const together = load(
      text
        .replace('name: Vendor }', 'name: Vendor, jurisdictions: [us] }')
        .replace('seen_by: [vendor] }', 'seen_by: [vendor], encrypted_with: [device] }')
        .replace(/\n  live:.*\n/, '\n')
        .replace(/\n  on-server:.*\n/, '\n'),
    ).base;
    expect(said({ id: 'pk-live', compels: ['provider'], reaches: ['live'], jurisdiction: 'pk' }, together)).toBe('beyond reach: parties the order does not compel hold it');
  });

  it('only the users: a ban', () => {
    const users = load(text.replace(/\n  archive:.*\n/, '\n').replace('held_by: [user, org]', 'held_by: [user]').replace(/\n  on-server:.*\n/, '\n')).base;
    expect(said({ id: 'providers', compels: ['provider', 'customer'] }, users)).toBe('only the users hold the way in: what is left is a ban');
  });
});

describe('a kind the order does not cover', () => {
  it('is said once, with what is left; its forms are not listed one by one (JSON keeps them)', () => {
    const order = makeOrder({ id: 'meta-only', compels: ['provider'], data: ['metadata'] });
    const a = kind(answer(analyse(loaded.base), order));
    expect(a.reached).toBe(false);
    expect(a.authority.unreached.map((u) => [u.form, u.why])).toEqual([
      ['archive', 'kind'],
      ['live', 'kind'],
    ]);
    expect(kindLines(a, namer(loaded.base), order, [order]).map((l) => l.tag)).toEqual(['rest']);
  });

  it('where the order covers the kind, what it leaves unreached is listed, and why', () => {
    const order = makeOrder({ id: 'records-only', compels: ['provider'], reaches: ['records'] });
    const lines = kindLines(kind(answer(analyse(loaded.base), order)), namer(loaded.base), order, [order]);
    expect(lines.filter((l) => l.tag === 'unreached').map((l) => l.text)).toEqual(['live not reached: it passes without being kept, and the order reaches only records']);
  });
});

describe('a setting withdrawn under an order to build access', () => {
  const backup = (label: string) =>
    profile(`parties:
  user: { kind: user, name: Users }
  vendor: { kind: provider, name: Vendor }
keys:
  backup-key: { held_by: [vendor] }
data:
  backup: { kind: content, place: backup, retention: stored, seen_by: [vendor], encrypted_with: [backup-key], name: Backup }
variants:
  sealed:
${label}    summary: The backup key is held by the user alone.
    withdrawable_by: { party: vendor, detected_by: [user] }
    keys:
      backup-key: { held_by: [user] }
`);
  const line = (text: string) => {
    const a = ask(text, 'build-order', 'sealed');
    const [b] = a.data[0]!.builds ?? [];
    return buildLine(b!, namer(load(text).variants.get('sealed')!));
  };

  it('reads only new data, and is named by the label the profile gives it', () => {
    expect(line(backup('    label: Sealed Backups\n'))).toBe('Vendor could withdraw the setting Sealed Backups for every account: then, for new data, reads Backup; could be noticed by Users');
  });

  it('is named by its id where the profile gives no label', () => {
    expect(line(backup(''))).toContain('could withdraw the setting sealed for every account: then, for new data, reads Backup');
  });
});

describe('the profile\'s notes beside the lines they explain', () => {
  const relay = profile(`parties:
  user: { kind: user, name: Users }
  vendor:
    kind: provider
    name: Vendor
    stance: { blanket-order: { position: refuse, note: Refused a national order. } }
  carrier: { kind: network, name: Carrier }
keys: {}
data:
  routing: { kind: metadata, place: transit, retention: passing, seen_by: [vendor, carrier] }
`);
  const p = load(relay).base;
  const o = makeOrder({ id: 'blanket-order', compels: ['provider', 'network'], scope: 'bulk', builtIn: true });
  const k = kind(answer(analyse(p), o), 'metadata');
  const lines = kindLines(k, namer(p), o, [o]);

  it('a stance\'s note goes with the line that shows the stance: its party\'s way in, not another', () => {
    expect(withNotes(k, lines, namer(p)).map((l) => [l.text, l.notes.map((x) => x.text)])).toEqual([
      ['via Vendor (refuses): routing', ["Vendor's stance (refuses): Refused a national order."]],
      ['via Carrier: routing', []],
    ]);
  });

  it('written out, a stance\'s note comes once for the notes shown, whatever the kind', () => {
    const shown = new Set<string>();
    expect(notesWritten(k, lines, namer(p), shown).filter((l) => l.tag === 'note')).toHaveLength(1);
    expect(notesWritten(k, lines, namer(p), shown).filter((l) => l.tag === 'note')).toHaveLength(0);
  });

  it('a stance shown beside the ways of a form its party reads only with others has its note there', () => {
    const text = fixture('relay').replace(
      'lawful-request: { position: comply, sources: [ceo-statement] }',
      'lawful-request: { position: comply, note: Hands over what it carries., sources: [ceo-statement] }',
    );
    const q = load(text).base;
    const o = order('lawful-request');
    const c = kind(answer(analyse(q), o), 'content');
    const noted = withNotes(c, kindLines(c, namer(q), o, [o]), namer(q));
    expect(noted.filter((l) => l.notes.length > 0).map((l) => [l.tag, l.notes.map((x) => x.text)])).toEqual([
      ['also', ["Relay operator's stance (complies): Hands over what it carries."]],
    ]);
  });

  it('a stance no line shows has no note: not beside a way in, nor on a line of its own, in the table or Markdown', async () => {
    const text = profile(`parties:
  user: { kind: user, name: Users }
  vendor: { kind: provider, name: Vendor }
  relay:
    kind: network
    name: Relay
    stance: { lawful-request: { position: comply, note: Hands over what it carries. } }
keys:
  device: { held_by: [user] }
data:
  archive: { kind: content, place: server, retention: stored, seen_by: [vendor] }
  live: { kind: content, place: transit, retention: passing, seen_by: [relay], encrypted_with: [device] }
`);
    const q = load(text).base;
    const o = order('lawful-request');
    const c = kind(answer(analyse(q), o), 'content');
    expect(c.stances.map((s) => s.party)).toEqual(['relay']);
    const shown = kindLines(c, namer(q), o, [o], true);
    expect(shown.map((l) => l.tag)).toContain('way');
    expect(notesWritten(c, shown, namer(q)).filter((l) => l.tag === 'note')).toEqual([]);
    const view = { services: [{ label: 'fixture', profile: q, file: null, answers: [answer(analyse(q), o)] }], orders: [o], jurisdictions: [] };
    for (const format of ['table', 'markdown'] as const) {
      expect((await loadFormatter(format)).ask(view, { color: false, width: 100 }), format).not.toContain('Hands over what it carries');
    }
  });
});

describe('stances on lines of their own', () => {
  // relay: under lawful-request the company is the way in, the relay (complies) in none; under blanket-order nothing is readable.
  const relay = fixtureProfile('relay');
  const linesOf = (orderId: string, data = 'content') => {
    const o = order(orderId);
    return kindLines(answer(analyse(relay), o).data.find((d) => d.kind === data)!, namer(relay), o, [o]);
  };

  it('where something is readable, a stance of a party in no way in is not shown: it has nothing to do with what is read', () => {
    const lines = linesOf('lawful-request');
    expect(lines.map((l) => l.tag)).toContain('way');
    expect(lines.filter((l) => l.tag === 'stance')).toEqual([]);
  });

  it('beside the way in of its party, where it belongs', () => {
    expect(linesOf('lawful-request', 'metadata').filter((l) => l.tag === 'way').map((l) => l.text)).toContain('via Relay operator (complies): routing');
  });

  it('beside a party that reads only with others, in the ways of the form it reads, with its sources', () => {
    expect(linesOf('lawful-request').filter((l) => l.tag === 'also')).toEqual([
      {
        tag: 'also',
        text: 'in-transit: via Company running the mail server + Relay operator (complies), or Company running the mail server + Mobile carrier',
        sources: ['ceo-statement'],
      },
    ]);
  });

  it('where nothing is readable, every stance, for it may say why', () => {
    expect(linesOf('blanket-order').filter((l) => l.tag === 'stance').map((l) => l.text)).toEqual(['Relay operator refuses']);
  });

  it('the table and Markdown say the same', async () => {
    for (const format of ['table', 'markdown'] as const) {
      const text = (await loadFormatter(format)).ask(answersView(['relay']), { color: false, width: 100 });
      expect(text, format).not.toContain('Relay operator complies');
      expect(text, format).toContain('Relay operator refuses');
    }
  });

  it('under an order to build access where no build yields the kind, every stance, in Markdown as in the table', async () => {
    const text = profile(`parties:
  user: { kind: user, name: Users }
  vendor: { kind: provider, name: Vendor, stance: { build-order: { position: refuse } } }
keys: {}
data:
  chat: { kind: content, place: device, seen_by: [user] }
  routing: { kind: metadata, place: transit, retention: passing, seen_by: [vendor] }
`);
    const p = load(text).base;
    const build = order('build-order');
    const view = { services: [{ label: 'fixture', profile: p, file: null, answers: [answer(analyse(p), build)] }], orders: [build], jurisdictions: [] };
    for (const format of ['table', 'markdown'] as const) {
      const out = (await loadFormatter(format)).ask(view, { color: false, width: 100 });
      expect(out, format).toContain('no build yields it');
      expect(out, format).toContain('stance: Vendor refuses');
    }
  });
});

describe('unverified claims, in words', () => {
  const p = load(
    profile(`parties:
  user: { kind: user, name: Users' phones, code_from: { party: vendor, sources: [s] } }
  vendor: { kind: provider, name: Vendor }
keys:
  device: { held_by: [user], name: Device keys, directory: { party: vendor, sources: [s] } }
data:
  backup: { kind: content, place: server, seen_by: [vendor], name: Chat backup }
  message: { kind: content, place: transit, retention: passing, seen_by: [user, vendor], encrypted_with: [device], name: Message, verified: false }
variants:
  locked: { summary: Locked., withdrawable_by: { party: vendor, sources: [s] } }
  sealed: { label: Sealed Backups, summary: Sealed., withdrawable_by: { party: vendor, sources: [s] } }
sources:
  s: { title: S, url: "https://example.com/s" }
`),
  ).base;
  const n = namer(p);

  it.each([
    ['form:backup', 'Chat backup'],
    ['key:device', 'Device keys'],
    ['party:vendor', 'Vendor'],
    ['retention:backup', 'retention of Chat backup'],
    ['variant:locked', 'the setting locked'],
    ['instrument:pk-crpc-94', 'the instrument pk-crpc-94'],
    ['jurisdiction:pk', 'the jurisdiction pk'],
    ['code_from:user', "who ships the software of Users' phones"],
    ['directory:device', 'who hands out the public keys of Device keys'],
    ['withdrawable_by:locked', 'who can withdraw the setting locked'],
    ['detection:code_from:user', "who could notice changed software shipped to Users' phones"],
    ['detection:directory:device', 'who could notice a ghost key in the directory of Device keys'],
    ['detection:withdrawable_by:locked', 'who could notice the setting locked withdrawn'],
    ['variant:sealed', 'the setting Sealed Backups'],
    ['withdrawable_by:sealed', 'who can withdraw the setting Sealed Backups'],
    ['detection:withdrawable_by:sealed', 'who could notice the setting Sealed Backups withdrawn'],
    ['something:new', 'something:new'],
  ])('%s: %s', (claim, words) => {
    expect(claimWords(claim, n)).toBe(words);
  });

  it('every claim the engine makes has its words: none is left a code', () => {
    const build = order('build-order');
    const claims = answer(analyse(p), build).data.flatMap((d) => d.unverified);
    expect(claims).toEqual(expect.arrayContaining(['form:message', 'detection:code_from:user', 'detection:directory:device']));
    for (const claim of claims) expect(claimWords(claim, n)).not.toMatch(/^[a-z_]+:/);
  });

  it('the table and Markdown show the words, JSON the codes', async () => {
    const view = answersView(['relay']);
    for (const format of ['table', 'markdown'] as const) {
      const text = (await loadFormatter(format)).ask(view, { color: false, width: 100 });
      expect(text, format).toContain('unverified: routing');
      expect(text, format).not.toContain('form:routing');
    }
    expect((await loadFormatter('json')).ask(view, { color: false, width: 100 })).toContain('"form:routing"');
  });
});
