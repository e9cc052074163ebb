/**
 * The formats of `check`: each against a snapshot, and the promises they
 * make together: every format shows the same findings at the same places,
 * SARIF has the 2.1.0 shape, JUnit is well-formed XML, GitHub annotations
 * are escaped as the runner expects, and nothing from an input can break
 * out of its place.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { colourPaint } from '../../src/format/paint.js';
import { describe, expect, it } from 'vitest';
import { CHECK_FORMAT_NAMES, loadCheckFormatter, type CheckFormat } from '../../src/format/check/registry.js';
import { escapeData, escapeProperty } from '../../src/format/check/github.js';
import { toUri } from '../../src/format/check/sarif.js';
import { HOMEPAGE } from '../../src/cli/version.js';
import type { CheckView } from '../../src/format/views.js';
import { wellFormed } from './safety.js';
import { ORDERS, ROOT, SCENARIOS, load } from '../helpers.js';
import { POLICY, checkView, expectRectangularTables, fixture } from './views.js';
import { applyPolicy, subjectOf } from '../../src/engine/policy.js';
import { composeConversation } from '../../src/model/conversation.js';

const plain = { color: false, width: 100 };
const SERVICES = ['relay', 'global-key', 'cloud-backup', 'cloud-backup@e2ee'];
const EXT: Record<CheckFormat, string> = { stylish: 'txt', json: 'json', junit: 'xml', sarif: 'sarif.json', github: 'txt', markdown: 'md' };
const render = async (format: CheckFormat, view: CheckView) => (await loadCheckFormatter(format))(view, plain);

/** A view whose strings try to break out: a path with every separator, markup in the policy, an escape in a label. */
function hostile(): CheckView {
  const view = checkView(['relay']);
  const file = 'odd dir/a,b:c%d #1?&<x>.yaml';
  return {
    ...view,
    policy: { ...view.policy, file: 'p<&>".yaml', description: '<b>"Bold" & \'quoted\'</b>\nnext | line' },
    services: view.services.map((s) => ({ ...s, label: '\u001b[31mred\u0007', file })),
    findings: view.findings.map((f) => ({ ...f, file })),
  };
}

/** Each finding as a format shows it: rule, file, line and column. */
const PARSE: Record<CheckFormat, (text: string) => string[]> = {
  json: (text) => JSON.parse(text).findings.map((f: { rule: string; file: string; line: number; col: number }) => `${f.rule} ${f.file}:${f.line}:${f.col}`),
  sarif: (text) =>
    JSON.parse(text).runs[0].results.map(
      (r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }) => {
        const { artifactLocation, region } = r.locations[0]!.physicalLocation;
        return `${r.ruleId} ${decodeURI(artifactLocation.uri)}:${region.startLine}:${region.startColumn}`;
      },
    ),
  github: (text) =>
    text
      .split('\n')
      .filter((l) => l.startsWith('::'))
      .map((l) => {
        const props = Object.fromEntries(/^::\w+ ([^:]*)::/.exec(l)![1]!.split(',').map((p) => p.split('=') as [string, string]));
        return `${props['title']!.replace('keyholder ', '')} ${props['file']}:${props['line']}:${props['col']}`;
      }),
  junit: (text) => [...text.matchAll(/<testcase [^>]*name="([a-z0-9-]+) at [^"]*" file="([^"]*)" line="(\d+)"/g)].map((m) => `${m[1]} ${m[2]}:${m[3]}:${/:(\d+)"/.exec(m[0])![1]}`),
  markdown: (text) =>
    text
      .split('\n')
      .filter((l) => /^\| (error|warn|info) \|/.test(l))
      .map((l) => {
        const cells = l.split(' | ');
        return `${cells[1]!.replace(/\\/g, '')} ${cells[5]!.replace(/\\/g, '')}`;
      }),
  stylish: (text) => {
    const out: string[] = [];
    let file = '';
    for (const line of text.split('\n')) {
      const m = /^ {2}(\d+:\d+) +\w+ +.* {2}([a-z0-9-]+)$/.exec(line);
      if (m) out.push(`${m[2]} ${file}:${m[1]}`);
      else if (line !== '' && !line.startsWith(' ')) file = line;
    }
    return out;
  },
};

