/**
 * Nothing smuggled into output: a profile whose every free-text field holds
 * terminal escapes, control characters, bidi overrides, invisible marks,
 * Markdown and HTML syntax and spreadsheet formulas is rendered by every
 * format of every command (each in FORMAT_NAMES, CHECK_FORMAT_NAMES and
 * DIFF_FORMAT_NAMES, so a format added later is checked too), from files
 * with hostile names, and each output keeps its format's promises
 * (safety.ts). JSON keeps the strings exactly. The findings path is checked
 * too: a hostile id in a finding, on stderr and in `validate`'s output.
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, answer } from '../../src/engine/answer.js';
import { diffProfiles } from '../../src/engine/diff.js';
import { applyPolicy, subjectOf } from '../../src/engine/policy.js';
import { CHECK_FORMAT_NAMES, loadCheckFormatter } from '../../src/format/check/registry.js';
import { DIFF_FORMAT_NAMES, loadDiffFormatter } from '../../src/format/diff/registry.js';
import { answersDocument } from '../../src/format/json.js';
import { FORMAT_NAMES, loadFormatter, type Format } from '../../src/format/registry.js';
import type { AnswersView, CheckView, DiffView, ShowView, ValidateView } from '../../src/format/views.js';
import { loadProfileText } from '../../src/model/load.js';
import { runMain, workspace } from '../cli/run.js';
import { SCENARIOS, load, yamlQuoted } from '../helpers.js';
import { HOSTILE, HOSTILE_FILES, STEERING, expectSafe } from './safety.js';
import { POLICY, TOOL } from './views.js';


const q = yamlQuoted;

/** A valid profile with hostile strings in every field that takes free text. */
function hostileProfile(h: readonly string[]): string {
  const at = (i: number) => q(h[i % h.length]!);
  return `id: hostile
name: ${at(0)}
summary: ${at(1)}
parties:
  user: { kind: user, name: ${at(2)}, note: ${at(3)} }
  vendor:
    kind: provider
    name: ${at(4)}
    stance: { lawful-request: { position: comply, note: ${at(5)}, sources: [s] } }
  drive: { kind: host, name: ${at(6)} }
keys:
  k: { held_by: [user], note: ${at(7)} }
data:
  chat: { kind: content, seen_by: [user, vendor], encrypted_with: [k], note: ${at(8)}, sources: [s] }
  backup: { kind: content, seen_by: [drive], note: ${at(9)} }
  logs: { kind: metadata, seen_by: [vendor], note: ${at(10)}, verified: false }
variants:
  sealed:
    summary: ${at(11)}
    sources: [s]
    data: { backup: null }
sources:
  s: { title: ${at(12)}, url: ${at(13)}, publisher: ${at(14)}, note: ${at(15)} }
  t: { title: ${at(16)}, url: ${q('https://evil.example/\u001b]0;x\u0007')} }
  u: { title: ${at(17)}, url: ${q('https://example.org/a)](javascript:alert(1)')} }
`;
}

/** Rotations of the hostile strings, so that each lands in every field. */
const PROFILES = HOSTILE.map((_, shift) => hostileProfile([...HOSTILE.slice(shift), ...HOSTILE.slice(0, shift)]));

function views(yaml: string): { answers: AnswersView; show: ShowView; variant: ShowView } {
  const loaded = load(yaml, 'hostile.yaml');
  const services = [loaded.base, loaded.variants.get('sealed')!].map((profile, i) => {
    const analysis = analyse(profile);
    return { label: i === 0 ? 'hostile' : 'hostile@sealed', profile, file: null, answers: SCENARIOS.map((s) => answer(analysis, s)) };
  });
  return {
    answers: { services, orders: SCENARIOS, jurisdictions: [] },
    show: { label: 'hostile', profile: loaded.base, file: null, orders: SCENARIOS },
    variant: { label: 'hostile@sealed', profile: loaded.variants.get('sealed')!, file: null, orders: SCENARIOS },
  };
}

/** Findings whose arguments quote hostile ids, kinds and references. */
function hostileFindings(): ValidateView {
  const ids = HOSTILE.slice(0, 12);
  const yaml = `id: ${q(ids[0]!)}
name: Broken
parties:
${ids.map((id, i) => `  ${q(id)}: { kind: ${q(HOSTILE[(i + 5) % HOSTILE.length]!)} }`).join('\n')}
keys: {}
data:
  m: { kind: content, seen_by: [${ids.map(q).join(', ')}] }
`;
  const file = 'profiles/\u001b[31mevil|<b>.yaml';
  const findings = loadProfileText(yaml, file, { orders: new Set() }).findings;
  return { files: [{ file, type: 'profile', id: null, findings }] };
}

