/** The day a profile's facts are aged on, worked out without a Date object. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LAST_DAY_MS, isoDay } from '../../src/model/freshness.js';

describe('isoDay', () => {
  it('is the UTC day Date gives, for every time from 1970 to the end of 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: LAST_DAY_MS }), (ms) => {
        expect(isoDay(ms)).toBe(new Date(ms).toISOString().slice(0, 10));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    [0, '1970-01-01'],
    [951_782_400_000, '2000-02-29'],
    [951_868_799_999, '2000-02-29'],
    [4_107_542_400_000, '2100-03-01'],
    [LAST_DAY_MS, '9999-12-31'],
  ])('%i is %s: the first day, leap days, a century that is not a leap year, the last day', (ms, day) => {
    expect(isoDay(ms)).toBe(day);
  });
});
