/**
 * Table cells are wrapped a line at a time where the words are one space
 * apart; the lines must be exactly those of laying the words out one by
 * one, which is what `wrap` did for every text before, kept here as the
 * reference.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordByWord, wrap } from '../../src/format/layout.js';
import { RUNS, TIMEOUT } from './arbitraries.js';

/** Word by word, the way every text was wrapped before: the reference. */
const reference = (text: string, width: number, indent = '') => wordByWord(text, width, indent.length < width - 1 ? indent : '');

const word = fc.stringMatching(/^[a-zA-Z()'.,:;-]{1,30}$/);
const text = fc.array(word, { maxLength: 40 }).map((words) => words.join(' '));
const anyText = fc.array(fc.constantFrom('a', 'bb', 'ccc', ' ', '  ', 'x'.repeat(25)), { maxLength: 30 }).map((parts) => parts.join(''));

describe('wrap', () => {
  it(
    'a line at a time gives the lines word by word gives, for words one space apart',
    () => {
      fc.assert(
        fc.property(text, fc.integer({ min: 1, max: 120 }), fc.constantFrom('', ' ', '  ', '    '), (t, width, indent) => {
          expect(wrap(t, width, indent)).toEqual(reference(t, width, indent));
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
          expect(wrap(t, width, indent)).toEqual(reference(t, width, indent));
        }),
        { ...RUNS, numRuns: RUNS.numRuns * 10 },
      );
    },
    TIMEOUT,
  );
});
