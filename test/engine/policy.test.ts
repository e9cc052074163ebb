/**
 * Applying a policy: each rule's forbid on small fixtures, and findings that
 * point at the form (or claim) that breaks the rule.
 */
import { describe, expect, it } from 'vitest';
import { applyPolicy, subjectKey, subjectOf } from '../../src/engine/policy.js';
import { composeConversation } from '../../src/model/conversation.js';
import type { Policy, Rule } from '../../src/model/policy.js';
import type { Profile } from '../../src/model/profile.js';
import { failsAt } from '../../src/model/severity.js';
import { fixture } from '../format/views.js';
import { INSTRUMENTS, JURISDICTIONS, ORDERS, SCENARIOS, load, profile } from '../helpers.js';

const rule = (over: Partial<Rule>): Rule => ({
  id: 'r',
  description: 'A rule.',
  severity: 'error',
  order: 'blanket-order',
  data: 'content',
  forbid: 'authority-reads',
  partyKinds: [],
  pos: { line: 1, col: 1 },
  ...over,
});
const policy = (...rules: Partial<Rule>[]): Policy => ({ file: 'p.yaml', description: null, rules: rules.map(rule) });

function service(name: string): Profile {
  const [id, variant] = name.split('@') as [string, string | undefined];
  const loaded = load(fixture(id), `fixtures/${id}.yaml`);
  return variant ? loaded.variants.get(variant)! : loaded.base;
}
const check = (p: Policy, ...names: string[]) => applyPolicy(p, names.map((n) => ({ profile: service(n) })), { orders: SCENARIOS, answered: SCENARIOS });
const where = (fs: ReturnType<typeof check>) => fs.map((f) => `${f.service}${f.variant ? `@${f.variant}` : ''} ${f.file}:${f.line}:${f.col} ${f.path}`);

describe('authority-reads', () => {
  it('a finding for each form the authority can read, with the ways in', () => {
    const fs = check(policy({}), 'cloud-backup', 'cloud-backup@e2ee', 'relay');
    expect(where(fs)).toEqual(['cloud-backup fixtures/cloud-backup.yaml:18:3 data.history', 'cloud-backup fixtures/cloud-backup.yaml:19:3 data.backup']);
    expect(fs[0]).toMatchObject({ rule: 'r', code: 'authority-reads', severity: 'error', order: 'blanket-order', data: 'content' });
    expect(fs[0]!.args).toEqual({
      form: 'history',
      place: 'server',
      ways: [['vendor']],
      waysTotal: 1,
      refs: { form: { form: 'history', place: 'server' }, ways: [[{ party: 'vendor', kind: 'provider' }]] },
    });
  });

  it('under a lawful request the customer is compelled too, and its key opens the relay\'s copy', () => {
    expect(where(check(policy({ order: 'lawful-request' }), 'relay'))).toEqual([
      'relay fixtures/relay.yaml:24:3 data.mail-on-server',
      'relay fixtures/relay.yaml:25:3 data.in-transit',
    ]);
  });

  it('by design, no one is compelled: only what authority and public parties hold', () => {
    const open = load(profile('parties:\n  user: { kind: user }\n  state: { kind: authority }\nkeys: {}\ndata:\n  tap: { kind: content, seen_by: [state] }\n'), 'tap.yaml');
    const fs = applyPolicy(policy({ order: 'by-design' }), [{ profile: open.base }], { orders: SCENARIOS, answered: SCENARIOS });
    expect(fs.map((f) => [f.path, f.args.ways])).toEqual([['data.tap', [[]]]]);
    expect(check(policy({ order: 'by-design' }), 'global-key', 'cloud-backup')).toEqual([]);
  });

  it('a data kind a profile does not model breaks nothing', () => {
    expect(check(policy({ data: 'contacts' }), 'relay')).toEqual([]);
  });
});

