/**
 * "Did you mean": the nearest name within a small edit distance. A finding
 * that could carry one is made with the word and the names it may be a typo
 * of (`suggesting`), and the nearest is worked out only for findings that can
 * be shown (`withSuggestions`): a file may hold thousands of unknown
 * references, of which a hundred are shown, and each costs a comparison with
 * every name defined.
 */
import { sortFindings, type Finding } from './finding.js';
import { LIMITS } from './limits.js';
import { append } from './append.js';

/** The nearest candidate within a small edit distance, if any. */
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

/** A "did you mean" still to be worked out: the word, and the names it may be a typo of. */
export interface Near {
  word: string;
  among: ReadonlySet<string> | readonly string[];
  /** Where among the finding's args the suggestion goes: the output is as if it had been worked out at once. */
  at: number;
}

/** `f`, to carry the name nearest `word` among `among` if it is shown: after its args, or before the arg `before`. */
export function suggesting(f: Finding, word: string, among: Near['among'], before?: string): Finding {
  const keys = Object.keys(f.args);
  return { ...f, near: { word, among, at: before === undefined ? keys.length : keys.indexOf(before) } };
}

/**
 * Characters of names compared for "did you mean" in one file, at most: a
 * word looked up among N names costs N times its length (a comparison
 * gives up a few characters past the diagonal, so its cost is the word's
 * length times a few). With thousands of long names defined, even the
 * hundred findings shown would cost a second; this is about 25 ms. Past
 * it, the findings shown later in the file come without a suggestion.
 */
export const SUGGESTION_BUDGET = 1_000_000;

/** What working out suggestions took: tests assert this work, not time. */
export interface SuggestWork {
  /** Words looked up among the names. */
  suggested: number;
  /** Characters of names compared with them: each word's length times the names it was compared with. */
  compared: number;
}

/**
 * The nearest names, for one file: each word looked up once among the same
 * names, and no more characters of names compared than the budget.
 */
export class Suggester {
  private budget = SUGGESTION_BUDGET;
  private readonly known = new Map<object, Map<string, string | undefined>>();

  constructor(private readonly work?: SuggestWork) {}

  nearest(word: string, among: Near['among']): string | undefined {
    let words = this.known.get(among);
    if (!words) this.known.set(among, (words = new Map()));
    if (words.has(word)) return words.get(word);
    const cost = ('size' in among ? among.size : among.length) * Math.max(1, word.length);
    if (cost > this.budget) {
      this.budget = 0;
      return undefined;
    }
    this.budget -= cost;
    if (this.work) {
      this.work.suggested++;
      this.work.compared += cost;
    }
    const found = closest(word, among);
    words.set(word, found);
    return found;
  }
}

/**
 * Findings with their suggestions worked out where they can be shown: the
 * first `limit` of each file's errors and of its warnings, in position
 * order. Whatever is shown of them (all findings, the errors alone, the
 * warnings alone: `reportable`) is among these, and findings added later
 * only push these further down. The rest lose their pending suggestion
 * unworked.
 */
export function withSuggestions(findings: readonly Finding[], limit: number = LIMITS.maxFindings, work?: SuggestWork): Finding[] {
  if (!findings.some((f) => f.near)) return [...findings];
  const suggesters = new Map<string, Suggester>();
  const resolved = new Map<Finding, Finding>();
  for (const f of sortFindings(showable(findings, limit))) {
    if (!f.near) continue;
    let suggester = suggesters.get(f.file);
    if (!suggester) suggesters.set(f.file, (suggester = new Suggester(work)));
    const suggestion = suggester.nearest(f.near.word, f.near.among);
    if (suggestion === undefined) continue;
    const args = Object.entries(f.args);
    args.splice(f.near.at, 0, ['suggestion', suggestion]);
    resolved.set(f, { ...f, args: Object.fromEntries(args) });
  }
  return findings.map((f) => {
    if (!f.near) return f;
    const { near, ...rest } = resolved.get(f) ?? f;
    return rest;
  });
}

/**
 * The first `limit` of each file's errors and of its warnings, in position
 * order, as `reportable` picks them (ties in the order given), without
 * sorting them all: a file may have fifty thousand findings.
 */
function showable(findings: readonly Finding[], limit: number): Finding[] {
  // Each file's errors and warnings, apart.
  const groups = new Map<string, { error: Finding[]; warning: Finding[] }>();
  for (const f of findings) {
    let group = groups.get(f.file);
    if (!group) groups.set(f.file, (group = { error: [], warning: [] }));
    group[f.severity].push(f);
  }
  const out: Finding[] = [];
  for (const { error, warning } of groups.values()) {
    for (const group of [error, warning]) {
      if (group.length <= limit) {
        append(out, group);
        continue;
      }
      // A position as one number (columns are below 2^21, past the size cap), and the `limit`-th smallest.
      const at = new Float64Array(group.length);
      group.forEach((f, i) => (at[i] = f.line * 2 ** 21 + f.col));
      const last = at.slice().sort()[limit - 1]!;
      let room = limit - at.filter((x) => x < last).length;
      group.forEach((f, i) => {
        if (at[i]! < last || (at[i] === last && room-- > 0)) out.push(f);
      });
    }
  }
  return out;
}
