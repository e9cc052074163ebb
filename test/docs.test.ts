/**
 * The docs never drift from the code or the data: every block of pasted
 * output in the README (between `<!-- begin output: keyholder … -->` and
 * `<!-- end output -->`) and every generated page (docs/catalog.md) must be
 * what the built binary prints today. `npm run docs` rewrites them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import { run } from './cli/run.js';

const UPDATE = process.env['UPDATE_DOCS'] === '1';
const BLOCK = /(<!-- begin output: keyholder ([^\n]*?) -->\n```text\n)([\s\S]*?)(```\n<!-- end output -->)/g;

describe.each(['README.md'])('%s', (name) => {
  const path = join(ROOT, name);
  const text = readFileSync(path, 'utf8');
  const blocks = [...text.matchAll(BLOCK)];

  it('has pasted output to check', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it.each(blocks.map((b) => [b[2]!, b[3]!]))('keyholder %s', (args, pasted) => {
    const r = run(args.split(' '));
    expect(r.code).toBe(0);
    if (UPDATE) return;
    expect(pasted, `run 'npm run docs' to update ${name}`).toBe(r.stdout);
  });

  if (UPDATE) {
    it('is rewritten', () => {
      writeFileSync(path, text.replace(BLOCK, (_, open: string, args: string, __, close: string) => `${open}${run(args.split(' ')).stdout}${close}`));
    });
  }
});

/** Pages that are wholly the output of one command. */
const GENERATED: [string, string[]][] = [['docs/catalog.md', ['compare', '--all', '--format', 'markdown']]];

describe.each(GENERATED)('%s', (name, args) => {
  it(`is the output of keyholder ${args.join(' ')}`, () => {
    const r = run(args);
    expect(r.code).toBe(0);
    const path = join(ROOT, name);
    if (UPDATE) writeFileSync(path, r.stdout);
    expect(readFileSync(path, 'utf8'), `run 'npm run docs' to regenerate ${name}`).toBe(r.stdout);
  });
});
