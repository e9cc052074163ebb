/** "Did you mean": the nearest candidate within a small edit distance, if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const d = distance(word, candidate, bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Three rows of the distance table, reused by every call: allocating them was most of its cost. */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent swaps): exact
 * up to `max`, and some number above `max` beyond it. Only the cells within
 * `max` of the diagonal are worked out (any other is more than `max`), so a
 * comparison costs the length times `2 * max + 1`, not the length squared.
 */
export function distance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  const band = Math.min(max, Math.max(n, m));
  const FAR = 0x3fffffff; // a cell outside the band: further than any distance
  if (rows[0].length < m + 2) rows = [new Int32Array(m + 2), new Int32Array(m + 2), new Int32Array(m + 2)];
  let [before, prev, row] = rows;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(m, i + band);
    row[0] = i;
    row[lo - 1] = lo === 1 ? i : FAR;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, before[j - 2]! + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < m) row[hi + 1] = FAR;
    if (rowMin > max) return max + 1;
    const spare = before;
    before = prev;
    prev = row;
    row = spare;
  }
  return prev[m]!;
}
