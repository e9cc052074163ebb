/**
 * Conversations on the command line (MODEL.md section 7), through the built
 * binary: participants joined by `+`, `*N` to repeat one, in ask, compare,
 * check and diff; and every way to write one wrongly, each a clear error
 * naming the participant, exit 2, nothing on stdout.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { MINE, ROOT } from '../helpers.js';
import { run, workspace } from './run.js';

const BLANKET_POLICY = join(ROOT, 'examples/policies/no-readable-content-under-blanket-order.yaml');

describe('naming a conversation', () => {
  it('ask: whose side each way in goes through, each participant named with its setting', () => {
    const r = run(['ask', 'imessage@adp+imessage', '--data', 'content']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^imessage@adp\+imessage · Apple iMessage · as of \d{4}-\d{2}-\d{2}\nparticipants: 1 imessage@adp; 2 imessage\nsetting adp: Advanced Data Protection on/);
    expect(r.stdout).toContain('by design           participant 1 (adp), participant 2 (default), Apple');
    expect(r.stdout).toMatch(/lawful-request\s+readable\n\s+via Apple \(complies\): participant 2's Messages in iCloud, participant 2's\n\s+iCloud Backup/);
    expect(r.stdout).toMatch(/participant 1's iCloud Backup sealed: needs participant 1's iCloud Backup\n\s+key \(held by participant 1 \(adp\)\)/);
  });

  it('--format json: the participants, and the participant of each per-participant party and form', () => {
    const r = run(['ask', 'imessage@adp+imessage', '--data', 'content', '--order', 'blanket-order', '--format', 'json']);
    expect(r.code).toBe(0);
    const [a] = JSON.parse(r.stdout).answers;
    expect(a).toMatchObject({ service: 'imessage', variant: null, file: null, order: 'blanket-order' });
    expect(a.participants).toEqual([
      { service: 'imessage', variant: 'adp', file: null },
      { service: 'imessage', variant: null, file: null },
    ]);
    expect(a.data[0].authority.ways).toEqual([
      {
        parties: [{ party: 'apple', kind: 'provider' }],
        reads: [
          { form: 'messages-in-icloud', place: 'server', participant: 2 },
          { form: 'icloud-backup', place: 'backup', participant: 2 },
        ],
        stances: [],
      },
    ]);
  });

  it('both with Advanced Data Protection: not readable under either default order', () => {
    const r = run(['ask', 'imessage@adp+imessage@adp', '--data', 'content', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).answers.map((a: { variant: string; data: { authority: { canRead: boolean } }[] }) => [a.variant, a.data[0]!.authority.canRead])).toEqual([
      ['adp', false],
      ['adp', false],
    ]);
  });

  it('*N repeats the participant it follows: imessage@adp+imessage*3 is four', () => {
    const r = run(['ask', 'imessage@adp+imessage*3', '--data', 'content', '--order', 'lawful-request', '--format', 'json']);
    expect(r.code).toBe(0);
    const [a] = JSON.parse(r.stdout).answers;
    expect(a.participants.map((p: { variant: string | null }) => p.variant)).toEqual(['adp', null, null, null]);
    expect(a.data[0].authority.ways[0].reads.map((f: { participant: number }) => f.participant)).toEqual([2, 3, 4, 2, 3, 4]);
    expect(run(['ask', 'imessage*32', '--data', 'content', '--order', 'lawful-request']).code).toBe(0);
  });

  it('compare: a conversation is one column', () => {
    const r = run(['compare', 'imessage@adp+imessage', 'imessage@adp+imessage@adp', '--data', 'content']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^\s+imessage@adp\+imessage\s+imessage@adp\+imessage@adp\s*\n/);
    expect(r.stdout).toMatch(/lawful-request\s+readable\s+not readable/);
  });

  it('check: a rule the weakest participant breaks, at the line of the form, naming the conversation and whose side', () => {
    const r = run(['check', '--policy', 'examples/policies/customer-held-keys.yaml', 'imessage@adp+imessage']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error {2}imessage@adp\+imessage: under blanket-order the authority can read content in participant 2's iCloud Backup, via Apple/);
    expect(run(['check', '--policy', 'examples/policies/customer-held-keys.yaml', 'imessage@adp+imessage@adp']).stdout).not.toContain('under blanket-order');
  });

  it('check --format json: a conversation and the service alone are told apart, each copy with its participant', () => {
    const r = run(['check', '--policy', 'examples/policies/no-readable-content-under-blanket-order.yaml', 'imessage@adp+imessage', 'imessage', '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    const file = 'data/services/imessage.yaml';
    expect(doc.services).toEqual([
      { service: 'imessage', variant: null, file, participants: [{ service: 'imessage', variant: 'adp', file: null }, { service: 'imessage', variant: null, file: null }] },
      { service: 'imessage', variant: null, file, participants: null },
    ]);
    type F = { rule: string; participants: unknown[] | null; args: { form: string; refs: unknown } };
    const content = doc.findings.filter((f: F) => f.rule === 'no-content-under-blanket-order');
    expect(content.map((f: F) => [f.participants?.length ?? null, f.args.refs])).toEqual([
      [2, { form: { form: 'messages-in-icloud', place: 'server', participant: 2 }, ways: [[{ party: 'apple', kind: 'provider' }]] }],
      [null, { form: { form: 'messages-in-icloud', place: 'server' }, ways: [[{ party: 'apple', kind: 'provider' }]] }],
      [2, { form: { form: 'icloud-backup', place: 'backup', participant: 2 }, ways: [[{ party: 'apple', kind: 'provider' }]] }],
      [null, { form: { form: 'icloud-backup', place: 'backup' }, ways: [[{ party: 'apple', kind: 'provider' }]] }],
    ]);
    // The ids as CSV and v1 name a copy stay, for scripts that read them.
    expect(content.map((f: F) => f.args.form)).toEqual(['messages-in-icloud#2', 'messages-in-icloud', 'icloud-backup#2', 'icloud-backup']);
    const text = run(['check', '--policy', 'examples/policies/no-readable-content-under-blanket-order.yaml', 'imessage@adp+imessage', 'imessage']).stdout;
    expect(text).toContain('13 problems (4 errors, 5 warnings, 4 infos) in 2 of 2 services against 3 rules');
    const junit = run(['check', '--policy', 'examples/policies/no-readable-content-under-blanket-order.yaml', 'imessage@adp+imessage', 'imessage', '--format', 'junit']).stdout;
    expect(junit).toContain('<testsuite name="imessage@adp+imessage" tests="7" failures="2"');
  });

  it('check: a way in through a participant\'s own party names whose it is, in words and in JSON', () => {
    const args = ['check', '--policy', 'examples/policies/no-readable-content-under-blanket-order.yaml', 'whatsapp@e2ee-backup+whatsapp'];
    const r = run(args);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("error  whatsapp@e2ee-backup+whatsapp: under blanket-order the authority can read content in participant 2's Chat backup, via participant 2's Google or Apple");
    const [finding] = JSON.parse(run([...args, '--format', 'json']).stdout).findings;
    expect(finding.args.refs).toEqual({ form: { form: 'chat-backup', place: 'backup', participant: 2 }, ways: [[{ party: 'cloud-drive', kind: 'host', participant: 2 }]] });
    const markdown = run([...args, '--format', 'markdown']).stdout;
    expect(markdown).toContain("| error | no-content-under-blanket-order | whatsapp@e2ee-backup+whatsapp | blanket-order | content |");
    expect(markdown).toContain("via participant 2's Google or Apple |");
  });

  it('check --schema-version 1: the v1 document, with neither participants nor refs', () => {
    const r = run(['check', '--policy', 'examples/policies/customer-held-keys.yaml', 'imessage@adp+imessage', '--format', 'json', '--schema-version', '1']);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc.services[0])).toEqual(['service', 'variant', 'file']);
    expect(Object.keys(doc.findings[0])).not.toContain('participants');
    expect(doc.findings.every((f: { args: object }) => !('refs' in f.args))).toBe(true);
  });

  it('diff: the default participant is the weakest link, a regression (exit 1 with --fail-on-regression)', () => {
    const args = ['diff', 'imessage@adp+imessage@adp', 'imessage@adp+imessage', '--data', 'content'];
    const r = run(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/lawful-request\s+not readable -> readable \(regression\)\n\s+\+ via Apple \(regression\)\n\s+\+ reads participant 2's Messages in iCloud, participant 2's iCloud Backup/);
    expect(run([...args, '--fail-on-regression']).code).toBe(1);
    expect(run(['diff', 'imessage@adp+imessage', 'imessage@adp+imessage@adp', '--data', 'content', '--fail-on-regression']).code).toBe(0);
  });

  it('participants named by path, each with its own setting; a file is read once', () => {
    const dir = workspace({ 'mine.yaml': MINE });
    const r = run(['ask', './mine.yaml@leaky+./mine.yaml', '--format', 'json', '--data', 'content', '--order', 'lawful-request'], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([0, '']);
    const [a] = JSON.parse(r.stdout).answers;
    expect([a.file, a.participants]).toEqual([
      './mine.yaml',
      [
        { service: 'mine', variant: 'leaky', file: './mine.yaml' },
        { service: 'mine', variant: null, file: './mine.yaml' },
      ],
    ]);
    expect(a.data[0].authority.ways[0].parties).toEqual([{ party: 'vendor', kind: 'provider' }]);
  });

  it('a file with + in its name, named alone, is a service, not a conversation', () => {
    const dir = workspace({ 'a+b.yaml': MINE });
    expect(run(['ask', './a+b.yaml@leaky', '--data', 'content'], { cwd: dir }).code).toBe(0);
    expect(run(['ask', 'a+b.yaml', '--data', 'content'], { cwd: dir }).code).toBe(0);
  });

  it('--schema-version 1: a participant\'s copy named <id>#<participant>', () => {
    const r = run(['ask', 'imessage@adp+imessage', '--data', 'content', '--order', 'lawful-request', '--format', 'json', '--schema-version', '1']);
    expect(r.code).toBe(0);
    const [a] = JSON.parse(r.stdout).answers;
    expect(Object.keys(a)).toEqual(['service', 'variant', 'file', 'scenario', 'asOf', 'data']);
    expect(a.data[0].byDesign.map((p: { party: string }) => p.party)).toEqual(['user#1', 'user#2', 'apple']);
    expect(a.data[0].authority.readable).toEqual([
      { form: 'messages-in-icloud#2', place: 'server' },
      { form: 'icloud-backup#2', place: 'backup' },
    ]);
    const diff = run(['diff', 'imessage@adp+imessage@adp', 'imessage@adp+imessage', '--data', 'content', '--order', 'lawful-request', '--format', 'json', '--schema-version', '1']);
    const readable = JSON.parse(diff.stdout).changes.find((c: { field: string }) => c.field === 'readable');
    expect(readable.added).toEqual([
      { form: 'messages-in-icloud#2', place: 'server' },
      { form: 'icloud-backup#2', place: 'backup' },
    ]);
  });

  it('--format csv: copies as <id>#<participant>, the participants in the last column', () => {
    const r = run(['ask', 'whatsapp@e2ee-backup+whatsapp', '--data', 'content', '--order', 'lawful-request', '--format', 'csv']);
    expect(r.code).toBe(0);
    const [header, row] = r.stdout.split('\r\n');
    expect(header).toMatch(/,unverified,as_of,age_days,stale,discontinued_on,participants$/);
    expect(row).toMatch(/^whatsapp,,,lawful-request,,content,true,true,user#1; user#2; cloud-drive#2,true,cloud-drive#2: chat-backup#2,1,true,/);
    expect(row).toMatch(/,whatsapp@e2ee-backup; whatsapp$/);
  });
});

describe('written wrongly: exit 2, nothing on stdout, the participant named', () => {
  it.each([
    ['imessage++imessage', "participant 2 of 'imessage++imessage': empty: no service between two '+'"],
    ['imessage@adp+imessage+', "participant 3 of 'imessage@adp+imessage+': empty: no service after the last '+'"],
    ['+imessage', "participant 1 of '+imessage': empty: no service before the first '+'"],
    ['imessage@adp+imessage*32', "participant 33 of 'imessage@adp+imessage*32': a conversation has at most 32 participants"],
    ['imessage*33', "participant 33 of 'imessage*33': a conversation has at most 32 participants"],
    ['imessage+whatsapp', "participant 2 of 'imessage+whatsapp': whatsapp is another service than participant 1's imessage; every participant names the same one"],
    ['imessage@adp+imessage@adpp', "participant 2 of 'imessage@adp+imessage@adpp': unknown variant 'adpp' of imessage (did you mean 'adp'?)"],
    ['imessage@adpp*3+imessage', "participants 1 to 3 of 'imessage@adpp*3+imessage': unknown variant 'adpp' of imessage (did you mean 'adp'?)"],
    ['imessage+imesage', "participant 2 of 'imessage+imesage': unknown service 'imesage' (did you mean 'imessage'?)"],
    ['imessage*0', "participant 1 of 'imessage*0': '*0' is not a number of participants (1 to 32)"],
    ['imessage+imessage*x', "participant 2 of 'imessage+imessage*x': '*x' is not a number of participants (1 to 32)"],
    ['*2', "participant 1 of '*2': no service before '*2'"],
    [
      'google-messages+google-messages@sms-fallback',
      "'google-messages+google-messages@sms-fallback': participants 1 (google-messages) and 2 (google-messages@sms-fallback) differ on form 'message-in-transit' (seen_by), which they share",
    ],
  ])('%s', (name, message) => {
    const r = run(['ask', name]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error: ${message}\n`);
  });

  it('the same in compare, diff and check, which name services the same way', () => {
    for (const command of [['compare', 'bes'], ['diff', 'imessage'], ['check', '--policy', 'examples/policies/customer-held-keys.yaml']]) {
      const r = run([...command, 'imessage@adp+imessage@adpp']);
      expect([r.code, r.stdout], command[0]).toEqual([2, '']);
      expect(r.stderr).toContain("error: participant 2 of 'imessage@adp+imessage@adpp': unknown variant 'adpp' of imessage (did you mean 'adp'?)\n");
    }
  });

  it('every problem on the command line is reported, in every participant of every name', () => {
    const r = run(['ask', 'imessage++imessage@adpp', 'bes', 'whatsapp+signal', 'bbbm']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error: '))).toEqual([
      "error: participant 2 of 'imessage++imessage@adpp': empty: no service between two '+'",
      "error: participant 3 of 'imessage++imessage@adpp': unknown variant 'adpp' of imessage (did you mean 'adp'?)",
      "error: participant 2 of 'whatsapp+signal': signal is another service than participant 1's whatsapp; every participant names the same one",
      "error: unknown service 'bbbm' (did you mean 'bbm'?)",
    ]);
  });

  it('a participant\'s file with a problem is reported at its line, once however many participants name it', () => {
    const dir = workspace({ 'broken.yaml': MINE.replace('held_by: [user] }', 'held_by: [usr] }') });
    const r = run(['ask', './broken.yaml+./broken.yaml*2'], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr.match(/unknown-party/g)).toHaveLength(1);
  });

  it('a participant\'s file that is not there names the participant, exit 2, in every command', () => {
    const dir = workspace({});
    for (const command of [['ask'], ['check', '--policy', BLANKET_POLICY]]) {
      const r = run([...command, 'imessage+./x/nope.yaml'], { cwd: dir });
      expect([r.code, r.stdout], command[0]).toEqual([2, '']);
      expect(r.stderr).toContain("x/nope.yaml:1:1 unreadable-file: participant 2 of 'imessage+./x/nope.yaml': cannot read this file");
    }
    const r = run(['ask', 'imessage*2+./x/nope.yaml*3'], { cwd: dir });
    expect(r.stderr).toContain("participants 3 to 5 of 'imessage*2+./x/nope.yaml*3': cannot read this file");
  });

  it('show takes one service: a conversation is asked, not shown', () => {
    const r = run(['show', 'imessage@adp+imessage']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain("error: show takes one service, and 'imessage@adp+imessage' is a conversation");
  });

  it('an output file that is a participant\'s profile is refused before anything is written', () => {
    const dir = workspace({ 'mine.yaml': MINE });
    const r = run(['ask', 'imessage+imessage', './mine.yaml+./mine.yaml@leaky', '-o', 'mine.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('-o mine.yaml is an input of this run');
  });
});
