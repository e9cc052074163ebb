/**
 * The docs never drift from the code or the data: every block of pasted
 * output in the README (between `<!-- begin output: keyholder … -->` and
 * `<!-- end output -->`, as text or as a Mermaid diagram) and every
 * generated page (docs/catalog.md, docs/report.html) must be
 * what the built binary prints today, with exit code 0, or the code a block
 * names (`<!-- begin output (exit 1): … -->`). `npm run docs` rewrites them.
 * The example workflow's commands must run too.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOG_DATE, ROOT, epochOf } from './helpers.js';
import { run, workspace } from './cli/run.js';

const UPDATE = process.env['UPDATE_DOCS'] === '1';
/**
 * The docs are generated for the catalog's date, so the age of each
 * profile's facts (and which are over two years old) never changes with the
 * calendar.
 */
const pinned = { env: { SOURCE_DATE_EPOCH: epochOf(CATALOG_DATE) } };
const BLOCK = /(<!-- begin output(?: \(exit (\d+)\))?: keyholder ([^\n]*?) -->\n```(?:text|mermaid)\n)([\s\S]*?)(```\n<!-- end output -->)/g;

describe.each(['README.md', 'docs/your-own-profiles.md'])('%s', (name) => {
  const path = join(ROOT, name);
  const text = readFileSync(path, 'utf8');
  const blocks = [...text.matchAll(BLOCK)];

  it('has pasted output to check', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it.each(blocks.map((b) => [b[3]!, b[4]!, Number(b[2] ?? 0)] as const))('keyholder %s', (args, pasted, code) => {
    const r = run(args.split(' '), pinned);
    expect(r.code).toBe(code);
    if (UPDATE) return;
    expect(pasted, `run 'npm run docs' to update ${name}`).toBe(r.stdout);
  });

  if (UPDATE) {
    it('is rewritten', () => {
      writeFileSync(path, text.replace(BLOCK, (_, open: string, __, args: string, ___, close: string) => `${open}${run(args.split(' '), pinned).stdout}${close}`));
    });
  }
});

/** Pages that are wholly the output of one command. */
const GENERATED: [string, string[]][] = [
  ['docs/catalog.md', ['compare', '--all', '--format', 'markdown']],
  ['docs/report.html', ['report', '--all', '--order', 'lawful-request,blanket-order,build-order']],
];

describe.each(GENERATED)('%s', (name, args) => {
  it(`is the output of keyholder ${args.join(' ')}, on ${CATALOG_DATE}`, () => {
    const r = run(args, pinned);
    expect(r.code).toBe(0);
    const path = join(ROOT, name);
    if (UPDATE) writeFileSync(path, r.stdout);
    expect(readFileSync(path, 'utf8'), `run 'npm run docs' to regenerate ${name}`).toBe(r.stdout);
  });
});

describe('examples/github-actions.yml', () => {
  const workflow = parse(readFileSync(join(ROOT, 'examples/github-actions.yml'), 'utf8'));
  const scripts: string[] = workflow.jobs.keyholder.steps.flatMap((step: { run?: string }) => (step.run ? [step.run] : []));

  it('runs keyholder check with options keyholder knows, and writes its reports', () => {
    const command = scripts.find((r) => r.startsWith('keyholder check '))!;
    const args = command
      .replace('policy.yaml', join(ROOT, 'examples/policies/customer-held-keys.yaml'))
      .replace('$SERVICES', 'bes imessage@adp')
      .split(/\s+/)
      .slice(1);
    const dir = workspace({ 'profiles/README.md': 'Our own profiles go here.' });
    const r = run(args, { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^::notice file=/);
    expect(existsSync(join(dir, 'keyholder.sarif')) && existsSync(join(dir, 'keyholder-junit.xml'))).toBe(true);
  });

  it('installs the tarball of this version, never the npm package named keyholder (someone else\'s)', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const installs = scripts.filter((r) => /\bnpm (install|i)\b/.test(r));
    expect(installs).toEqual([`npm install --global ./tools/keyholder-cli-${version}.tgz`]);
  });

  it('fails a pull request whose profile edit is a regression', () => {
    expect(scripts.some((r) => /keyholder diff "\$RUNNER_TEMP\/base\.yaml" "\.\/\$file" --fail-on-regression/.test(r))).toBe(true);
  });
});

describe('install instructions', () => {
  const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`), 'examples/github-actions.yml'];
  it.each(pages)('%s never installs keyholder from the npm registry, where keyholder is someone else\'s', (name) => {
    const text = readFileSync(join(ROOT, name), 'utf8');
    expect(text).not.toMatch(/npm (install|i|add)( -g| --global| -D| --save-dev)* keyholder(@\S*)?(\s|$)/);
    expect(text).not.toMatch(/node_modules\/keyholder\//);
  });
});
