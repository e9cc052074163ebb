/**
 * Each formatter against a snapshot (files under __snapshots__, reviewed like
 * code), and the promises every format makes: the same facts, deterministic
 * output, no colour unless asked, nothing smuggled through.
 */
import { colourPaint } from '../../src/format/paint.js';
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, loadFormatter } from '../../src/format/registry.js';
import { answersView, expectRectangularTables, listView, showView, sourcesView, validateView } from './views.js';

const plain = { color: false, width: 100 };
const SERVICES = ['relay', 'global-key', 'cloud-backup', 'cloud-backup@e2ee'];

describe.each(FORMAT_NAMES)('%s', (format) => {
  const ext = ({ json: 'json', markdown: 'md', csv: 'csv' } as Record<string, string>)[format] ?? 'txt';
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

  it('sources', async () => {
    const f = await loadFormatter(format);
    await expect(f.sources(sourcesView(['relay', 'sourced', 'sourced@sealed']), plain)).toMatchFileSnapshot(snap('sources'));
  });

  it('is byte-identical from run to run', async () => {
    const f = await loadFormatter(format);
    expect(f.compare(answersView(SERVICES), plain)).toBe(f.compare(answersView(SERVICES), plain));
  });

  it('never prints a terminal escape from a profile', async () => {
    const f = await loadFormatter(format);
    for (const text of [
      f.compare(answersView(['hostile']), plain),
      f.ask(answersView(['hostile']), plain),
      f.show(showView('hostile'), plain),
      f.list(listView(['hostile']), plain),
      f.sources(sourcesView(['hostile']), plain),
    ]) {
      // CSV ends its records with CRLF, as RFC 4180 says; a CR anywhere else is a problem.
      // eslint-disable-next-line no-control-regex
      expect(text.replace(/\r\n/g, '\n')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    }
  });
});

describe('table', () => {
  it('fits 100 columns, whatever the number of services', async () => {
    const f = await loadFormatter('table');
    const many = [...SERVICES, 'relay', 'global-key', 'cloud-backup', 'relay'];
    const texts = [
      f.compare(answersView(many), plain),
      f.ask(answersView(SERVICES), plain),
      f.show(showView('relay'), plain),
      f.list(listView(['relay']), plain),
      f.sources(sourcesView(['relay', 'sourced', 'sourced@sealed']), plain),
    ];
    for (const text of texts) {
      for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
    }
  });

  it('colours only when asked', async () => {
    const f = await loadFormatter('table');
    expect(f.compare(answersView(['relay']), plain)).not.toContain('\u001b[');
    expect(f.compare(answersView(['relay']), { color: true, width: 100, paint: colourPaint() })).toContain('\u001b[');
  });

  it('shows control characters from a profile visibly', async () => {
    const f = await loadFormatter('table');
    expect(f.show(showView('hostile'), plain)).toContain('\\x1b[31mred');
  });
});

describe('markdown', () => {
  it('escapes pipes, line breaks, HTML and link syntax from a profile', async () => {
    const f = await loadFormatter('markdown');
    const text = f.compare(answersView(['hostile']), plain) + f.show(showView('hostile'), plain) + f.sources(sourcesView(['hostile']), plain);
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('<img');
    expect(text).not.toMatch(/[^\\]\]\(http:\/\/evil/);
    expect(text).not.toContain('<javascript:');
    expect(text).toContain('Evil \\| Name &lt;script&gt;');
  });

  it('every table row has as many cells as its header', async () => {
    const f = await loadFormatter('markdown');
    const text =
      f.compare(answersView([...SERVICES, 'hostile']), plain) +
      f.show(showView('hostile'), plain) +
      f.list(listView(['relay', 'hostile']), plain) +
      f.sources(sourcesView(['relay', 'sourced', 'hostile']), plain);
    expectRectangularTables(text);
  });
});

describe('json', () => {
  it('parses back to the answers, exactly', async () => {
    const f = await loadFormatter('json');
    const view = answersView(SERVICES);
    const doc = JSON.parse(f.compare(view, plain));
    expect(doc).toEqual({ schemaVersion: 2, answers: view.services.flatMap((s) => s.answers) });
    expect(JSON.parse(f.compare(answersView(['hostile']), plain)).answers[0].service).toBe('hostile');
  });
});

/** RFC 4180, strictly: CRLF after every record, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  expect(text.endsWith('\r\n')).toBe(true);
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        expect(q, 'an unclosed quote').toBeGreaterThanOrEqual(0);
        field += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          field += '"';
          i++;
        } else break;
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      field = text.slice(i, i + end);
      expect(field, 'a bare quote or line break').not.toMatch(/["\r\n]/);
      i += end;
    }
    record.push(field);
    if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
    } else {
      expect(text[i], `after '${field}'`).toBe(',');
      i++;
    }
  }
  return records;
}

describe('csv', () => {
  it('is RFC 4180: every record as wide as the header', async () => {
    const f = await loadFormatter('csv');
    const view = answersView([...SERVICES, 'hostile']);
    const texts = [
      f.compare(view, plain),
      f.list(listView(['relay', 'hostile']), plain),
      f.show(showView('hostile'), plain),
      f.validate(validateView(), plain),
      f.sources(sourcesView(['relay', 'sourced', 'hostile']), plain),
    ];
    for (const text of texts) {
      const [header, ...rows] = parseCsv(text);
      for (const r of rows) expect(r.length).toBe(header!.length);
    }
  });

  it('one row per service, order and data kind; ask and compare alike', async () => {
    const f = await loadFormatter('csv');
    const view = answersView(SERVICES);
    const rows = parseCsv(f.compare(view, plain)).slice(1);
    expect(rows.length).toBe(view.services.reduce((n, s) => n + s.answers.reduce((m, a) => m + a.data.length, 0), 0));
    expect(rows.map((r) => [r[0], r[1], r[3], r[5]].join(' '))).toContain('cloud-backup e2ee blanket-order contacts');
    expect(f.ask(view, plain)).toBe(f.compare(view, plain));
  });

  it('neutralises cells a spreadsheet would read as formulas, and quotes what needs it', async () => {
    const { csvCell } = await import('../../src/format/csv.js');
    expect(['=SUM(A1)', '+1', '-1', '@x', '\tx', 'plain'].map(csvCell)).toEqual(["'=SUM(A1)", "'+1", "'-1", "'@x", '\\x09x', 'plain']);
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell('=a,b')).toBe('"\'=a,b"');
    expect(csvCell('two\r\nlines')).toBe('"two\nlines"');
    expect(csvCell('\u001b[31mred')).toBe('\\x1b[31mred');
    expect([csvCell(null), csvCell(true), csvCell(3)]).toEqual(['', 'true', '3']);
  });

  it('no cell from a hostile profile starts a formula', async () => {
    const f = await loadFormatter('csv');
    const hostile = { ...showView('hostile'), profile: { ...showView('hostile').profile, id: '=cmd|calc' } };
    const cells = [...parseCsv(f.show(hostile, plain)), ...parseCsv(f.list(listView(['hostile']), plain))].flat();
    expect(cells).toContain("'=cmd|calc");
    for (const c of cells) expect(c).not.toMatch(/^[=+\-@]/);
  });
});

describe('--schema-version 1', () => {
  it('json: the v1 document, as scripts written against v1 read it', async () => {
    const f = await loadFormatter('json');
    const doc = JSON.parse(f.compare(answersView(['relay']), { ...plain, schemaVersion: 1 }));
    expect(doc.schemaVersion).toBe(1);
    const a = doc.answers[0];
    expect(Object.keys(a)).toEqual(['service', 'variant', 'file', 'scenario', 'asOf', 'data']);
    expect(a.scenario).toBe('lawful-request');
    expect(a.data.map((d: { kind: string }) => d.kind)).toEqual(['content', 'metadata']);
    expect(a.data[0].authority.via).toEqual([[{ party: 'company', kind: 'customer' }]]);
    expect(Object.keys(a.data[0].authority)).toEqual(['canRead', 'via', 'viaTotal', 'viaExact', 'whyNot', 'remaining', 'remainingTotal', 'remainingExact', 'readable']);
    expect(a.data[0].authority.readable).toEqual([
      { form: 'mail-on-server', place: 'server' },
      { form: 'in-transit', place: 'transit' },
    ]);
  });
});
