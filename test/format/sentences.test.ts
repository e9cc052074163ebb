/**
 * The sentences every people-facing format builds its cells from
 * (src/format/text.ts): what is left where nothing is readable, by names
 * from the profile.
 */
import { describe, expect, it } from 'vitest';
import { analyse, answer } from '../../src/engine/answer.js';
import { buildLine, kindLines, lastResortLine, namer, notesWritten, withNotes } from '../../src/format/text.js';
import { ask, kind, load, makeOrder, profile } from '../helpers.js';

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
    const noted = withNotes(k, lines, namer(p));
    expect(noted.lines.map((l) => [l.text, l.notes.map((x) => x.text)])).toEqual([
      ['via Vendor (refuses): routing', ["Vendor's stance (refuses): Refused a national order."]],
      ['via Carrier: routing', []],
    ]);
    expect(noted.loose).toEqual([]);
  });

  it('written out, a stance\'s note comes once for the notes shown, whatever the kind', () => {
    const shown = new Set<string>();
    expect(notesWritten(k, lines, namer(p), shown).filter((l) => l.tag === 'note')).toHaveLength(1);
    expect(notesWritten(k, lines, namer(p), shown).filter((l) => l.tag === 'note')).toHaveLength(0);
  });
});
