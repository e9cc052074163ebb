/**
 * MODEL.md section 7 on the catalog: a conversation is only as private as
 * its weakest participant, and every answer says whose side a way in goes
 * through. From the profiles, with no special case.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/engine/answer-types.js';
import { analyse, answer } from '../../src/engine/answer.js';
import { diffProfiles } from '../../src/engine/diff.js';
import { applyPolicy } from '../../src/engine/policy.js';
import type { Profile } from '../../src/model/profile.js';
import { DEFAULT_ORDERS, INSTRUMENTS, JURISDICTIONS, ORDERS, kind, order } from '../helpers.js';
import { catalog, conversation } from './catalog.js';

const askAll = (p: Profile, orders = DEFAULT_ORDERS): Answer[] => {
  const analysis = analyse(p);
  return orders.map((o) => answer(analysis, o, { jurisdictions: JURISDICTIONS }));
};
/** A way in as `party` or `party#participant`, with what it yields the same way. */
const way = (w: { parties: { party: string; participant?: number }[]; reads: { form: string; participant?: number }[] }) =>
  `${w.parties.map((p) => (p.participant ? `${p.party}#${p.participant}` : p.party)).join('+')}: ${w.reads.map((r) => (r.participant ? `${r.form}#${r.participant}` : r.form)).join(', ')}`;

describe('imessage: one participant with Advanced Data Protection, one with the default iCloud Backup', () => {
  it('content is readable via Apple, through the default participant\'s backup, under both default orders', () => {
    for (const a of askAll(conversation('imessage@adp+imessage'))) {
      const c = kind(a);
      expect(c.authority.canRead, a.order).toBe(true);
      expect(c.authority.ways.map(way)).toEqual(['apple: messages-in-icloud#2, icloud-backup#2']);
    }
  });

  it('the answer names the participants, and each party and form whose copy it is', () => {
    const [a] = askAll(conversation('imessage@adp+imessage'));
    expect(a!.participants).toEqual([
      { service: 'imessage', variant: 'adp', file: null },
      { service: 'imessage', variant: null, file: null },
    ]);
    expect([a!.service, a!.variant, a!.file]).toEqual(['imessage', null, null]);
    const c = kind(a!);
    expect(c.byDesign).toEqual([
      { party: 'user', kind: 'user', participant: 1 },
      { party: 'user', kind: 'user', participant: 2 },
      { party: 'apple', kind: 'provider' },
    ]);
    expect(c.authority.ways[0]!.parties[0]).not.toHaveProperty('participant');
    expect(c.authority.whyNot.find((w) => w.form === 'icloud-backup')).toEqual({
      form: 'icloud-backup',
      place: 'backup',
      participant: 1,
      missing: [{ key: 'backup-key', participant: 1, holders: [{ party: 'user', kind: 'user', participant: 1 }] }],
    });
  });

  it('both with Advanced Data Protection: not readable, and only the users hold the way in', () => {
    const answers = askAll(conversation('imessage@adp+imessage@adp'));
    for (const a of answers) expect([kind(a).authority.canRead, kind(a).authority.lastResort]).toEqual([false, 'ban']);
    expect(answers[0]!.variant).toBe('adp');
  });

  it('diff: the default participant is the weakest link, a regression', () => {
    const d = diffProfiles(conversation('imessage@adp+imessage@adp'), conversation('imessage@adp+imessage'), DEFAULT_ORDERS);
    expect(d.regression).toBe(true);
    expect(d.changes.filter((c) => c.regression).map((c) => `${c.order} ${c.field}`)).toEqual([
      'by-design byDesign',
      'lawful-request canRead',
      'lawful-request ways',
      'blanket-order canRead',
      'blanket-order ways',
    ]);
    expect(diffProfiles(conversation('imessage@adp+imessage'), conversation('imessage@adp+imessage@adp'), DEFAULT_ORDERS).regression).toBe(false);
  });

  it('an order for one named account reaches every participant\'s side: the correspondent\'s copy is within reach', () => {
    const a = answer(analyse(conversation('imessage@adp+imessage')), order('lawful-request'));
    expect(order('lawful-request').scope).toBe('account');
    expect(kind(a).authority.readable.map((r) => `${r.form}#${r.participant}`)).toEqual(['messages-in-icloud#2', 'icloud-backup#2']);
  });
});

