/**
 * What a cell says, through the built binary, for the catalog's own cases:
 * stances, unverified claims in words, and no data tier under an order to
 * build access (MODEL.md sections 3.4, 5 and 6).
 */
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

/** stdout of a run that must succeed, with nothing on stderr. */
function out(args: string[]): string {
  const r = run(args, { env: { COLUMNS: '200' } });
  expect([r.code, r.stderr]).toEqual([0, '']);
  return r.stdout;
}

describe('stances', () => {
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
