/**
 * What a cell says, through the built binary, for the catalog's own cases:
 * a stance only where it belongs, unverified claims in words, and no data
 * tier under an order to build access (MODEL.md sections 3.4, 5 and 6).
 */
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

/** stdout of a run that must succeed, with nothing on stderr. */
function out(args: string[]): string {
  const r = run(args, { env: { COLUMNS: '200' } });
  expect([r.code, r.stderr]).toEqual([0, '']);
  return r.stdout;
}

describe('a stance is shown beside the way in it belongs to, never beside one it has nothing to do with', () => {
  it.each(['table', 'markdown'])('bes under pk-crpc-94, readable via the enterprise alone: no BlackBerry stance (%s)', (format) => {
    const text = out(['ask', 'bes', '--order', 'pk-crpc-94', '-d', 'content', '--format', format]);
    expect(text).toContain('via Enterprise: Mail on the enterprise');
    expect(text).not.toContain('BlackBerry complies');
  });

  it.each(['table', 'markdown'])('whatsapp under us-sca-warrant, readable via Google or Apple: no Meta stance (%s)', (format) => {
    const text = out(['compare', 'whatsapp', '--order', 'us-sca-warrant', '-d', 'content', '--format', format]);
    expect(text).toContain('via Google or Apple: Chat backup');
    expect(text).not.toContain('Meta complies');
  });

  it.each(['table', 'markdown'])('bes under lawful-request: BlackBerry\'s stance beside it where it reads with the enterprise (%s)', (format) => {
    const text = out(['ask', 'bes', '--order', 'lawful-request', '-d', 'content', '--format', format]);
    expect(text).toContain('reads Message in transit: via Enterprise + BlackBerry (complies), or Enterprise + Mobile carrier');
    expect(text).not.toContain('stance: BlackBerry');
  });

  it('JSON keeps every stance', () => {
    const [a] = JSON.parse(out(['ask', 'bes', '--order', 'pk-crpc-94', '-d', 'content', '--format', 'json'])).answers;
    expect(a.data[0].stances.map((s: { party: string; position: string }) => [s.party, s.position])).toEqual([['blackberry', 'comply']]);
  });

  it.each(['table', 'markdown'])('where nothing is readable, the stance is shown: BlackBerry refuses the blanket order (%s)', (format) => {
    expect(out(['ask', 'bes', '--order', 'blanket-order', '-d', 'content', '--format', format])).toContain('stance: BlackBerry refuses');
  });

  it.each(['table', 'markdown'])('under an order to build access that no build answers, the stance is shown (%s)', (format) => {
    const text = out(['ask', 'imessage', '--order', 'uk-tcn', '-d', 'metadata', '--format', format]);
    expect(text).toContain('no build yields it');
    expect(text).toContain('stance: Apple refuses (as for build-order)');
  });
});

describe('unverified claims in words, with the profile\'s names; JSON keeps the codes', () => {
  it.each(['table', 'markdown'])('%s', (format) => {
    const text = out(['ask', 'whatsapp', '--order', 'us-all-writs-2016', '-d', 'content', '--format', format]);
    expect(text).toContain("unverified: Chat backup, who could notice changed software shipped to Users' phones");
    expect(text).not.toMatch(/form:|detection:|code_from:/);
  });

  it('in a conversation, a claim about every participant\'s copy names the element once', () => {
    expect(out(['ask', 'whatsapp+whatsapp', '--order', 'us-all-writs-2016', '-d', 'content'])).toContain(
      "unverified: Chat backup, who could notice changed software shipped to Users' phones",
    );
  });

  it('json', () => {
    const [a] = JSON.parse(out(['ask', 'whatsapp', '--order', 'us-all-writs-2016', '-d', 'content', '--format', 'json'])).answers;
    expect(a.data[0].unverified).toEqual(['form:chat-backup', 'detection:code_from:user']);
  });
});

describe('CSV: no data tier under an order to build access', () => {
  it('the cells from can_read to last_resort are empty beside the builds', () => {
    const [header, content] = out(['ask', 'bes', '--order', 'build-order', '-d', 'content', '--format', 'csv']).split('\r\n');
    const columns = header!.split(',');
    // No cell before `builds` holds a comma here, so the row splits as the header does up to there.
    const cells = content!.split(',');
    expect(columns.slice(columns.indexOf('can_read'), columns.indexOf('builds'))).toEqual([
      'can_read', 'ways', 'ways_total', 'ways_exact', 'readable', 'sealed', 'unreached', 'remaining', 'remaining_total', 'remaining_exact', 'last_resort',
    ]);
    expect(cells.slice(columns.indexOf('can_read'), columns.indexOf('builds'))).toEqual(Array(11).fill(''));
    expect(cells[columns.indexOf('builds')]).toMatch(/^"blackberry code user: /);
  });

  it('under an order that hands data over, they are filled', () => {
    const [header, content] = out(['ask', 'bes', '--order', 'lawful-request', '-d', 'content', '--format', 'csv']).split('\r\n');
    const can = header!.split(',').indexOf('can_read');
    expect(content!.split(',')[can]).toBe('true');
  });
});
