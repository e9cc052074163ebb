/**
 * "Did you mean": the distance works out only the cells near the diagonal,
 * so it is checked against the whole table, on strings from a fixed seed.
 */
import { describe, expect, it } from 'vitest';
import { closest, distance } from '../../src/model/suggest.js';

/** Optimal-string-alignment distance over the whole table: slow, plain, right. */
function whole(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('distance', () => {
  it('is exact up to its limit, and above the limit past it, on 5,000 pairs of strings', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    // Few letters, so that pairs are often near; a word is often a typo of the other.
    const word = () => Array.from({ length: next(14) }, () => 'abc-'[next(4)]).join('');
    // A letter dropped, added or changed, or two swapped.
    const typo = (w: string) => {
      const i = next(w.length + 1);
      const [head, tail] = [w.slice(0, i), w.slice(i)];
      return [head + tail.slice(1), `${head}b${tail}`, `${head}c${tail.slice(1)}`, head + tail.slice(1, 2) + tail.slice(0, 1) + tail.slice(2)][next(4)]!;
    };
    for (let n = 0; n < 5000; n++) {
      const a = word();
      const b = next(2) ? typo(typo(a)) : word();
      const exact = whole(a, b);
      for (const max of [0, 1, 2, 3, 5, Infinity]) {
        const d = distance(a, b, max);
        if (exact <= max) expect(d, `${a} ${b} ${max}`).toBe(exact);
        else expect(d, `${a} ${b} ${max}`).toBeGreaterThan(max);
      }
    }
  });

  it('counts a swap of neighbours as one edit, and names the nearest', () => {
    expect(distance('device-key', 'devcie-key')).toBe(1);
    expect(distance('held_by', 'hled_by')).toBe(1);
    expect(distance('', 'abc')).toBe(3);
    expect(closest('devce-key', ['device-key', 'server-key'])).toBe('device-key');
    expect(closest('zzz', ['device-key'])).toBeUndefined();
  });
});
