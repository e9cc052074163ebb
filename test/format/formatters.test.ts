/**
 * Each formatter against a snapshot (files under __snapshots__, reviewed like
 * code), and the promises every format makes: the same facts, deterministic
 * output, no colour unless asked, nothing smuggled through.
 */
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, loadFormatter } from '../../src/format/registry.js';
import { answersView, expectRectangularTables, listView, showView, validateView } from './views.js';

const plain = { color: false, width: 100 };
const SERVICES = ['relay', 'global-key', 'cloud-backup', 'cloud-backup@e2ee'];

describe.each(FORMAT_NAMES)('%s', (format) => {
  const ext = format === 'json' ? 'json' : format === 'markdown' ? 'md' : 'txt';
  const snap = (name: string) => `__snapshots__/${format}-${name}.${ext}`;

  it('compare', async () => {
    const f = await loadFormatter(format);
    await expect(f.compare(answersView(SERVICES), plain)).toMatchFileSnapshot(snap('compare'));
  });

  it('ask', async () => {
    const f = await loadFormatter(format);
    await expect(f.ask(answersView(['relay', 'cloud-backup@e2ee']), plain)).toMatchFileSnapshot(snap('ask'));
  });

  it('list', async () => {
    const f = await loadFormatter(format);
    await expect(f.list(listView(['relay', 'global-key', 'cloud-backup']), plain)).toMatchFileSnapshot(snap('list'));
  });

  it('show', async () => {
    const f = await loadFormatter(format);
    await expect(f.show(showView('relay'), plain)).toMatchFileSnapshot(snap('show'));
  });

  it('validate', async () => {
    const f = await loadFormatter(format);
    await expect(f.validate(validateView(), plain)).toMatchFileSnapshot(snap('validate'));
  });

  it('is byte-identical from run to run', async () => {
    const f = await loadFormatter(format);
    expect(f.compare(answersView(SERVICES), plain)).toBe(f.compare(answersView(SERVICES), plain));
  });

  it('never prints a terminal escape from a profile', async () => {
    const f = await loadFormatter(format);
    for (const text of [f.compare(answersView(['hostile']), plain), f.ask(answersView(['hostile']), plain), f.show(showView('hostile'), plain), f.list(listView(['hostile']), plain)]) {
      // eslint-disable-next-line no-control-regex
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    }
  });
});

describe('table', () => {
  it('fits 100 columns, whatever the number of services', async () => {
    const f = await loadFormatter('table');
    const many = [...SERVICES, 'relay', 'global-key', 'cloud-backup', 'relay'];
    for (const text of [f.compare(answersView(many), plain), f.ask(answersView(SERVICES), plain), f.show(showView('relay'), plain), f.list(listView(['relay']), plain)]) {
      for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
    }
  });

  it('colours only when asked', async () => {
    const f = await loadFormatter('table');
    expect(f.compare(answersView(['relay']), plain)).not.toContain('\u001b[');
    expect(f.compare(answersView(['relay']), { color: true, width: 100 })).toContain('\u001b[');
  });

  it('shows control characters from a profile visibly', async () => {
    const f = await loadFormatter('table');
    expect(f.show(showView('hostile'), plain)).toContain('\\x1b[31mred');
  });
});

describe('markdown', () => {
  it('escapes pipes, line breaks, HTML and link syntax from a profile', async () => {
    const f = await loadFormatter('markdown');
    const text = f.compare(answersView(['hostile']), plain) + f.show(showView('hostile'), plain);
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('<img');
    expect(text).not.toMatch(/[^\\]\]\(http:\/\/evil/);
    expect(text).not.toContain('<javascript:');
    expect(text).toContain('Evil \\| Name &lt;script&gt;');
  });

  it('every table row has as many cells as its header', async () => {
    const f = await loadFormatter('markdown');
    const text = f.compare(answersView([...SERVICES, 'hostile']), plain) + f.show(showView('hostile'), plain);
    expectRectangularTables(text);
  });
});

describe('json', () => {
  it('parses back to the answers, exactly', async () => {
    const f = await loadFormatter('json');
    const view = answersView(SERVICES);
    const doc = JSON.parse(f.compare(view, plain));
    expect(doc).toEqual({ schemaVersion: 1, answers: view.services.flatMap((s) => s.answers) });
    expect(JSON.parse(f.compare(answersView(['hostile']), plain)).answers[0].service).toBe('hostile');
  });
});