describe('a conversation', () => {
  const conversation = (...variants: (string | null)[]) => {
    const loaded = load(fixture('cloud-backup'), 'fixtures/cloud-backup.yaml');
    const participants = variants.map((v) => ({ profile: v ? loaded.variants.get(v)! : loaded.base, base: loaded.base, file: null }));
    return composeConversation(participants).profile!;
  };
  const apply = (p: Policy, profile: Profile) => applyPolicy(p, [{ profile }], { orders: SCENARIOS, answered: SCENARIOS });

  it('names its participants, and each copy by its own id with its participant', () => {
    const fs = apply(policy({}, { forbid: 'party-reads', order: 'by-design', partyKinds: ['provider'] }), conversation('e2ee', null));
    expect(fs.map((f) => [f.code, f.path, f.args.form, f.args.refs?.form])).toEqual([
      ['authority-reads', 'data.history', 'history#2', { form: 'history', place: 'server', participant: 2 }],
      ['party-reads', 'data.history', 'history#2', { form: 'history', place: 'server', participant: 2 }],
      ['authority-reads', 'data.backup', 'backup#2', { form: 'backup', place: 'backup', participant: 2 }],
      ['party-reads', 'data.backup', 'backup#2', { form: 'backup', place: 'backup', participant: 2 }],
    ]);
    expect(fs[0]).toMatchObject({
      service: 'cloud-backup',
      variant: null,
      participants: [
        { service: 'cloud-backup', variant: 'e2ee', file: null },
        { service: 'cloud-backup', variant: null, file: null },
      ],
    });
  });

  it('has the variant every participant has, as its answers do; never the key of the service alone', () => {
    const [both] = apply(policy({ data: 'metadata' }), conversation('e2ee', 'e2ee'));
    const [alone] = apply(policy({ data: 'metadata' }), service('cloud-backup@e2ee'));
    expect([both!.variant, alone!.variant]).toEqual(['e2ee', 'e2ee']);
    expect(subjectKey(both!)).not.toBe(subjectKey(alone!));
    expect(subjectKey(both!)).toBe(subjectKey(subjectOf(conversation('e2ee', 'e2ee'))));
  });
});

describe('party-reads', () => {
  const reads = (kinds: Rule['partyKinds'], data = 'content') => policy({ forbid: 'party-reads', order: 'by-design', partyKinds: kinds, data });

  it('a finding for each form a party of a forbidden kind reads by design, naming the parties', () => {
    const fs = check(reads(['provider', 'network']), 'global-key', 'relay');
    expect(where(fs)).toEqual(['global-key fixtures/global-key.yaml:15:3 data.in-transit']);
    expect(fs[0]!.args).toEqual({
      form: 'in-transit',
      place: 'transit',
      parties: [{ party: 'vendor', kind: 'provider' }],
      partyNames: { vendor: 'The vendor' },
      refs: { form: { form: 'in-transit', place: 'transit' } },
    });
  });

  it('keys learnt from a backup count: the provider reads the history it opens', () => {
    expect(check(reads(['provider']), 'cloud-backup').map((f) => f.path)).toEqual(['data.history', 'data.backup']);
    expect(check(reads(['provider']), 'cloud-backup@e2ee')).toEqual([]);
  });

  it('kinds not listed are allowed', () => {
    expect(check(reads(['host', 'authority']), 'global-key', 'relay', 'cloud-backup')).toEqual([]);
  });
});

describe('unverified', () => {
  it('a finding at each unverified claim the verdict rests on', () => {
    const fs = check(policy({ forbid: 'unverified', data: 'metadata' }), 'relay');
    expect(where(fs)).toEqual(['relay fixtures/relay.yaml:32:3 data.routing']);
    expect(fs[0]!.args).toEqual({ claim: 'form:routing' });
    expect(check(policy({ forbid: 'unverified' }), 'relay')).toEqual([]);
  });

  it('an unverified variant is reported at the variant', () => {
    const text = `${fixture('cloud-backup')}    verified: false\n`;
    const loaded = load(text, 'cb.yaml');
    const fs = applyPolicy(policy({ forbid: 'unverified' }), [{ profile: loaded.variants.get('e2ee')! }], { orders: SCENARIOS, answered: SCENARIOS });
    expect(fs.map((f) => `${f.line}:${f.col} ${f.path} ${f.args.claim}`)).toEqual(['23:3 variants.e2ee variant:e2ee']);
  });
});