describe('whatsapp: one participant backs up end to end encrypted, one does not', () => {
  it('readable through the other participant\'s cloud drive', () => {
    for (const a of askAll(conversation('whatsapp@e2ee-backup+whatsapp'))) {
      expect(kind(a).authority.ways.map(way), a.order).toEqual(['cloud-drive#2: chat-backup#2']);
    }
  });

  it('both with end-to-end encrypted backups: not readable', () => {
    for (const a of askAll(conversation('whatsapp@e2ee-backup+whatsapp@e2ee-backup'))) expect(kind(a).authority.canRead, a.order).toBe(false);
  });

  it('a claim no source confirms is named once, however many copies rest on it', () => {
    const [a] = askAll(conversation('whatsapp+whatsapp+whatsapp'));
    expect(kind(a!).unverified.filter((u) => u === 'form:chat-backup')).toHaveLength(1);
  });
});

describe('under an order to build access', () => {
  const build = (name: string) => kind0(answer(analyse(conversation(name)), order('build-order')));
  const kind0 = (a: Answer) => a.data.find((d) => d.kind === 'content')!;
  const brief = (name: string) =>
    (build(name).builds ?? []).map((b) => `${b.party} ${b.action} ${b.target}${b.targetParticipant ? `#${b.targetParticipant}` : ''}: ${b.newly.map((f) => `${f.form}#${f.participant}`).join(', ')}`);

  it('each participant\'s setting can be withdrawn on its own, and reads that participant\'s side', () => {
    expect(brief('imessage@adp+imessage')).toContain('apple withdraw adp#1: messages-in-icloud#1, icloud-backup#1');
    expect(brief('imessage@adp+imessage').filter((b) => b.includes('withdraw'))).toHaveLength(1);
    expect(brief('imessage@adp+imessage@adp').filter((b) => b.includes('withdraw'))).toHaveLength(2);
  });

  it('a ghost key in one participant\'s directory entry reads what is sealed to that participant', () => {
    expect(brief('imessage+imessage')).toContain('apple ghost-key device-keys#2: message-in-transit#2, queued-messages#2');
  });
});

describe('check', () => {
  const rules = {
    file: 'p.yaml',
    description: null,
    rules: [{ id: 'sealed', description: 'Sealed.', severity: 'error' as const, order: 'blanket-order', data: 'content', forbid: 'authority-reads' as const, partyKinds: [], pos: { line: 1, col: 1 } }],
  };

  it('a finding at the participant\'s copy of the form, naming the conversation\'s participants', () => {
    const fs = applyPolicy(rules, [{ profile: conversation('imessage@adp+imessage') }], { orders: ORDERS, answered: DEFAULT_ORDERS });
    expect(fs.map((f) => [f.path, f.args.form, f.args.ways, f.participants?.map((p) => p.variant)])).toEqual([
      ['data.messages-in-icloud', 'messages-in-icloud#2', [['apple']], ['adp', null]],
      ['data.icloud-backup', 'icloud-backup#2', [['apple']], ['adp', null]],
    ]);
    expect(fs[1]!.line).toBe(catalog('imessage').base.forms.find((f) => f.id === 'icloud-backup')!.pos.line);
  });
});

describe('in a jurisdiction', () => {
  it('an instrument compels each participant\'s host where it answers there, as the service alone', () => {
    const uk = INSTRUMENTS.filter((o) => o.jurisdiction === 'uk' && !o.reaches.includes('build'));
    const alone = askAll(catalog('whatsapp').base, uk).map((a) => kind(a).authority.canRead);
    const two = askAll(conversation('whatsapp+whatsapp'), uk).map((a) => kind(a).authority.canRead);
    expect(two).toEqual(alone);
  });
});

describe('a group of 32', () => {
  it('is composed in proportion to its participants, and answered within a bounded search', () => {
    const alone = catalog('whatsapp').base;
    const group = conversation(Array.from({ length: 32 }, () => 'whatsapp').join('+'));
    // user and cloud-drive per participant; device-keys and drive-key (per_participant: each user's own drive) per participant;
    // on-device, message-in-transit and chat-backup per participant.
    expect([group.parties.length, group.keys.length, group.forms.length]).toEqual([32 * 2 + 2, 32 * 2, 32 * 3 + 4]);
    expect(alone.forms.length).toBe(7);
    const work = { steps: 0 };
    const analysis = analyse(group);
    for (const o of DEFAULT_ORDERS) expect(kind(answer(analysis, o, { work })).authority.ways).toHaveLength(32);
    // The steps its searches took (71,696 when written): a regression to a search that grows faster shows here, not as time.
    expect(work.steps).toBeLessThan(100_000);
  });
});
