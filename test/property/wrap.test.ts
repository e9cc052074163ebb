/**
 * Table cells are wrapped a line at a time where the words are one space
 * apart; the lines must be exactly those of laying the words out one by
 * one, which is what `wrap` did for every text before, kept here as the
 * reference.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrap } from '../../src/format/layout.js';
import { RUNS, TIMEOUT } from './arbitraries.js';

/** Word by word: the reference. */
function wordByWord(text: string, width: number, indent = ''): string[] {
  const lead = indent.length < width - 1 ? indent : '';
  const out: string[] = [];
  let line = '';
  let blank = true;
  const flush = () => {
    out.push(line);
    line = lead;
    blank = lead.trim() === '';
  };
  for (let i = 0, end = text.length; i < end; ) {
    while (i < end && text.charCodeAt(i) === 32) i++;
    if (i === end) break;
    let next = text.indexOf(' ', i);
    if (next < 0) next = end;
    let rest = text.slice(i, next);
    i = next;
    while (rest !== '') {
      const sep = blank ? '' : ' ';
      if (line.length + sep.length + rest.length <= width) {
        line += sep + rest;
        blank = blank && rest.trim() === '';
        rest = '';
      } else if (!blank) {
        flush();
      } else {
        const room = Math.max(1, width - line.length);
        line += rest.slice(0, room);
        rest = rest.slice(room);
        flush();
      }
    }
  }
  if (!blank || out.length === 0) out.push(line);
  return out;
}

const word = fc.stringMatching(/^[a-zA-Z()'.,:;-]{1,30}$/);
const text = fc.array(word, { maxLength: 40 }).map((words) => words.join(' '));
const anyText = fc.array(fc.constantFrom('a', 'bb', 'ccc', ' ', '  ', 'x'.repeat(25)), { maxLength: 30 }).map((parts) => parts.join(''));

describe('wrap', () => {
  it(
    'a line at a time gives the lines word by word gives, for words one space apart',
    () => {
      fc.assert(
        fc.property(text, fc.integer({ min: 1, max: 120 }), fc.constantFrom('', ' ', '  ', '    '), (t, width, indent) => {
          expect(wrap(t, width, indent)).toEqual(wordByWord(t, width, indent));
        }),
        { ...RUNS, numRuns: RUNS.numRuns * 10 },
      );
    },
    TIMEOUT,
  );

  it(
    'and any other text as before',
    () => {
      fc.assert(
        fc.property(anyText, fc.integer({ min: 1, max: 60 }), fc.constantFrom('', '  '), (t, width, indent) => {
          expect(wrap(t, width, indent)).toEqual(wordByWord(t, width, indent));
        }),
        { ...RUNS, numRuns: RUNS.numRuns * 10 },
      );
    },
    TIMEOUT,
  );
});