describe('build-reads and undetected-build', () => {
  // A vendor that ships the app and runs the key directory: it could build either way in.
  const text = profile(`parties:
  user:
    kind: user
    code_from: { party: vendor }
  vendor: { kind: provider }
keys:
  device:
    held_by: [user]
    directory: { party: vendor, detected_by: [user], sources: [s] }
data:
  in-transit: { kind: content, place: transit, retention: passing, seen_by: [vendor], encrypted_with: [device] }
variants:
  noticed:
    summary: Reproducible builds anyone can check.
    parties:
      user: { code_from: { party: vendor, detected_by: [nobody], sources: [s] } }
sources:
  s: { title: A source, url: "https://example.com", accessed: 2026-11-27 }
`);
  const loaded = load(text, 'builds.yaml');
  const builds = ORDERS.filter((o) => o.reaches.includes('build'));
  const run = (p: Policy, which = loaded.base, answered = SCENARIOS) => applyPolicy(p, [{ profile: which, base: loaded.base }], { orders: ORDERS, answered });
  const lines = (fs: ReturnType<typeof run>) => fs.map((f) => `${f.line}:${f.col} ${f.path} ${f.order} ${f.args.build?.action ?? f.args.claim}`);

  it('with no order named and none to build answered, the rules apply to build-order: they never pass by default', () => {
    expect(lines(run(policy({ order: null, forbid: 'build-reads' })))).toEqual([
      '6:16 parties.user.code_from build-order code',
      '11:16 keys.device.directory build-order ghost-key',
    ]);
  });

  it('undetected-build: a build no one could notice, or that no source says who could notice, at its control fact', () => {
    expect(lines(run(policy({ order: null, forbid: 'undetected-build' })))).toEqual(['6:16 parties.user.code_from build-order code']);
    const noticed = run(policy({ order: null, forbid: 'undetected-build' }), loaded.variants.get('noticed')!);
    expect(noticed.map((f) => [f.path, f.args.build?.detectedBy])).toEqual([['parties.user.code_from', ['nobody']]]);
  });

  it('an unverified claim about a build is placed at its control fact: who could notice, where no source says', () => {
    const fs = run(policy({ order: 'build-order', forbid: 'unverified' }), loaded.base, builds);
    expect(lines(fs)).toEqual(['6:16 parties.user.code_from build-order detection:code_from:user']);
  });

  it('an order that hands data over has no builds: the rules find nothing under it', () => {
    expect(run(policy({ order: 'lawful-request', forbid: 'build-reads' }))).toEqual([]);
  });

  it('a build order of a jurisdiction the vendor does not answer to builds nothing', () => {
    const local = load(text.replace('vendor: { kind: provider }', 'vendor: { kind: provider, jurisdictions: [us] }'), 'builds.yaml');
    expect(applyPolicy(policy({ order: 'uk-tcn', forbid: 'build-reads' }), [{ profile: local.base }], { orders: [...ORDERS, ...INSTRUMENTS], answered: SCENARIOS, jurisdictions: JURISDICTIONS })).toEqual([]);
    expect(applyPolicy(policy({ order: 'uk-tcn', forbid: 'build-reads' }), [{ profile: loaded.base }], { orders: [...ORDERS, ...INSTRUMENTS], answered: SCENARIOS, jurisdictions: JURISDICTIONS })).toHaveLength(2);
  });
});

describe('findings', () => {
  it('come in file and line order, then rule order', () => {
    const fs = check(policy({ id: 'b' }, { id: 'a', order: 'lawful-request' }), 'relay', 'cloud-backup');
    expect(fs.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([
      'fixtures/cloud-backup.yaml:18 b',
      'fixtures/cloud-backup.yaml:18 a',
      'fixtures/cloud-backup.yaml:19 b',
      'fixtures/cloud-backup.yaml:19 a',
      'fixtures/relay.yaml:24 a',
      'fixtures/relay.yaml:25 a',
    ]);
  });

  it('--fail-on: error fails on errors; warn on warnings and errors; info on all', () => {
    expect([failsAt('error', 'error'), failsAt('warn', 'error'), failsAt('info', 'error')]).toEqual([true, false, false]);
    expect([failsAt('error', 'warn'), failsAt('warn', 'warn'), failsAt('info', 'warn')]).toEqual([true, true, false]);
    expect([failsAt('error', 'info'), failsAt('warn', 'info'), failsAt('info', 'info')]).toEqual([true, true, true]);
  });
});
