/**
 * The formats of `diff`: each against a snapshot, and what they promise
 * together: the same changes, regressions marked, nothing smuggled through.
 */
import { describe, expect, it } from 'vitest';
import { DIFF_FORMAT_NAMES, loadDiffFormatter, type DiffFormat } from '../../src/format/diff/registry.js';
import type { DiffView } from '../../src/format/views.js';
import { diffView, expectRectangularTables } from './views.js';

const plain = { color: false, width: 100 };
const EXT: Record<DiffFormat, string> = { table: 'txt', markdown: 'md', json: 'json' };
const render = async (format: DiffFormat, view: DiffView) => (await loadDiffFormatter(format))(view, plain);

describe.each(DIFF_FORMAT_NAMES)('%s', (format) => {
  it('matches its snapshot: a backup key escrowed again', async () => {
    await expect(await render(format, diffView('cloud-backup@e2ee', 'cloud-backup'))).toMatchFileSnapshot(`__snapshots__/diff-${format}.${EXT[format]}`);
  });

  it('says so when nothing changes', async () => {
    const text = await render(format, diffView('relay', 'relay'));
    expect(text).toMatch(format === 'json' ? /"changes": \[\]/ : /No changes in the answers\./);
  });

  it('never prints a terminal escape from a profile or a name', async () => {
    const view = diffView('relay', 'hostile');
    const text = await render(format, { ...view, to: { ...view.to, label: '\u001b[31mred' } });
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
  });
});

describe('the same changes in every format', () => {
  it('json is the engine\'s diff, exactly; table and markdown mark the same regressions', async () => {
    const view = diffView('cloud-backup@e2ee', 'cloud-backup');
    const doc = JSON.parse(await render('json', view));
    expect(doc.changes).toEqual(view.diff.changes);
    expect(doc).toMatchObject({ regression: true, from: { service: 'cloud-backup', variant: 'e2ee' }, to: { service: 'cloud-backup', variant: null } });
    const table = await render('table', view);
    const markdown = await render('markdown', view);
    const marked = (text: string) => text.split('\n').filter((l) => l.includes('(regression)')).length;
    expect(marked(table)).toBe(5);
    expect(marked(markdown)).toBe(5);
  });

  it('table fits 100 columns; markdown tables stay rectangular', async () => {
    const view = diffView('relay', 'global-key');
    for (const line of (await render('table', view)).split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
    expectRectangularTables(await render('markdown', diffView('relay', 'hostile')));
  });
});
