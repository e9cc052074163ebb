/**
 * The built binary, spawned: stdout carries only the result, stderr the
 * messages, and the exit code is the documented one.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG_DATE, MINE, epochOf } from '../helpers.js';
import { run, workspace } from './run.js';


const BROKEN = MINE.replace('held_by: [user] }', 'held_by: [usr] }');

describe('compare and ask', () => {
  it('keyholder compare bbm imessage bes: a table on stdout, nothing on stderr, exit 0', () => {
    const r = run(['compare', 'bbm', 'imessage', 'bes']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^\s+bbm\s+imessage\s+bes/);
    expect(r.stdout).toContain('CONTENT');
    expect(r.stdout).toContain('beyond reach: Enterprise');
    expect(r.stdout).toMatch(/^ORDERS$/m);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('--format json gives the answers of MODEL.md section 4', () => {
    const r = run(['compare', 'bbm', 'imessage', 'bes', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(2);
    const cell = (service: string, order: string) =>
      doc.answers.find((a: { service: string; order: string }) => a.service === service && a.order === order).data[0];
    const via = (c: { authority: { ways: { parties: { party: string }[] }[] } }) => c.authority.ways.map((w) => w.parties.map((p) => p.party));
    expect(doc.answers.map((a: { service: string; order: string }) => `${a.service}/${a.order}`)).toEqual([
      'bbm/lawful-request',
      'bbm/blanket-order',
      'imessage/lawful-request',
      'imessage/blanket-order',
      'bes/lawful-request',
      'bes/blanket-order',
    ]);
    expect(via(cell('bes', 'lawful-request'))).toEqual([['enterprise']]);
    expect(cell('bes', 'blanket-order').authority.canRead).toBe(false);
    expect(cell('bes', 'blanket-order').authority.remaining).toEqual([
      {
        parties: [{ party: 'enterprise', kind: 'customer', beyond: ['kind'], jurisdictions: [] }],
        reads: [
          { form: 'mail-on-server', place: 'server' },
          { form: 'message-in-transit', place: 'transit' },
        ],
      },
    ]);
    expect(cell('bes', 'blanket-order').authority.lastResort).toBe('beyond-reach');
    expect(via(cell('bbm', 'blanket-order'))).toEqual([['blackberry'], ['carrier']]);
    expect(via(cell('imessage', 'blanket-order'))).toEqual([['apple']]);
  });

  it('ask narrows with --scenario and --data, in the order given', () => {
    const r = run(['ask', 'imessage@adp', '--scenario', 'blanket-order', '--data', 'content', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.answers).toHaveLength(1);
    expect(doc.answers[0]).toMatchObject({ service: 'imessage', variant: 'adp', order: 'blanket-order' });
    expect(doc.answers[0].data.map((d: { kind: string }) => d.kind)).toEqual(['content']);
    expect(doc.answers[0].data[0].authority.canRead).toBe(false);
  });

  it('ask prints a report per service', () => {
    const r = run(['ask', 'bes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('bes · BlackBerry Enterprise Server');
    expect(r.stdout).toMatch(/lawful-request\s+readable\n\s+via Enterprise: Mail on the enterprise's server/);
  });

  it('--format csv: a header, then a row per service, order and data kind, CRLF after each', () => {
    const json = JSON.parse(run(['compare', 'bbm', 'imessage@adp', 'bes', '--format', 'json']).stdout);
    const r = run(['compare', 'bbm', 'imessage@adp', 'bes', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toMatch(/^service,variant,file,order,jurisdiction,data,modelled,reached,by_design,can_read,ways,/);
    const rows = json.answers.flatMap((a: { service: string; variant: string | null; order: string; data: { kind: string }[] }) =>
      a.data.map((d) => `${a.service},${a.variant ?? ''},,${a.order},,${d.kind},`),
    );
    expect(lines.slice(1).map((l) => `${l.split(',').slice(0, 6).join(',')},`)).toEqual(rows);
    expect(run(['ask', 'bes', '--format', 'csv']).stdout).toMatch(/^bes,,,blanket-order,,content,true,true,user; enterprise,false,,0,true,/m);
  });

  it('markdown is byte-identical from run to run', () => {
    const a = run(['compare', 'bbm', 'imessage', 'bes', '--format', 'markdown']);
    const b = run(['compare', 'bbm', 'imessage', 'bes', '--format', 'markdown']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/^\[\^1\]: /m);
  });

  it('a service named by path, with and without @variant; file is the path as given', () => {
    const dir = workspace({ 'mine.yaml': MINE });
    const r = run(['compare', './mine.yaml', './mine.yaml@leaky', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.answers.map((a: { file: string; variant: string | null }) => [a.file, a.variant])).toEqual([
      ['./mine.yaml', null],
      ['./mine.yaml', null],
      ['./mine.yaml', 'leaky'],
      ['./mine.yaml', 'leaky'],
    ]);
    expect(doc.answers[2].data[0].authority.canRead).toBe(true);
    expect(run(['ask', 'mine.yaml'], { cwd: dir }).code).toBe(0);
  });

  it('--profiles adds a folder of profiles by id', () => {
    const dir = workspace({ 'profiles/mine.yaml': MINE, 'profiles/nested/other.yml': MINE.replace('id: mine', 'id: other') });
    expect(run(['ask', 'mine@leaky', 'other', '--profiles', 'profiles'], { cwd: dir }).code).toBe(0);
    const list = run(['list', '--profiles', 'profiles', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(list.stdout).services.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['bes', 'mine', 'other']));
  });

  it('--scenarios adds orders (a v1 scenario file too); --order, or v1\'s --scenario, picks one', () => {
    const dir = workspace({
      'mine.yaml': MINE,
      'extra.yaml': 'scenarios:\n  - { id: provider-only, name: Provider only, scope: one account, compels: [provider] }\n',
    });
    for (const flag of ['--order', '--scenario']) {
      const r = run(['ask', './mine.yaml@leaky', '--scenarios', 'extra.yaml', flag, 'provider-only', '--format', 'json'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).answers[0].order).toBe('provider-only');
      // A scope in words: the order inherits no stance, and says so as a warning.
      expect(r.stderr).toMatch(/extra\.yaml:2:54 free-scope \(warning\)/);
    }
  });

  it('--schema-version 1 prints the v1 document: scenario, via, readable forms', () => {
    const r = run(['compare', 'bes', '--format', 'json', '--schema-version', '1']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.answers[0]).toMatchObject({ service: 'bes', scenario: 'lawful-request' });
    expect(doc.answers[0].data[0].authority.via).toEqual([[{ party: 'enterprise', kind: 'customer' }]]);
    expect(run(['compare', 'bes', '--format', 'json', '--schema-version', '3']).code).toBe(2);
  });

  it('-o writes the whole result to a file and nothing to stdout', () => {
    const dir = workspace({});
    const r = run(['compare', 'bes', '--format', 'markdown', '-o', 'out.md'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(join(dir, 'out.md'), 'utf8')).toBe(run(['compare', 'bes', '--format', 'markdown']).stdout);
    expect(readdirSync(dir)).toEqual(['out.md']);
  });
});

describe('usage errors: exit 2, a message and a suggestion on stderr, nothing on stdout', () => {
  it.each([
    [['compare', 'bess'], /unknown service 'bess' \(did you mean 'bes'\?\)/],
    [['compare', 'imessage@adb'], /'imessage' has no variant 'adb' \(did you mean 'adp'\?\)/],
    [['ask', 'bes', '--data', 'contnet'], /unknown data kind 'contnet' \(did you mean 'content'\?\)/],
    [['ask', 'bes', '--scenario', 'blanket'], /unknown order 'blanket'/],
    [['ask', 'bes', '--order', 'us-warant'], /unknown order 'us-warant'/],
    [['ask', 'bes', '--in', 'pak'], /unknown jurisdiction 'pak' \(did you mean 'pk'\?\)/],
    [['ask', 'bes', '--in', 'US'], /unknown jurisdiction 'US' \(did you mean 'us'\?\)/],
    [['compare', 'bes', '--fromat', 'json'], /unknown option '--fromat'\n\(Did you mean --format\?\)/],
    [['comapre', 'bes'], /unknown command 'comapre'\n\(Did you mean compare\?\)/],
    [['compare', 'bes', '--format', 'xml'], /argument 'xml' is invalid/],
    [['show'], /missing required argument/],
  ])('%j', (args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('no arguments: help on stderr, exit 2', () => {
    const r = run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: keyholder');
  });
});

describe('bad input', () => {
  it('a bad profile given to ask: file:line:col code message on stderr, exit 2', () => {
    const dir = workspace({ 'broken.yaml': BROKEN });
    const r = run(['ask', './broken.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("./broken.yaml:8:18 unknown-party: 'usr' is not defined in parties (did you mean 'user'?)\n");
  });

  it('the same profile given to validate: findings on stdout, exit 1', () => {
    const dir = workspace({ 'broken.yaml': BROKEN });
    const r = run(['validate', 'broken.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("broken.yaml:8:18 unknown-party: 'usr' is not defined in parties (did you mean 'user'?)");
    expect(r.stdout).toContain('1 file checked: 0 valid, 1 invalid');
  });

  it('a malformed jurisdiction code says what a code is, and which it may mean: exit 2 from ask, 1 from validate', () => {
    const dir = workspace({ 'p.yaml': MINE.replace('vendor: { kind: provider }', 'vendor: { kind: provider, jurisdictions: [uss] }') });
    const message = "p.yaml:6:45 bad-value: 'uss' is not a jurisdiction code at parties.vendor.jurisdictions[0] (did you mean 'us'?); use an ISO 3166-1 alpha-2 code in lower case, or uk or eu\n";
    const asked = run(['ask', 'p.yaml'], { cwd: dir });
    expect(asked.code).toBe(2);
    expect(asked.stdout).toBe('');
    expect(asked.stderr).toBe(message);
    const validated = run(['validate', 'p.yaml'], { cwd: dir });
    expect(validated.code).toBe(1);
    expect(validated.stdout).toContain(message);
    expect(validated.stdout).not.toContain('use one of: \n');
  });

  it('a YAML syntax error', () => {
    const dir = workspace({ 'bad.yaml': 'id: x\nparties: [a\n' });
    const r = run(['show', './bad.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^\.\/bad\.yaml:\d+:\d+ yaml-syntax: /);
  });

  it('a missing file, and a folder given as a file', () => {
    const dir = workspace({ 'sub/x.yaml': MINE });
    const missing = run(['ask', './nope.yaml'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('./nope.yaml:1:1 unreadable-file: cannot read this file: no such file\n');
    const folder = run(['ask', './sub'], { cwd: dir });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('it is a folder, not a file');
  });

  it('a duplicate id between --profiles and the catalog names both files', () => {
    const dir = workspace({ 'profiles/bes.yaml': MINE.replace('id: mine', 'id: bes') });
    const r = run(['compare', 'bes', '--profiles', 'profiles'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^profiles\/bes\.yaml:1:5 duplicate-id: id 'bes' is already used by .*data\/services\/bes\.yaml:2:5\n$/);
  });

  it('a file named on the command line may share an id with the catalog', () => {
    const dir = workspace({ 'bes.yaml': MINE.replace('id: mine', 'id: bes') });
    expect(run(['ask', './bes.yaml'], { cwd: dir }).code).toBe(0);
  });

  it('an output that cannot be written: exit 2, and no file left behind', () => {
    const dir = workspace({});
    const r = run(['compare', 'bes', '-o', 'missing-folder/out.txt'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: cannot write missing-folder\/out\.txt/);
    expect(existsSync(join(dir, 'missing-folder'))).toBe(false);
  });

  it('never a stack trace without --debug', () => {
    const dir = workspace({ 'broken.yaml': BROKEN });
    for (const args of [['ask', './broken.yaml'], ['compare', 'nope'], ['validate', 'broken.yaml']]) {
      expect(run(args, { cwd: dir }).stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('validate', () => {
  it('the catalog by default: exit 0', () => {
    const r = run(['validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/files checked: \d+ valid, 0 invalid/);
  });

  it('folders are searched; a file with a top-level orders (v1: scenarios) key is a file of orders, one with instruments a jurisdiction', () => {
    const dir = workspace({
      'all/mine.yaml': MINE.replace('  vendor: { kind: provider }', '  vendor: { kind: provider, stance: { provider-only: { position: refuse }, nz-warrant: { position: comply } } }'),
      'all/more/scenarios.yml': 'scenarios:\n  - { id: provider-only, name: Provider only, scope: account, compels: [provider] }\n',
      'all/places/nz.yaml':
        'id: nz\nname: New Zealand\nsources:\n  act: { title: The Act, url: "https://example.com", accessed: 2026-11-27 }\ninstruments:\n  - { id: nz-warrant, name: A warrant, statute: The Act, scope: account, compels: [provider], reaches: [records], sources: [act] }\n',
      'all/notes.txt': 'not yaml',
    });
    const r = run(['validate', 'all', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.valid).toBe(true);
    expect(doc.files.map((f: { file: string; type: string }) => [f.file, f.type])).toEqual([
      ['all/more/scenarios.yml', 'orders'],
      ['all/places/nz.yaml', 'jurisdiction'],
      ['all/mine.yaml', 'profile'],
    ]);
  });

  it('json findings carry code, position and message', () => {
    const dir = workspace({ 'broken.yaml': BROKEN });
    const r = run(['validate', 'broken.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const finding = JSON.parse(r.stdout).files[0].findings[0];
    expect(finding).toMatchObject({ code: 'unknown-party', severity: 'error', file: 'broken.yaml', line: 8, col: 18 });
    expect(finding.message).toContain("did you mean 'user'");
  });

  it('a file with a top-level rules key is a policy; the example policies are valid', () => {
    const r = run(['validate', 'examples/policies', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.files.length).toBeGreaterThanOrEqual(2);
    for (const f of doc.files) expect([f.type, f.valid]).toEqual(['policy', true]);
  });

  it('a bad policy: file:line:col findings, exit 1', () => {
    const r = run(['validate', 'test/fixtures/schema/references/policy/unknown-order.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("unknown-order.yaml:6:15 unknown-order: unknown order 'blanket-orders' (did you mean 'blanket-order'?); use one of: by-design, lawful-request, blanket-order, build-order");
  });

  it('every fixture with a shape error is invalid', () => {
    const r = run(['validate', 'test/fixtures/schema/shape', '--format', 'json']);
    expect(r.code).toBe(1);
    const files = JSON.parse(r.stdout).files;
    expect(files.length).toBeGreaterThan(30);
    for (const f of files) expect(f.valid, f.file).toBe(false);
  });

  it('a missing path could not be checked: reported, exit 2', () => {
    const r = run(['validate', 'no-such.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('no-such.yaml:1:1 unreadable-file');
  });
});

describe('other commands', () => {
  it.each(['table', 'markdown', 'json', 'csv'])('list, show in %s: exit 0', (format) => {
    expect(run(['list', '--format', format]).code).toBe(0);
    const show = run(['show', 'imessage@adp', '--format', format]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('backup-key');
  });

  it('list shows services, variants and as-of dates', () => {
    const r = run(['list']);
    expect(r.stdout).toMatch(/imessage\s+Apple iMessage\s+\d{4}-\d{2}-\d{2}\s+\d+ (mo|y)\s+adp, no-backup/);
  });

  it('--help documents the exit codes; --version prints the version', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    const version = run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')).version);
  });
});

describe('csv for list, show and validate', () => {
  it('a row per service, per form, per finding', () => {
    expect(run(['list', '--format', 'csv']).stdout).toMatch(/^service,name,category,as_of,status,discontinued_on,variants,origin,file,summary,age_days,stale\r\n/);
    expect(run(['show', 'bes', '--format', 'csv']).stdout).toMatch(/^bes,,message-in-transit,Message in transit,content,transit,passing,,blackberry; carrier,device-key,device-key: user \+ enterprise,/m);
    const dir = workspace({ 'broken.yaml': BROKEN });
    const r = run(['validate', 'broken.yaml', '--format', 'csv'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      "file,line,col,severity,code,path,message\r\nbroken.yaml,8,18,error,unknown-party,keys.k.held_by[0],'usr' is not defined in parties (did you mean 'user'?)\r\n",
    );
  });
});

describe('colour', () => {
  const hasColour = (s: string) => s.includes('\u001b[');
  it('off when not a terminal, on with FORCE_COLOR, never with NO_COLOR or --no-color', () => {
    expect(hasColour(run(['compare', 'bes']).stdout)).toBe(false);
    expect(hasColour(run(['compare', 'bes'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout)).toBe(true);
    expect(hasColour(run(['compare', 'bes'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout)).toBe(false);
    expect(hasColour(run(['compare', 'bes', '--no-color'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout)).toBe(false);
  });
});

describe('the catalog', () => {
  it('validate --strict data/ passes: every claim cited, every source used and dated', () => {
    const r = run(['validate', '--strict', 'data/']);
    expect(r.stdout).toMatch(/0 invalid/);
    expect(r.code).toBe(0);
  });

  it('lists at least 20 services and 15 variants', () => {
    const services = JSON.parse(run(['list', '--format', 'json']).stdout).services;
    expect(services.length).toBeGreaterThanOrEqual(20);
    expect(services.flatMap((s: { variants: unknown[] }) => s.variants).length).toBeGreaterThanOrEqual(15);
  });

  it('--max-age finds stale profiles (exit 1), measured from SOURCE_DATE_EPOCH; a bad age is a usage error (exit 2)', () => {
    const stale = run(['validate', '--max-age', '2y', 'data/services/signal.yaml'], { env: { SOURCE_DATE_EPOCH: epochOf('2030-01-01') } });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('stale-profile');
    expect(run(['validate', '--max-age', '2y', 'data/services/signal.yaml'], { env: { SOURCE_DATE_EPOCH: epochOf(CATALOG_DATE) } }).code).toBe(0);
    const bad = run(['validate', '--strict', '--max-age', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--max-age 'soon' is not an age");
  });

  it('compare --all answers every service and variant; with no service and no --all, exit 2', () => {
    const all = JSON.parse(run(['compare', '--all', '--format', 'json']).stdout).answers;
    const list = JSON.parse(run(['list', '--format', 'json']).stdout).services;
    const expected = list.reduce((n: number, s: { variants: unknown[] }) => n + 1 + s.variants.length, 0) * 2;
    expect(all.length).toBe(expected);
    const none = run(['compare']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('name at least one service, or use --all');
  });

  it('a discontinued service says so in the table', () => {
    expect(run(['compare', 'bbm']).stdout).toMatch(/discontinued 2019-05-31/);
  });
});

/**
 * Issue 11's "what must come out", from the profiles alone: the words are
 * the profiles' notes (on a stance, on a control fact), so these break if a
 * format drops them, not if a note is reworded.
 */
