/**
 * Composing a conversation (MODEL.md section 7), rule by rule, on small
 * profiles: what is copied per participant, what is shared, where each
 * reference of a copy points, and what two participants may not disagree on.
 */
import { describe, expect, it } from 'vitest';
import { composeConversation, MAX_PARTICIPANTS, type ConversationProblem } from '../../src/model/conversation.js';
import type { LoadedProfile } from '../../src/model/load.js';
import type { Profile } from '../../src/model/profile.js';
import { load, profile } from '../helpers.js';

/** The conversation of these settings of one loaded profile (`-` for the base). */
function compose(loaded: LoadedProfile, ...settings: string[]) {
  const participants = settings.map((s) => {
    const p = s === '-' ? loaded.base : loaded.variants.get(s);
    if (!p) throw new Error(`no variant ${s}`);
    return { profile: p, base: loaded.base, file: null };
  });
  return composeConversation(participants);
}

function composed(loaded: LoadedProfile, ...settings: string[]): Profile {
  const c = compose(loaded, ...settings);
  if (!c.profile) throw new Error(JSON.stringify(c.problems));
  return c.profile;
}

const partyOf = (p: Profile, id: string) => p.parties.find((x) => x.id === id)!;
const keyOf = (p: Profile, id: string) => p.keys.find((x) => x.id === id)!;
const formOf = (p: Profile, id: string) => p.forms.find((x) => x.id === id)!;

/** A chat with devices, a provider, a carrier and a cloud drive; a variant that seals the backup with the user's own key. */
const CHAT = load(
  profile(`parties:
  user: { kind: user, name: Phones, code_from: { party: vendor } }
  vendor: { kind: provider, name: Vendor, jurisdictions: [us], stance: { lawful-request: { position: comply } } }
  carrier: { kind: network }
  drive: { kind: host, name: Cloud drive }
keys:
  device-key: { held_by: [user], directory: { party: vendor, detected_by: [user] } }
  tls: { held_by: [user, vendor], retention: passing }
  drive-key: { held_by: [drive] }
data:
  on-phone: { kind: content, place: device, seen_by: [user] }
  in-transit: { kind: content, place: transit, seen_by: [vendor, carrier], encrypted_with: [device-key, tls] }
  backup: { kind: content, place: backup, seen_by: [drive], encrypted_with: [drive-key] }
  logs: { kind: metadata, place: server, seen_by: [vendor] }
  drafts: { kind: content, seen_by: [user, drive] }
variants:
  sealed-backup:
    summary: The backup is sealed with a key only the user holds.
    keys:
      backup-key: { held_by: [user] }
    data:
      backup: { encrypted_with: [drive-key, backup-key] }
`),
);

describe('per participant: one copy each', () => {
  const p = composed(CHAT, '-', '-');

  it('parties of kind user and host, next to each other where the profile lists them; others once', () => {
    expect(p.parties.map((x) => x.id)).toEqual(['user#1', 'user#2', 'vendor', 'carrier', 'drive#1', 'drive#2']);
    expect(partyOf(p, 'drive#2').copy).toEqual({ of: 'drive', participant: 2 });
    expect(partyOf(p, 'vendor').copy).toBeUndefined();
  });

  it('keys a user party holds; a key only a host holds is shared, held by every participant\'s copy of the host', () => {
    expect(p.keys.map((x) => x.id)).toEqual(['device-key#1', 'device-key#2', 'tls#1', 'tls#2', 'drive-key']);
    expect(keyOf(p, 'tls#2').heldBy).toEqual(['user#2', 'vendor']);
    expect(keyOf(p, 'drive-key').heldBy).toEqual(['drive#1', 'drive#2']);
  });

  it('forms on a device or in a backup, and forms only per-participant parties see, each pointing at its own participant\'s copies', () => {
    expect(formOf(p, 'on-phone#2').seenBy).toEqual(['user#2']);
    expect(formOf(p, 'backup#2')).toMatchObject({ seenBy: ['drive#2'], encryptedWith: ['drive-key'], copy: { of: 'backup', participant: 2 } });
    expect(formOf(p, 'drafts#1').seenBy).toEqual(['user#1', 'drive#1']);
    expect(formOf(p, 'logs')).toMatchObject({ seenBy: ['vendor'] });
  });

  it('a shared form sealed with a per-participant key: one copy per participant, each sealed with that participant\'s key', () => {
    expect(p.forms.filter((f) => f.copy?.of === 'in-transit').map((f) => [f.id, f.seenBy, f.encryptedWith])).toEqual([
      ['in-transit#1', ['vendor', 'carrier'], ['device-key#1', 'tls#1']],
      ['in-transit#2', ['vendor', 'carrier'], ['device-key#2', 'tls#2']],
    ]);
  });

  it('controls, stances, retention and jurisdictions carry through, a copy\'s control naming its own participant\'s parties', () => {
    expect(partyOf(p, 'user#2').codeFrom?.party).toBe('vendor');
    expect(keyOf(p, 'device-key#2').directory).toMatchObject({ party: 'vendor', detectedBy: ['user'] });
    expect(keyOf(p, 'tls#1').retention).toBe('passing');
    expect(partyOf(p, 'vendor')).toMatchObject({ jurisdictions: ['us'], stance: new Map([['lawful-request', { position: 'comply', note: null, sources: [], verified: true }]]) });
    expect(p.participants?.map((x) => x.profile.id)).toEqual(['fixture', 'fixture']);
  });

  it('a setting only one participant has adds its own copies to that participant\'s side', () => {
    const q = composed(CHAT, 'sealed-backup', '-');
    expect(q.keys.map((x) => x.id)).toContain('backup-key#1');
    expect(q.keys.map((x) => x.id)).not.toContain('backup-key#2');
    expect(formOf(q, 'backup#1').encryptedWith).toEqual(['drive-key', 'backup-key#1']);
    expect(formOf(q, 'backup#2').encryptedWith).toEqual(['drive-key']);
  });
});