/**
 * A check run over a hostile profile and its variant, read from a file with
 * a hostile name, against a policy whose file name and descriptions are
 * hostile too: a finding for each kind of rule.
 */
function hostileCheck(yaml: string, i: number): CheckView {
  const file = HOSTILE_FILES[i % HOSTILE_FILES.length]!;
  const loaded = load(yaml, file);
  const profiles = [loaded.base, loaded.variants.get('sealed')!];
  const policy = {
    ...POLICY,
    file: HOSTILE_FILES[(i + 1) % HOSTILE_FILES.length]!,
    description: HOSTILE[i % HOSTILE.length]!,
    rules: POLICY.rules.map((r, k) => ({ ...r, description: HOSTILE[(i + k + 1) % HOSTILE.length]! })),
  };
  return {
    tool: TOOL,
    policy,
    services: profiles.map((p, k) => ({ label: k === 0 ? file : `${file}@sealed`, ...subjectOf(p), profile: p })),
    findings: applyPolicy(policy, profiles.map((profile) => ({ profile })), { orders: SCENARIOS, answered: SCENARIOS }),
    failOn: 'warn',
  };
}

/** A diff of a hostile profile against its variant, each side named by a hostile path. */
function hostileDiff(yaml: string, i: number): DiffView {
  const file = HOSTILE_FILES[i % HOSTILE_FILES.length]!;
  const loaded = load(yaml, file);
  const [from, to] = [loaded.variants.get('sealed')!, loaded.base];
  return {
    from: { label: `${file}@sealed`, profile: from, file },
    to: { label: HOSTILE_FILES[(i + 1) % HOSTILE_FILES.length]!, profile: to, file: HOSTILE_FILES[(i + 1) % HOSTILE_FILES.length]! },
    orders: SCENARIOS,
    diff: diffProfiles(from, to, SCENARIOS),
  };
}

const plain = { color: false, width: 100 };
const CSV = (FORMAT_NAMES as readonly string[]).includes('csv');

describe.each(FORMAT_NAMES)('%s', (format: Format) => {
  it('keeps its promises on every command, with hostile strings in every field', async () => {
    const f = await loadFormatter(format);
    for (const yaml of PROFILES) {
      const v = views(yaml);
      for (const text of [f.compare(v.answers, plain), f.ask(v.answers, plain), f.show(v.show, plain), f.show(v.variant, plain), f.list({ services: [{ profile: v.show.profile, origin: 'profiles' }] }, plain)]) {
        expectSafe(format, text);
      }
    }
  });

  it('keeps its promises on findings that quote hostile ids and file names', async () => {
    const f = await loadFormatter(format);
    const view = hostileFindings();
    expect(view.files[0]!.findings.length).toBeGreaterThan(10);
    expectSafe(format, f.validate(view, plain));
  });
});

describe.each(CHECK_FORMAT_NAMES)('check %s', (format) => {
  it('keeps its promises, with hostile strings in every field and hostile file names', async () => {
    const f = await loadCheckFormatter(format);
    PROFILES.forEach((yaml, i) => {
      const view = hostileCheck(yaml, i);
      expect(new Set(view.findings.map((x) => x.code))).toEqual(new Set(['authority-reads', 'party-reads', 'unverified']));
      expectSafe(format, f(view, plain));
    });
  });
});

describe.each(DIFF_FORMAT_NAMES)('diff %s', (format) => {
  it('keeps its promises, with hostile strings in every field and hostile file names', async () => {
    const f = await loadDiffFormatter(format);
    PROFILES.forEach((yaml, i) => {
      const view = hostileDiff(yaml, i);
      expect(view.diff.changes.length).toBeGreaterThan(0);
      expectSafe(format, f(view, plain));
    });
  });
});

