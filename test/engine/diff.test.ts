/**
 * What changes between two profiles' answers, and which changes are
 * regressions: someone gains a way to read.
 */
import { describe, expect, it } from 'vitest';
import { diffProfiles, type Change } from '../../src/engine/diff.js';
import { fixtureProfile } from '../format/views.js';
import { SCENARIOS, load, profile } from '../helpers.js';

const diff = (a: string, b: string) => diffProfiles(fixtureProfile(a), fixtureProfile(b), SCENARIOS);
const of = (yaml: string) => load(profile(yaml)).base;
const brief = (changes: Change[]) =>
  changes.map((c) => {
    const where = `${c.data ?? '-'} ${c.order} ${c.field}${c.regression ? ' REGRESSION' : ''}`;
    if (c.field === 'canRead' || c.field === 'lastResort') return `${where} ${c.from}->${c.to}`;
    if (c.field === 'stance') return `${where} ${c.party} ${c.from}->${c.to}`;
    if (c.field === 'yields') return `${where} ${c.parties.map((p) => p.party).join('+')} +[${c.added.map((f) => f.form).join(',')}] -[${c.removed.map((f) => f.form).join(',')}]`;
    if (c.field === 'builds') return `${where} +[${c.added.map((b) => `${b.party} ${b.action} ${b.target}`).join(',')}]`;
    const show = (x: unknown) => (Array.isArray(x) ? x.map((y) => (Array.isArray(y) ? y.map((r) => r.party).join('+') : (y.party ?? y.form))).join(',') : '');
    return `${where} +[${show(c.added)}] -[${show(c.removed)}]`;
  });

const PARTIES = `parties:
  user: { kind: user }
  vendor: { kind: provider }
  carrier: { kind: network }
  state: { kind: authority }
`;

describe('between a variant and its base', () => {
  it('escrowed backup key -> user-held: the provider stops reading; nothing is a regression', () => {
    const d = diff('cloud-backup', 'cloud-backup@e2ee');
    expect(brief(d.changes)).toEqual([
      'content by-design byDesign +[] -[vendor]',
      'content lawful-request canRead true->false',
      'content lawful-request ways +[] -[vendor]',
      'content lawful-request readable +[] -[history,backup]',
      'content blanket-order canRead true->false',
      'content blanket-order ways +[] -[vendor]',
      'content blanket-order readable +[] -[history,backup]',
    ]);
    expect(d.regression).toBe(false);
  });

  it('the other way round, every gain is a regression', () => {
    const d = diff('cloud-backup@e2ee', 'cloud-backup');
    expect(brief(d.changes).filter((c) => c.includes('REGRESSION'))).toEqual([
      'content by-design byDesign REGRESSION +[vendor] -[]',
      'content lawful-request canRead REGRESSION false->true',
      'content lawful-request ways REGRESSION +[vendor] -[]',
      'content blanket-order canRead REGRESSION false->true',
      'content blanket-order ways REGRESSION +[vendor] -[]',
    ]);
    expect(d.regression).toBe(true);
  });

  it('the same profile: no changes', () => {
    expect(diff('relay', 'relay')).toEqual({ kinds: ['content', 'metadata', 'subscriber'], changes: [], regression: false });
  });
});

describe('ways in', () => {
  const one = of(`${PARTIES}keys:\n  k: { held_by: [vendor] }\ndata:\n  m: { kind: content, seen_by: [vendor], encrypted_with: [k] }\n`);

  it('a way in that needs more parties than an old one is not a regression', () => {
    const harder = of(`${PARTIES}keys:\n  k: { held_by: [vendor] }\n  j: { held_by: [carrier] }\ndata:\n  m: { kind: content, seen_by: [vendor], encrypted_with: [k, j] }\n`);
    const d = diffProfiles(one, harder, SCENARIOS);
    expect(brief(d.changes)).toEqual([
      'content by-design byDesign +[] -[vendor]',
      'content lawful-request ways +[vendor+carrier] -[vendor]',
      'content blanket-order ways +[vendor+carrier] -[vendor]',
    ]);
    expect(d.regression).toBe(false);
  });

  it('a new, different way in is a regression, though the authority could already read', () => {
    const more = of(`${PARTIES}keys:\n  k: { held_by: [vendor] }\ndata:\n  m: { kind: content, seen_by: [vendor], encrypted_with: [k] }\n  copy: { kind: content, seen_by: [carrier] }\n`);
    const d = diffProfiles(one, more, SCENARIOS);
    expect(brief(d.changes)).toContain('content lawful-request ways REGRESSION +[carrier] -[]');
    expect(brief(d.changes)).toContain('content by-design byDesign REGRESSION +[carrier] -[]');
    expect(d.regression).toBe(true);
  });

  it('needing no one where someone was needed is a regression', () => {
    const tapped = of(`${PARTIES}keys:\n  k: { held_by: [vendor, state] }\ndata:\n  m: { kind: content, seen_by: [vendor, state], encrypted_with: [k] }\n`);
    expect(brief(diffProfiles(one, tapped, SCENARIOS).changes)).toEqual([
      'content by-design byDesign REGRESSION +[state] -[]',
      'content lawful-request ways REGRESSION +[] -[vendor]',
      'content blanket-order ways REGRESSION +[] -[vendor]',
    ]);
  });

  it('a form newly readable through the same ways is shown, not a regression', () => {
    const second = of(`${PARTIES}keys:\n  k: { held_by: [vendor] }\ndata:\n  m: { kind: content, seen_by: [vendor], encrypted_with: [k] }\n  n: { kind: content, seen_by: [vendor] }\n`);
    const d = diffProfiles(one, second, SCENARIOS);
    // The way is the same; what it yields grows by a form the old profile did not have: shown, not a regression.
    expect(brief(d.changes)).toEqual([
      'content lawful-request yields vendor +[n] -[]',
      'content lawful-request readable +[n] -[]',
      'content blanket-order yields vendor +[n] -[]',
      'content blanket-order readable +[n] -[]',
    ]);
    expect(d.regression).toBe(false);
  });

  it('a new data kind that someone reads is a regression', () => {
    const withContacts = of(`${PARTIES}keys:\n  k: { held_by: [vendor] }\ndata:\n  m: { kind: content, seen_by: [vendor], encrypted_with: [k] }\n  book: { kind: contacts, seen_by: [user] }\n`);
    const d = diffProfiles(one, withContacts, SCENARIOS);
    expect(d.kinds).toEqual(['content', 'metadata', 'subscriber', 'contacts']);
    expect(brief(d.changes)).toEqual(['contacts by-design byDesign REGRESSION +[user] -[]']);
  });
});

describe('stances', () => {
  it('are compared once per order, and are never a regression', () => {
    const before = of(`${PARTIES.replace('{ kind: provider }', '{ kind: provider, stance: { blanket-order: { position: refuse } } }')}keys: {}\ndata: {}\n`);
    const after = of(`${PARTIES.replace('{ kind: provider }', '{ kind: provider, stance: { blanket-order: { position: comply } } }')}keys: {}\ndata: {}\n`);
    const d = diffProfiles(before, after, SCENARIOS);
    expect(brief(d.changes)).toEqual(['- blanket-order stance vendor refuse->comply']);
    expect(d.regression).toBe(false);
  });
});
