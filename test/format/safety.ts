/**
 * What each format promises about text that came from a profile, checked on
 * a whole rendered output: nothing in it can steer a terminal, break a
 * Markdown table, run in a browser or a spreadsheet, or stop the JSON from
 * parsing. Used by the injection tests (fixed hostile strings) and the
 * property tests (generated ones).
 */
import { expect } from 'vitest';

/** Strings a hostile profile might hold in any free-text field. */
export const HOSTILE = [
  '\u001b[31mred\u001b[0m',
  '\u001b[2J\u001b[H',
  '\u001b]0;pwned title\u0007',
  '\u001b]8;;https://evil.example\u001b\\click me\u001b]8;;\u001b\\',
  '\u009b31m eight-bit CSI \u0085 NEL',
  'nul \u0000 bell \u0007 backspace\u0008\u0008 delete \u007f',
  'carriage\rreturn',
  'line\nbreak\r\nand another',
  'tab\there',
  '\u202eright-to-left override\u202c and \u2066isolate\u2069',
  'separators \u2028 and \u2029',
  'pipe | in | a | cell',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '![image](https://evil.example/x.png)',
  '=cmd|\' /C calc\'!A0',
  '+1+2',
  '-2+3',
  '@SUM(A1:A2)',
  '"double" and \'single\' quotes, `code`, **bold**, _em_',
  '# heading',
  '- list item',
  '1. numbered',
  '> quote',
  '&amp; &#x3c; entities',
];

/**
 * Characters that must never reach a terminal raw: C0 controls but the line
 * feed (so every ANSI escape), DEL, C1 controls, bidirectional overrides and
 * marks, and line and paragraph separators.
 */
// eslint-disable-next-line no-control-regex
export const STEERING = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** RFC 4180 records: fields split at commas outside quotes, `""` inside quotes for one `"`. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}

/** Checks one rendered output against its format's promises. */
export function expectSafe(format: string, text: string): void {
  switch (format) {
    case 'table':
      expect(text, 'no raw control character, escape or bidi mark').not.toMatch(STEERING);
      return;
    case 'markdown': {
      expect(text).not.toMatch(STEERING);
      // An autolink to an http(s) address shows the address itself: the only links allowed.
      const rest = text.replace(/<https?:\/\/[\x21-\x3b\x3d\x3f-\x7e]+>/g, '');
      expect(rest, 'no raw HTML').not.toMatch(/<(?!br>)[a-z/!?]/i);
      expect(rest, 'no link or image from the data').not.toMatch(/(?<!\\)\]\(/);
      let header = 0;
      for (const line of text.split('\n')) {
        if (!line.startsWith('|')) {
          header = 0;
          continue;
        }
        const cells = line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length;
        if (header === 0) header = cells;
        expect(cells, `a row with as many cells as its header: ${line}`).toBe(header);
      }
      return;
    }
    case 'json':
      expect(text).not.toMatch(STEERING);
      expect(() => JSON.parse(text)).not.toThrow();
      return;
    case 'csv': {
      // eslint-disable-next-line no-control-regex
      expect(text, 'no escape or bidi mark even inside a quoted cell').not.toMatch(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      const rows = parseCsv(text);
      for (const cell of rows.flat()) if (cell !== '-') expect(cell, 'a cell a spreadsheet would run as a formula').not.toMatch(/^[=+\-@\t\r]/);
      return;
    }
    default:
      throw new Error(`no safety check for the format '${format}': add one here`);
  }
}