describe('what each format shows', () => {
  it('table: control characters as visible escapes', async () => {
    const text = (await loadFormatter('table')).show(views(PROFILES[0]!).show, plain);
    expect(text).toContain('\\x1b[31mred\\x1b[0m');
    expect(text).toContain('\\x1b]0;pwned title\\x07');
  });

  it('table with colour: the only escapes are its own colours', async () => {
    const f = await loadFormatter('table');
    for (const yaml of PROFILES) {
      const v = views(yaml);
      const text = f.compare(v.answers, { color: true, width: 100 }) + f.ask(v.answers, { color: true, width: 100 });
      expectSafe('table', text.replace(/\u001b\[[0-9;]*m/g, ''));
    }
  });

  it('markdown: pipes, HTML and link syntax escaped, line breaks as spaces', async () => {
    const text = (await loadFormatter('markdown')).show(views(PROFILES[0]!).show, plain);
    expect(text).toContain('pipe \\| in \\| a \\| cell');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).toContain('\\[click\\](javascript:alert(1))');
    expect(text).toContain('line break and another');
    // A summary stands on a line of its own: it cannot start a list there.
    const listed = views(PROFILES[HOSTILE.indexOf('- list item') - 1]!);
    expect((await loadFormatter('markdown')).ask(listed.answers, plain)).toContain('\n\\- list item\n');
  });

  it('json: parses back to the same answers, every string exactly as written', async () => {
    const f = await loadFormatter('json');
    for (const yaml of PROFILES) {
      const v = views(yaml);
      expect(JSON.parse(f.compare(v.answers, plain))).toEqual(answersDocument(v.answers));
      expect(JSON.parse(f.ask(v.answers, plain))).toEqual(answersDocument(v.answers));
      const shown = JSON.parse(f.show(v.show, plain)).service;
      expect([shown.name, shown.summary, ...shown.parties.map((p: { name: string }) => p.name)]).toEqual([v.show.profile.name, v.show.profile.summary, ...v.show.profile.parties.map((p) => p.name)]);
    }
  });

  it.runIf(CSV)('csv: no cell starts a formula, whatever the profile says', async () => {
    const f = await loadFormatter('csv' as Format);
    // The rotation that puts the formula in the note of the form 'chat', a column of show's CSV.
    const v = views(PROFILES[HOSTILE.indexOf("=cmd|' /C calc'!A0") - 8]!);
    const text = f.show(v.show, plain) + f.compare(v.answers, plain) + f.ask(v.answers, plain);
    expect(text).toContain("cmd|' /C calc'!A0");
    expectSafe('csv', text);
  });
});

describe('through the command line', () => {
  it.each(FORMAT_NAMES)('ask, compare, show and list in %s: stdout keeps its promises, stderr stays clean', async (format) => {
    const dir = workspace({ 'profiles/hostile.yaml': PROFILES[0]! });
    for (const args of [['ask', 'hostile', 'hostile@sealed'], ['compare', 'hostile', 'hostile@sealed'], ['show', 'hostile'], ['list']]) {
      const r = await runMain([...args, '--profiles', 'profiles', '--format', format], { cwd: dir });
      expect(r.code, args.join(' ')).toBe(0);
      expectSafe(format, r.stdout);
      expect(r.stderr).not.toMatch(STEERING);
    }
  });

  it('a hostile id in a finding: neutralised on stderr and in validate, in every format', async () => {
    const dir = workspace({ 'evil.yaml': `id: ${q('\u001b]0;owned\u0007x')}\nname: ${q('\u001b[2J')}\nparties: {}\nkeys: {}\ndata:\n  m: { kind: content, seen_by: [${q('=cmd|\u001b[31m')}] }\n` });
    const asked = await runMain(['ask', './evil.yaml'], { cwd: dir });
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain("bad-id: '\\x1b]0;owned\\x07x' is not a valid id");
    expect(asked.stderr).not.toMatch(STEERING);
    for (const format of FORMAT_NAMES) {
      const r = await runMain(['validate', 'evil.yaml', '--format', format], { cwd: dir });
      expect(r.code).toBe(1);
      expectSafe(format, r.stdout);
    }
  });

  it('check and diff, in every format, of a profile in a file with a hostile name', async () => {
    const name = '\u001b]0;owned\u0007\u202eevil\u200b,x:y.yaml';
    const dir = workspace({ [name]: PROFILES[0]!, 'p.yaml': 'rules:\n  - { id: sealed, description: Sealed., severity: error, scenario: blanket-order, data: content, forbid: authority-reads }\n' });
    symlinkSync(name, join(dir, 'plain.yaml'));
    for (const format of CHECK_FORMAT_NAMES) {
      const r = await runMain(['check', '--policy', 'p.yaml', `./${name}`, `./${name}@sealed`, '--format', format], { cwd: dir });
      expect(r.code, format).toBe(1);
      expectSafe(format, r.stdout);
      expect(r.stderr).not.toMatch(STEERING);
    }
    for (const format of DIFF_FORMAT_NAMES) {
      const r = await runMain(['diff', `./${name}@sealed`, `./${name}`, '--format', format], { cwd: dir });
      expect(r.code, format).toBe(0);
      expectSafe(format, r.stdout);
      expect(r.stderr).not.toMatch(STEERING);
    }
  });

  it('a hostile service name, option or value on the command line is echoed harmlessly', async () => {
    for (const args of [['ask', 'b\u001b[31mes'], ['ask', 'bes', '--x\u001b]0;t\u0007'], ['ask', 'bes', '--format', 'x\u001b[2J'], ['ask', 'bes@\u202eevil']]) {
      const r = await runMain(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/\\x1b|\\u\{202e\}/);
      expect(r.stderr).not.toMatch(STEERING);
    }
  });
});
