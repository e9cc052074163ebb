/**
 * Minimal sets for every question one answer asks of one group of parties:
 * the ways into a kind of data, the ways into each readable form, and what
 * each way yields. Where few parties can make a difference (most profiles),
 * every group of them is tried once, smallest first, and all the answers are
 * read off that one pass: a group is tried only where it could open a form
 * no smaller group opens. Otherwise each question goes to the bounded search
 * of `minimal-sets.ts`, sharing one budget.
 */
import { closure, dependencyView, type Custody, type Knowledge } from './custody.js';
import { bySizeThenOrder, masksInOrder, minimalSets, popcount, type MinimalSets, type MinimalSetsOptions, type SearchWork } from './minimal-sets.js';

export interface SetFinder {
  /** Every minimal set of candidates that, with the free parties, opens at least one of `targets`. */
  minimal(targets: readonly number[]): MinimalSets;
  /**
   * Every minimal set that opens this one form. Where many parties matter, the
   * searches for the forms of one answer share a budget; past it, a form gets
   * the ways that yield it (each minimal for it too), marked not exact.
   */
  minimalFor(form: number, yielding: () => number[][]): MinimalSets;
  /** What the free parties and this set read together. */
  reads(set: readonly number[]): Knowledge;
}

/**
 * The most steps one finder may take for `kinds` questions of kinds: each
 * kind's search spends at most two budgets (the whole search, then the
 * searches bounded by size), the forms' searches share one more, and a
 * search may overrun its budget by one step of every party and form. An
 * answer uses two finders at most (ways in, and the ways beyond reach).
 */
export function workBound(kinds: number, limits: MinimalSetsOptions, size: number): number {
  return (2 * kinds + 1) * (limits.workBudget + size) + 2 ** limits.tryAll * (kinds + size);
}

/**
 * A finder over one view of a profile: `free` parties join every group,
 * `candidate` parties are the ones sets are made of.
 */
export function setFinder(c: Custody, free: Uint8Array, candidate: Uint8Array, limits: MinimalSetsOptions, base?: Knowledge, work?: SearchWork): SetFinder {
  const P = c.partyIds.length;
  const given: number[] = [];
  const parties: number[] = [];
  for (let p = 0; p < P; p++) {
    if (free[p]) given.push(p);
    else if (candidate[p] && (c.sees[p]!.length > 0 || c.holds[p]!.length > 0)) parties.push(p);
  }
  const alone = base ?? closure(c, given);
  const cache = new Map<string, Knowledge>();
  const reads = (set: readonly number[]): Knowledge => {
    const key = set.join(',');
    let known = cache.get(key);
    if (!known) {
      cache.set(key, (known = closure(c, set, alone)));
      if (work) work.steps++;
    }
    return known;
  };
  if (parties.length <= limits.tryAll) {
    let table: Enumeration | null = null;
    const minimal = (targets: readonly number[]) => fromTable((table ??= enumerate(parties, reads)), targets, limits.cap);
    return { minimal, minimalFor: (form) => minimal([form]), reads };
  }
  // A kind's question is searched in the part of the profile its targets
  // depend on; one form's, by the product of its keys' ways (the search,
  // which touches only what the form depends on), within the shared budget.
  let budget = limits.workBudget;
  return {
    minimal: (targets) => {
      const part = dependencyView(c, targets);
      const found = minimalSets(part.view, part.targets, free, candidate, limits);
      if (work) work.steps += found.work ?? 0;
      return found;
    },
    minimalFor: (form, yielding) => {
      if (budget > 0) {
        const found = minimalSets(c, [form], free, candidate, { ...limits, tryAll: 0, workBudget: Math.min(budget, limits.workBudget / 4) });
        budget -= found.work ?? 0;
        if (work) work.steps += found.work ?? 0;
        if (found.exact && found.total !== null) return found;
      }
      const sets = yielding();
      return { sets: sets.slice(0, limits.cap), total: null, exact: false };
    },
    reads,
  };
}

/** Per form, every minimal mask (over `parties`) that opens it, smallest and earliest first. */
interface Enumeration {
  parties: number[];
  perForm: Map<number, number[]>;
}

/**
 * Tries groups smallest first. A group whose every subset-found form already
 * covers all that the whole group of candidates reads can only repeat them,
 * so it is skipped; any other is closed, and is minimal for each form it
 * opens that none of its subsets did (they were all tried before it).
 */
function enumerate(parties: number[], reads: (set: readonly number[]) => Knowledge): Enumeration {
  const n = parties.length;
  const all = reads(parties).readable;
  const reachable: number[] = [];
  for (let f = 0; f < all.length; f++) if (all[f]) reachable.push(f);
  const perForm = new Map<number, number[]>();
  const found: { mask: number; forms: number[] }[] = [];
  const members = (mask: number) => parties.filter((_, i) => mask & (1 << i));
  for (const mask of masksInOrder(n)) {
    const covered = new Set<number>();
    for (const x of found) if ((x.mask & mask) === x.mask) for (const f of x.forms) covered.add(f);
    if (covered.size === reachable.length) continue;
    const readable = reads(members(mask)).readable;
    const fresh = reachable.filter((f) => readable[f] && !covered.has(f));
    if (fresh.length === 0) continue;
    found.push({ mask, forms: fresh });
    for (const f of fresh) {
      const list = perForm.get(f);
      if (list) list.push(mask);
      else perForm.set(f, [mask]);
    }
  }
  return { parties, perForm };
}

/** The minimal masks opening at least one target: the least of each target's own, in order. */
function fromTable(table: Enumeration, targets: readonly number[], cap: number): MinimalSets {
  const masks = [...new Set(targets.flatMap((f) => table.perForm.get(f) ?? []))].sort((a, b) => popcount(a) - popcount(b) || order(a, b));
  const kept: number[] = [];
  for (const m of masks) if (!kept.some((k) => (k & m) === k)) kept.push(m);
  const sets = kept.map((m) => table.parties.filter((_, i) => m & (1 << i))).sort(bySizeThenOrder);
  return { sets: sets.slice(0, cap), total: sets.length, exact: true };
}

/** Of two masks of one size, the one holding the earliest party only one of them holds comes first. */
function order(a: number, b: number): number {
  const x = a ^ b;
  return x === 0 ? 0 : a & x & -x ? -1 : 1;
}