describe.each(CHECK_FORMAT_NAMES)('%s', (format) => {
  it('matches its snapshot', async () => {
    await expect(await render(format, checkView(SERVICES))).toMatchFileSnapshot(`__snapshots__/check-${format}.${EXT[format]}`);
  });

  it('shows every finding, at its file, line and column', async () => {
    const view = checkView(SERVICES, 'info');
    const expected = view.findings.map((f) => `${f.rule} ${f.file}:${f.line}:${f.col}`);
    expect(expected.length).toBeGreaterThan(4);
    const shown = PARSE[format](await render(format, view));
    // JUnit groups by service, then rule; the others keep the findings' order.
    if (format === 'junit') expect(shown.sort()).toEqual(expected.sort());
    else expect(shown).toEqual(expected);
  });

  it('says when there is nothing to show', async () => {
    const text = await render(format, checkView(['cloud-backup@e2ee']));
    expect(PARSE[format](text)).toEqual([]);
  });

  it('never prints a terminal escape from its input', async () => {
    // eslint-disable-next-line no-control-regex
    expect(await render(format, hostile())).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

/** `cloud-backup@e2ee+cloud-backup` beside `cloud-backup` alone; and a conversation under an order to build access. */
function conversations(): CheckView {
  const loaded = load(fixture('cloud-backup'), 'test/fixtures/profiles/cloud-backup.yaml');
  const chat = load(fixture('chat'), 'test/fixtures/profiles/chat.yaml');
  const of = (l: typeof loaded, ...variants: (string | null)[]) =>
    composeConversation(variants.map((v) => ({ profile: v ? l.variants.get(v)! : l.base, base: l.base, file: null }))).profile!;
  const services = [
    { label: 'cloud-backup@e2ee+cloud-backup', profile: of(loaded, 'e2ee', null) },
    { label: 'cloud-backup', profile: loaded.base },
    { label: 'chat@locked+chat', profile: of(chat, 'locked', null) },
  ];
  const policy = { ...POLICY, rules: [...POLICY.rules, { ...POLICY.rules[0]!, id: 'no-build', order: null, forbid: 'build-reads' as const }] };
  return {
    tool: checkView([]).tool,
    policy,
    services: services.map((s) => ({ ...s, ...subjectOf(s.profile) })),
    findings: applyPolicy(policy, services, { orders: ORDERS, answered: SCENARIOS }),
    failOn: 'error',
  };
}

describe('a conversation', () => {
  it("every format names whose side a form or party is, and tells it from the service alone", async () => {
    const view = conversations();
    const side = "cloud-backup@e2ee+cloud-backup: under blanket-order the authority can read content in participant 2's history, via vendor";
    const alone = "cloud-backup: under blanket-order the authority can read content in history, via vendor";
    for (const format of CHECK_FORMAT_NAMES) {
      const text = await render(format, view);
      const xml = (t: string) => (format === 'junit' ? t.replaceAll("'", '&apos;') : t);
      expect(text, format).toContain(xml(side));
      expect(text, format).toContain(xml(alone));
    }
    const stylish = await render('stylish', view);
    expect(stylish).toContain("chat@locked+chat: under build-order Vendor could add a ghost key to its directory of participant 2's Device key and read content in participant 2's in-transit; noticed by user");
    expect(stylish).toContain("chat@locked+chat: under build-order Vendor could ship changed software to participant 1 (locked) and read content in participant 1's in-transit; no one could notice");
    expect(stylish).toMatch(/in 3 of 3 services against 4 rules/);
    expect(await render('markdown', view)).toContain('| error | sealed-under-blanket-order | cloud-backup@e2ee+cloud-backup | blanket-order |');
    const suites = [...(await render('junit', view)).matchAll(/<testsuite name="([^"]+)" tests="(\d+)"/g)].map((m) => [m[1], Number(m[2])]);
    // Each suite holds its own findings, and a passing case for each rule it does not break.
    expect(suites).toEqual([
      ['cloud-backup@e2ee+cloud-backup', 4 + 2],
      ['cloud-backup', 4 + 2],
      ['chat@locked+chat', 4 + 3],
    ]);
  });

  it('json: a service and each finding with its participants, each reference with its participant', async () => {
    const doc = JSON.parse(await render('json', conversations()));
    expect(doc.services.map((s: { participants: unknown[] | null }) => s.participants?.length ?? null)).toEqual([2, null, 2]);
    const build = doc.findings.find((f: { code: string; args: { build?: { action: string } } }) => f.code === 'build-reads' && f.args.build!.action === 'code');
    expect(build.args.build).toEqual({ party: 'vendor', kind: 'provider', action: 'code', target: 'user#1', detectedBy: ['nobody'] });
    expect(build.args.refs).toEqual({
      build: { party: 'vendor', kind: 'provider', action: 'code', target: 'user', targetParticipant: 1, detectedBy: ['nobody'] },
      forms: [{ form: 'in-transit', place: 'transit', participant: 1 }],
    });
    const sarif = JSON.parse(await render('sarif', conversations()));
    expect(sarif.runs[0].results[0].properties.participants).toHaveLength(2);
  });
});

describe('stylish', () => {
  it('colours only when asked', async () => {
    const f = await loadCheckFormatter('stylish');
    expect(f(checkView(SERVICES), plain)).not.toContain('\u001b[');
    expect(f(checkView(SERVICES), { color: true, width: 100, paint: colourPaint() })).toContain('\u001b[');
  });
});

describe('json', () => {
  it('says whether the run failed at its --fail-on', async () => {
    const at = async (failOn: 'error' | 'warn' | 'info') => JSON.parse(await render('json', checkView(['relay', 'cloud-backup@e2ee'], failOn)));
    expect((await at('error')).failed).toBe(false);
    expect((await at('info')).failed).toBe(true);
    expect((await at('info')).summary).toEqual({ error: 0, warn: 0, info: 1 });
  });
});

/**
 * Microsoft's SARIF multitool, a devDependency from the npm registry: a
 * self-contained binary, run offline. Its own rules and those for GitHub
 * code scanning (`--rule-kind Ghas`: what an upload to code scanning must
 * hold) are applied. The binary is built for Linux x64, where CI runs.
 */
const MULTITOOL: string | null =
  process.platform === 'linux' && process.arch === 'x64'
    ? join(dirname(createRequire(import.meta.url).resolve('@microsoft/sarif-multitool-linux/package.json')), 'Sarif.Multitool')
    : null;
if (!MULTITOOL) console.warn('skipped: the SARIF multitool test runs on Linux x64 only');

/** The multitool's findings, at error or warning level, on SARIF files: `rule file: message`. */
function multitool(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'keyholder-sarif-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const log = join(dir, 'validation.sarif');
  // Run from its own folder, with nothing to tell home: no network, no telemetry.
  const r = spawnSync(MULTITOOL!, ['validate', '--rule-kind', 'Ghas;Sarif', '--level', 'Error;Warning', '--output', log, ...Object.keys(files)], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
  });
  expect(r.status, `${r.error?.message ?? ''}${r.stdout}${r.stderr}`).toBe(0);
  const results = JSON.parse(readFileSync(log, 'utf8')).runs[0].results as {
    ruleId: string;
    message: { text?: string; arguments?: string[] };
    locations?: { physicalLocation: { artifactLocation: { uri: string } } }[];
  }[];
  const file = (x: (typeof results)[number]) => x.locations?.[0]?.physicalLocation.artifactLocation.uri.split('/').pop() ?? '';
  return results.map((x) => `${x.ruleId} ${file(x)}: ${x.message.text ?? x.message.arguments?.join('; ') ?? ''}`);
}

describe('sarif', () => {
  it.skipIf(!MULTITOOL)("passes Microsoft's SARIF multitool, GitHub's code scanning rules included", async () => {
    const files = {
      'fixtures.sarif': await render('sarif', checkView(SERVICES, 'info')),
      'hostile.sarif': await render('sarif', hostile()),
      'passing.sarif': await render('sarif', checkView(['cloud-backup@e2ee'])),
    };
    expect(multitool(files)).toEqual([]);
  }, 180_000);

  it('has the SARIF 2.1.0 shape', async () => {
    const view = checkView(SERVICES);
    const doc = JSON.parse(await render('sarif', view));
    expect(doc.version).toBe('2.1.0');
    expect(doc.$schema).toMatch(/sarif-2\.1\.0/);
    expect(doc.runs).toHaveLength(1);
    const { driver } = doc.runs[0].tool;
    expect(driver).toMatchObject({ name: 'keyholder', fullName: 'keyholder 0.0.0-test', version: '0.0.0-test', informationUri: HOMEPAGE });
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(view.policy.rules.map((r) => r.id));
    // What GitHub code scanning asks of a rule (the multitool's GH2012), for where the multitool cannot run.
    expect(driver.rules.map((r: { name: string }) => r.name)).toEqual(['SealedUnderBlanketOrder', 'NoProviderReads', 'MetadataSourced']);
    for (const r of driver.rules) {
      expect(typeof r.shortDescription.text).toBe('string');
      expect(r.fullDescription.text.startsWith(`${r.shortDescription.text} `), r.fullDescription.text).toBe(true);
      expect(r.help.text.length).toBeGreaterThan(40);
      expect(r.help.markdown.length).toBeGreaterThan(40);
      expect(['error', 'warning', 'note']).toContain(r.defaultConfiguration.level);
    }
    expect(doc.runs[0].results).toHaveLength(view.findings.length);
    for (const r of doc.runs[0].results) {
      expect(driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(['error', 'warning', 'note']).toContain(r.level);
      expect(typeof r.message.text).toBe('string');
      const { artifactLocation, region } = r.locations[0].physicalLocation;
      expect(artifactLocation.uri).toMatch(/^test\/fixtures\/profiles\/[a-z-]+\.yaml$/);
      expect(Number.isInteger(region.startLine) && region.startLine >= 1).toBe(true);
      expect(Number.isInteger(region.startColumn) && region.startColumn >= 1).toBe(true);
    }
    expect(doc.runs[0].results.map((r: { level: string }) => r.level)).toEqual(
      view.findings.map((f) => ({ error: 'error', warn: 'warning', info: 'note' })[f.severity]),
    );
  });

  it("names package.json's homepage as where to read about keyholder", () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).homepage).toBe(HOMEPAGE);
  });

  it('turns paths into URI references', () => {
    expect(toUri('data/services/bes.yaml')).toBe('data/services/bes.yaml');
    expect(toUri('odd dir/a #1?.yaml')).toBe('odd%20dir/a%20%231%3F.yaml');
    expect(toUri('/abs/x.yaml')).toBe('file:///abs/x.yaml');
    expect(toUri('C:\\work\\x.yaml')).toBe('file:///C:/work/x.yaml');
    expect(toUri('100%.yaml')).toBe('100%25.yaml');
  });
});

describe('junit', () => {
  it('is well-formed XML, escaping what it is given', async () => {
    wellFormed(await render('junit', checkView(SERVICES)));
    const text = await render('junit', hostile());
    wellFormed(text);
    expect(text).toContain('classname="\\x1b[31mred\\x07"');
    expect(text).toContain('file="odd dir/a,b:c%d #1?&amp;&lt;x&gt;.yaml"');
  });

  it('a failure for each finding at or above --fail-on; the rest pass, with the finding in system-out', async () => {
    const view = checkView(SERVICES);
    const text = await render('junit', view);
    const failing = view.findings.filter((f) => f.severity === 'error').length;
    expect(text.match(/<failure /g)).toHaveLength(failing);
    expect(text.match(/<system-out>/g)).toHaveLength(view.findings.length - failing);
    expect(text).toMatch(new RegExp(`<testsuites name="keyholder check" tests="\\d+" failures="${failing}"`));
    expect((await render('junit', checkView(SERVICES, 'info'))).match(/<failure /g)).toHaveLength(view.findings.length);
  });

  it('a rule a service passes is a passing test case', async () => {
    const text = await render('junit', checkView(['cloud-backup@e2ee']));
    expect(text).toContain('<testcase classname="cloud-backup@e2ee" name="sealed-under-blanket-order" time="0"/>');
    expect(text).not.toContain('<failure');
  });
});

describe('github', () => {
  it('escapes %, CR and LF in messages, and : and , in properties too', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('a,b:c%d\ne')).toBe('a%2Cb%3Ac%25d%0Ae');
  });

  it('one annotation per finding: error, warning or notice, on the profile line', async () => {
    const lines = (await render('github', checkView(SERVICES, 'info'))).split('\n');
    expect(lines[0]).toMatch(/^::error file=test\/fixtures\/profiles\/cloud-backup\.yaml,line=18,col=3,title=keyholder sealed-under-blanket-order::cloud-backup: under blanket-order the authority can read content in history, via vendor$/);
    expect(lines.some((l) => l.startsWith('::warning file='))).toBe(true);
    expect(lines.some((l) => l.startsWith('::notice file='))).toBe(true);
  });

  it('a path with separators stays one property', async () => {
    const line = (await render('github', hostile())).split('\n')[0]!;
    expect(line).toContain('file=odd dir/a%2Cb%3Ac%25d #1?&<x>.yaml,line=');
  });
});

describe('markdown', () => {
  it('escapes what it is given; every row has as many cells as its header', async () => {
    const text = await render('markdown', hostile());
    expect(text).not.toContain('<b>');
    expect(text).toContain('&lt;b&gt;');
    expectRectangularTables(text);
  });
});