describe('orders to build access: what the profiles say comes out', () => {
  /** stdout with wrapping undone: a sentence may break across lines and columns. */
  const said = (args: string[]) => {
    const r = run(args);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    return r.stdout.replace(/\s+/g, ' ');
  };

  it.each(['table', 'markdown'])('BES under Pakistan\'s 2015 demand (%s): BlackBerry refuses, and announced it would leave', (format) => {
    const out = said(['ask', 'bes', '--in', 'pk', '--format', format]);
    expect(out).toContain('BlackBerry (refuses) could ship changed software to Employee\'s BlackBerry for every account');
    expect(out).toContain("BlackBerry's stance (refuses): Would neither hand over BES traffic nor give access to BES servers, and announced it would leave Pakistan");
    // The build's control note: who could notice, and what no source says.
    expect(out).toContain('could tell a changed build from a genuine one is not documented');
  });

  it.each(['table', 'markdown'])('iMessage under the UK notice (%s): ADP withdrawn for new data, by its name; the ghost device noticed only when both sides use Contact Key Verification', (format) => {
    const out = said(['ask', 'imessage@adp', '--order', 'uk-tcn', '--format', format]);
    expect(out).toContain('could withdraw the setting Advanced Data Protection for every account: then, for new data, reads Messages in iCloud, iCloud Backup');
    expect(out).toContain('could add a ghost key to its directory of Device keys for every account');
    expect(out).toMatch(/Contact Key Verification .* only in conversations where both people have turned it on/);
  });

  it.each(['table', 'markdown'])('Signal (%s): a ghost key is noticed by users who compare safety numbers', (format) => {
    const out = said(['ask', 'signal', '--order', 'build-order', '--format', format]);
    expect(out).toContain("could add a ghost key to its directory of Device keys for every account: then reads Message in transit; could be noticed by Users' devices");
    expect(out).toContain('Users who compare safety numbers');
  });

  it('a comparison keeps its cells short: the notes are footnotes in Markdown, and left to ask in the terminal', () => {
    const args = ['compare', 'bes', 'imessage@adp', 'signal', '--order', 'build-order'];
    const md = run([...args, '--format', 'markdown']).stdout;
    const footnote = md.split('\n').find((l) => l.includes('Users who compare safety numbers'))!;
    expect(footnote).toMatch(/^\[\^(\d+)\]: signal, note: /);
    const [, n] = /^\[\^(\d+)\]/.exec(footnote)!;
    expect(md).toMatch(new RegExp(`could be noticed by Users' devices\\[\\^${n}\\]`));
    const table = run(args).stdout;
    expect(table).not.toContain('safety numbers');
    for (const line of table.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('the report gives the notes in each service\'s section', () => {
    const out = said(['report', 'imessage@adp', '--order', 'uk-tcn']);
    expect(out).toContain('then, for new data, reads Messages in iCloud, iCloud Backup');
    expect(out).toContain('<strong>note</strong> Apple&#39;s Identity Service (IDS)');
  });
});

describe('a reader that stops early', () => {
  /** Runs a long answer and lets `hangUp` close stdout; the run's stderr and exit code. */
  async function readerGoes(hangUp: (stdout: NodeJS.ReadableStream & { destroy(): void }) => void) {
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('./run.js');
    const child = spawn(process.execPath, [BIN, 'compare', '--all', '--format', 'json'], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    hangUp(child.stdout);
    const code = await new Promise((resolve) => child.on('close', resolve));
    return { stderr, code };
  }

  it('closing stdout mid-output ends the run quietly, exit 0', async () => {
    expect(await readerGoes((stdout) => stdout.once('data', () => stdout.destroy()))).toEqual({ stderr: '', code: 0 });
  });

  it('a reader that closes with output unread (a socket: ECONNRESET, not EPIPE) ends it quietly too', async () => {
    // Nothing is read: the output waits in the socket when it is closed.
    expect(await readerGoes((stdout) => stdout.once('readable', () => setTimeout(() => stdout.destroy(), 300)))).toEqual({ stderr: '', code: 0 });
  });
});