describe('per_participant says otherwise', () => {
  const OVERRIDES = load(
    profile(`parties:
  user: { kind: user }
  admin: { kind: customer, per_participant: true }
  drive: { kind: host, per_participant: false }
  vendor: { kind: provider }
keys:
  k: { held_by: [user], per_participant: false }
  team-key: { held_by: [admin] }
  server-key: { held_by: [vendor], per_participant: true }
data:
  on-phone: { kind: content, place: device, seen_by: [user], per_participant: false }
  mailbox: { kind: content, place: server, seen_by: [vendor], per_participant: true, encrypted_with: [server-key] }
  archive: { kind: content, place: server, seen_by: [admin] }
  sealed: { kind: content, place: server, seen_by: [vendor], encrypted_with: [k] }
`),
  );
  const p = composed(OVERRIDES, '-', '-');

  it('on a party', () => {
    expect(p.parties.map((x) => x.id)).toEqual(['user#1', 'user#2', 'admin#1', 'admin#2', 'drive', 'vendor']);
  });

  it('on a key: a user\'s key shared, held by every participant', () => {
    expect(keyOf(p, 'k').heldBy).toEqual(['user#1', 'user#2']);
    expect(keyOf(p, 'server-key#2').heldBy).toEqual(['vendor']);
    expect(p.keys.map((x) => x.id)).toContain('team-key');
  });

  it('on a form; a form only per-participant parties see is copied without being told', () => {
    expect(formOf(p, 'on-phone').seenBy).toEqual(['user#1', 'user#2']);
    expect(formOf(p, 'mailbox#2')).toMatchObject({ seenBy: ['vendor'], encryptedWith: ['server-key#2'] });
    expect(formOf(p, 'archive#1').seenBy).toEqual(['admin#1']);
    expect(p.forms.filter((f) => f.copy?.of === 'sealed')).toEqual([]);
    expect(formOf(p, 'sealed').encryptedWith).toEqual(['k']);
  });
});

describe('shared elements', () => {
  const SHARED = load(
    profile(`parties:
  user: { kind: user }
  vendor: { kind: provider }
  carrier: { kind: network }
keys:
  group-key: { held_by: [vendor], per_participant: false }
data:
  room: { kind: content, place: server, seen_by: [vendor], encrypted_with: [group-key] }
  routing: { kind: metadata, place: transit, seen_by: [vendor, carrier] }
variants:
  escrow:
    summary: The carrier holds the group key too.
    keys:
      group-key: { held_by: [vendor, carrier] }
  renamed:
    summary: The vendor goes by another name.
    parties:
      vendor: { name: Other vendor }
  rerouted:
    summary: Routing goes through the carrier only.
    data:
      routing: { seen_by: [carrier] }
  noted:
    summary: Only the prose changes.
    data:
      routing: { note: Seen in passing. }
`),
  );

  it('a shared key\'s holders are the union of every participant\'s', () => {
    expect(keyOf(composed(SHARED, '-', 'escrow'), 'group-key').heldBy).toEqual(['vendor', 'carrier']);
    expect(keyOf(composed(SHARED, 'escrow', '-'), 'group-key').heldBy).toEqual(['vendor', 'carrier']);
  });

  it('a shared element two settings define differently is a problem naming both participants and the field', () => {
    expect(compose(SHARED, '-', '-', 'renamed').problems).toEqual<ConversationProblem[]>([
      { code: 'shared-differs', section: 'parties', id: 'vendor', field: 'name', participants: [1, 3] },
    ]);
    expect(compose(SHARED, 'rerouted', '-').problems).toEqual<ConversationProblem[]>([
      { code: 'shared-differs', section: 'data', id: 'routing', field: 'seen_by', participants: [1, 2] },
    ]);
  });

  it('prose no answer shows (a note) may differ: the first participant\'s is kept', () => {
    const p = composed(SHARED, 'noted', '-');
    expect(formOf(p, 'routing').note).toBe('Seen in passing.');
  });
});

describe('conversations that are not', () => {
  it('a conversation of one is the participant\'s profile, marked with its participant', () => {
    const p = composed(CHAT, 'sealed-backup');
    const alone = CHAT.variants.get('sealed-backup')!;
    expect({ ...p, participants: undefined }).toEqual({ ...alone, participants: undefined });
    expect(p.parties).toBe(alone.parties);
    expect(p.participants).toHaveLength(1);
  });

  it('every participant names the same service', () => {
    const other = load(profile('parties:\n  user: { kind: user }\nkeys: {}\ndata: {}\n', 'other'));
    const c = composeConversation([CHAT.base, other.base, CHAT.base].map((p) => ({ profile: p, base: p, file: null })));
    expect(c.problems).toEqual([{ code: 'mixed-services', participant: 2, service: 'other', first: 'fixture' }]);
  });

  it(`at most ${MAX_PARTICIPANTS} participants, and at least one`, () => {
    const many = Array.from({ length: MAX_PARTICIPANTS + 1 }, () => ({ profile: CHAT.base, base: CHAT.base, file: null }));
    expect(composeConversation(many).problems).toEqual([{ code: 'too-many-participants', count: 33, limit: 32 }]);
    expect(composeConversation(many.slice(1)).profile?.parties).toHaveLength(2 * 32 + 2);
    expect(composeConversation([]).problems).toEqual([{ code: 'no-participants' }]);
  });
});
