/**
 * Every minimal group of parties whose cooperation opens at least one of the
 * target forms, like the minimal cut sets of a fault tree.
 *
 * For each form and key we keep a family of party sets (an antichain: no set
 * contains another), and apply MODEL.md's two rules to families instead of to
 * one group:
 *
 *   form  = (someone who sees it) x (a way to each of its keys)
 *   key   = (someone who holds it) + (a way into any form containing it)
 *
 * iterated to a least fixed point, which is exact and ends even where keys
 * are locked inside each other. A set that holds a way into the targets
 * already found can only lead to larger ways in, so it is dropped as soon as
 * one is found.
 *
 * The families can grow exponentially (six layers of keys held by ten
 * parties each give a million ways in), so a search keeps at most
 * `familyCap` sets per family, smallest first, and stops after `workBudget`
 * steps; either cut makes the count unknown. Then the smallest sets are
 * sought by searches bounded by size, which are exact for as long as they
 * finish: every minimal set up to the largest size such a search finished
 * is listed before any larger one. Sets from a search that was cut off are
 * checked against the rules directly and shrunk to minimal ones. The time
 * an answer takes is bounded whatever the profile: two budgets of steps,
 * and at most `cap` sets checked.
 */
import { opensAny, type Custody } from './custody.js';
import { append } from '../model/append.js';

export interface MinimalSetsOptions {
  /** Sets to list at most: the smallest, in profile order. */
  cap: number;
  /** Sets to keep per key or form while searching; past it, counting stops. */
  familyCap: number;
  /**
   * Steps (sets formed or compared) the search may take; past it, counting
   * stops. The searches for the smallest sets that follow get as many again.
   */
  workBudget: number;
  /**
   * Where at most this many parties can make a difference, every group of
   * them is tried instead of searching: exact, and cheaper for the handful
   * of parties most profiles have.
   */
  tryAll: number;
}

export const DEFAULT_LIMITS: MinimalSetsOptions = { cap: 50, familyCap: 1000, workBudget: 4_000_000, tryAll: 8 };

export interface MinimalSets {
  /** Minimal sets as party indices in profile order, by size then profile order; at most `cap`. */
  sets: number[][];
  /** How many minimal sets exist, or null where counting was cut off. */
  total: number | null;
  /**
   * Whether `sets` are proven to be the smallest: every minimal set of each
   * size listed comes before any larger one. False where the search was cut
   * off before that could be proven: smaller sets may exist.
   */
  exact: boolean;
  /** Steps the search took (sets formed or compared, groups tried), for callers that share a budget. */
  work?: number;
}

/** The steps searches took, added up over calls: for tests, which assert work, not time. */
export interface SearchWork {
  steps: number;
}

/** A set of parties as a bitset (32 parties a word; plain arrays allocate faster than typed ones), with its size. */
interface Bits {
  w: number[];
  size: number;
}

/** An antichain of sets, by size then profile order. */
type Family = Bits[];

/** Upper bound on sets formed in one product before its factors are trimmed. */
const PRODUCT_BUDGET = 250_000;

export function minimalSets(
  c: Custody,
  targets: readonly number[],
  free: Uint8Array,
  candidate: Uint8Array,
  options: MinimalSetsOptions = DEFAULT_LIMITS,
): MinimalSets {
  const P = c.partyIds.length;
  const few = fewCandidates(c, targets, free, candidate, options);
  if (few) return few;
  const space = new Space(c, targets, free, candidate, options);
  const whole = space.search(Infinity);
  if (!whole.cut) return { ...exact(whole.family, P, options), work: options.workBudget - space.budget };

  // Counting was cut off. A search bounded by size is exact for as long as it
  // finishes, and cheap where small sets are few: raise the bound until one is
  // cut off, or the sets found are enough to list, or no smaller set remains.
  const opens = (group: readonly number[]) => {
    const parties: number[] = [...group];
    for (let p = 0; p < P; p++) if (free[p]) parties.push(p);
    return opensAny(c, parties, targets);
  };
  const found = new Map<string, number[]>();
  const add = (set: number[], checked: boolean) => {
    const minimal = checked ? set : shrink(set, opens);
    if (minimal) found.set(minimal.join(','), minimal);
  };
  space.budget = options.workBudget;
  // Every minimal set of at most this many parties has been found. The
  // sets of the smallest size the whole search saw may be incomplete, so the
  // bound rises through that size too, until the sets found are enough to list.
  let exactUpTo = 0;
  for (let bound = 1; bound <= P && space.budget > 0 && found.size < options.cap; bound++) {
    const bounded = space.search(bound);
    for (const b of bounded.family) add(members(b.w, P), !bounded.cut);
    if (bounded.cut) break;
    exactUpTo = bound;
  }
  for (const b of whole.family) {
    if (found.size >= options.cap) break;
    add(members(b.w, P), false);
  }
  if (found.size === 0) {
    // Nothing came out of the searches: shrink the group of every candidate.
    const everyone = range(P).filter((p) => candidate[p]);
    add(everyone, false);
  }
  const sets = [...found.values()].sort(bySizeThenOrder).slice(0, options.cap);
  // The whole search spent its budget; the bounded ones, what they took of a second.
  return { sets, total: null, exact: sets.every((set) => set.length <= exactUpTo), work: 2 * options.workBudget - Math.max(0, space.budget) };
}

/**
 * Where few parties can make a difference (those that see a form, or hold a
 * key, that the targets depend on), every group of them is tried, smallest
 * first, skipping any group that holds a way in already found: what remains
 * is exactly the minimal ways in, in order. Null where there are more.
 */
function fewCandidates(c: Custody, targets: readonly number[], free: Uint8Array, candidate: Uint8Array, options: MinimalSetsOptions): MinimalSets | null {
  const { formNeeded, keyNeeded } = dependencies(c, targets);
  const matters = new Uint8Array(c.partyIds.length);
  formNeeded.forEach((needed, f) => needed && c.seenBy[f]!.forEach((p) => (matters[p] = 1)));
  keyNeeded.forEach((needed, k) => needed && c.heldBy[k]!.forEach((p) => (matters[p] = 1)));
  const parties: number[] = [];
  const given: number[] = [];
  for (let p = 0; p < c.partyIds.length; p++) {
    if (free[p]) given.push(p);
    else if (candidate[p] && matters[p]) parties.push(p);
  }
  if (parties.length > options.tryAll) return null;
  // Where all of them together cannot open the targets, no group can.
  if (!opensAny(c, [...given, ...parties], targets)) return { sets: [], total: 0, exact: true, work: 1 };
  const n = parties.length;
  const found: number[] = [];
  let tried = 1;
  for (const mask of masksInOrder(n)) {
    if (found.some((f) => (f & mask) === f)) continue;
    const group = [...given];
    for (let i = 0; i < n; i++) if (mask & (1 << i)) group.push(parties[i]!);
    tried++;
    if (opensAny(c, group, targets)) found.push(mask);
  }
  const sets = found.map((mask) => parties.filter((_, i) => mask & (1 << i)));
  return { sets: sets.slice(0, options.cap), total: sets.length, exact: true, work: tried };
}

/** Every group of n parties as a bit mask: by size, then in profile order. Worked out once per n. */
const MASKS: number[][] = [];
export function masksInOrder(n: number): number[] {
  return (MASKS[n] ??= Array.from({ length: 1 << n }, (_, m) => m).sort((a, b) => popcount(a) - popcount(b) || order(a, b)));
}

/** Of two masks of one size, the one holding the earliest party only one of them holds comes first. */
function order(a: number, b: number): number {
  const x = a ^ b;
  return x === 0 ? 0 : a & x & -x ? -1 : 1;
}

function exact(family: Family, P: number, options: MinimalSetsOptions): MinimalSets {
  return { sets: family.slice(0, options.cap).map((b) => members(b.w, P)), total: family.length, exact: true };
}

/**
 * What every search for one answer shares: the sets of one party, the forms
 * and keys the targets depend on, and the work budget.
 */
class Space {
  readonly W: number;
  readonly EMPTY: Bits;
  readonly singles: Bits[];
  readonly formNeeded: Uint8Array;
  readonly keyNeeded: Uint8Array;
  budget: number;

  /** Per form: 1 for a target. */
  readonly isTarget: Uint8Array;

  constructor(
    readonly c: Custody,
    readonly targets: readonly number[],
    readonly free: Uint8Array,
    readonly candidate: Uint8Array,
    readonly options: MinimalSetsOptions,
  ) {
    this.isTarget = new Uint8Array(c.seenBy.length);
    for (const f of targets) this.isTarget[f] = 1;
    const P = c.partyIds.length;
    this.W = Math.max(1, Math.ceil(P / 32));
    this.budget = options.workBudget;
    this.EMPTY = this.make(new Array<number>(this.W).fill(0));
    this.singles = Array.from({ length: P }, (_, p) => {
      const w = new Array<number>(this.W).fill(0);
      w[p >>> 5] = 1 << (p & 31);
      return this.make(w);
    });
    ({ formNeeded: this.formNeeded, keyNeeded: this.keyNeeded } = dependencies(c, targets));
  }

  make(w: number[]): Bits {
    let size = 0;
    for (let i = 0; i < this.W; i++) size += popcount(w[i]!);
    return { w, size };
  }

  /** One run of the fixed point, keeping only sets of at most `bound` parties: the targets' family. */
  search(bound: number): { family: Family; cut: boolean } {
    const search = new Search(this, bound).run();
    return { family: search.familyOf(this.targets), cut: search.cut };
  }
}

/** One run of the fixed point over families. */
class Search {
  /** Set where a family was trimmed or the budget ran out: the result may miss sets. */
  cut = false;
  private readonly formFam: (Family | undefined)[];
  /**
   * The ways into the targets found so far. A set that holds one of them can
   * only lead to larger ways in, so it is dropped from every family; exact,
   * since each minimal way in is built from its own subsets only.
   */
  private solutions: Family = [];

  /**
   * Sets kept per family. A search bounded by size keeps every set within the
   * bound (the work budget alone limits it), so that where it finishes it is
   * exact; the unbounded search keeps the cap.
   */
  private readonly familyCap: number;

  constructor(
    private readonly s: Space,
    private readonly bound: number,
  ) {
    this.formFam = new Array(s.c.seenBy.length);
    this.familyCap = bound === Infinity ? s.options.familyCap : Infinity;
  }

  /** Every minimal way into at least one of these forms. */
  familyOf(targets: readonly number[]): Family {
    return this.minimise(targets.flatMap((f) => this.formFam[f] ?? []));
  }

  private spend(n: number): void {
    this.s.budget -= n;
    if (this.s.budget < 0) this.cut = true;
  }

  /** Ways to be given a thing that these parties have: no one needed if one is free. */
  private base(parties: readonly number[]): Family {
    const { free, candidate, singles, EMPTY } = this.s;
    if (parties.some((p) => free[p])) return [EMPTY];
    return this.bound < 1 ? [] : parties.filter((p) => candidate[p]).map((p) => singles[p]!).sort(bitsBySizeThenOrder);
  }

  private minimise(sets: Bits[]): Family {
    const W = this.s.W;
    const solutions = this.solutions;
    sets.sort(bitsBySizeThenOrder);
    const kept: Bits[] = [];
    let smaller = 0; // kept[0 .. smaller) are smaller than the set at hand: only they can be inside it
    for (let i = 0; i < sets.length; i++) {
      const set = sets[i]!;
      if (i > 0 && sameSet(set, sets[i - 1]!, W)) continue;
      if (kept.length > 0 && kept[kept.length - 1]!.size < set.size) smaller = kept.length;
      this.spend(smaller + solutions.length + 1);
      if (this.s.budget < 0) break; // out of work: `spend` has marked the search cut
      let covered = false;
      for (let j = 0; j < smaller && !covered; j++) covered = subset(kept[j]!.w, set.w, W);
      for (let j = 0; j < solutions.length && !covered && solutions[j]!.size < set.size; j++) covered = subset(solutions[j]!.w, set.w, W);
      if (covered) continue;
      if (kept.length === this.familyCap) {
        this.cut = true;
        break;
      }
      kept.push(set);
    }
    return kept;
  }

  private product(a: Family, b: Family): Family {
    if (a.length === 0 || b.length === 0) return [];
    if (a.length === 1 && a[0]!.size === 0) return b;
    if (b.length === 1 && b[0]!.size === 0) return a;
    let x = a;
    let y = b;
    while (x.length * y.length > PRODUCT_BUDGET) {
      this.cut = true;
      if (x.length >= y.length) x = x.slice(0, Math.ceil(x.length / 2));
      else y = y.slice(0, Math.ceil(y.length / 2));
    }
    this.spend(x.length * y.length);
    const W = this.s.W;
    const out: Bits[] = [];
    for (const s of x) {
      if (this.s.budget < 0) break;
      for (const t of y) {
        const w = new Array<number>(W);
        for (let i = 0; i < W; i++) w[i] = s.w[i]! | t.w[i]!;
        const u = this.s.make(w);
        if (u.size <= this.bound) out.push(u);
      }
    }
    return this.minimise(out);
  }

  run(): this {
    const { c, formNeeded, keyNeeded, W } = this.s;
    const F = c.seenBy.length;
    const K = c.keyIds.length;
    const formFam = this.formFam;
    const keyFam: (Family | undefined)[] = new Array(K);
    const seenFam = new Map<number, Family>();
    const heldFam = new Map<number, Family>();

    const queue: number[] = []; // forms as f, keys as F + k
    const queued = new Uint8Array(F + K);
    const enqueue = (node: number) => {
      if (!queued[node]) {
        queued[node] = 1;
        queue.push(node);
      }
    };
    for (let k = 0; k < K; k++) if (keyNeeded[k]) enqueue(F + k);
    for (let f = 0; f < F; f++) if (formNeeded[f]) enqueue(f);

    for (let head = 0; head < queue.length; head++) {
      if (this.s.budget < 0) break;
      this.spend(1);
      const node = queue[head]!;
      queued[node] = 0;
      if (node < F) {
        const f = node;
        let fam = seenFam.get(f) ?? this.base(c.seenBy[f]!);
        seenFam.set(f, fam);
        for (const k of c.enc[f]!) {
          if (fam.length === 0) break;
          fam = this.product(fam, keyFam[k] ?? []);
        }
        if (sameFamily(formFam[f], fam, W)) continue;
        formFam[f] = fam;
        if (this.s.isTarget[f]) this.solutions = this.minimise([...this.solutions, ...fam]);
        for (const k of c.contains[f]!) if (keyNeeded[k]) enqueue(F + k);
      } else {
        const k = node - F;
        const held = heldFam.get(k) ?? this.base(c.heldBy[k]!);
        heldFam.set(k, held);
        const ways = [...held];
        for (const g of c.containedIn[k]!) if (formFam[g]) append(ways, formFam[g]!);
        const fam = this.minimise(ways);
        if (sameFamily(keyFam[k], fam, W)) continue;
        keyFam[k] = fam;
        for (const g of c.locks[k]!) if (formNeeded[g]) enqueue(g);
      }
    }
    return this;
  }
}

/** Forms and keys the targets depend on: only they matter. */
function dependencies(c: Custody, targets: readonly number[]): { formNeeded: Uint8Array; keyNeeded: Uint8Array } {
  const formNeeded = new Uint8Array(c.seenBy.length);
  const keyNeeded = new Uint8Array(c.keyIds.length);
  const stack = [...targets];
  for (const f of targets) formNeeded[f] = 1;
  while (stack.length > 0) {
    const f = stack.pop()!;
    for (const k of c.enc[f]!) {
      if (keyNeeded[k]) continue;
      keyNeeded[k] = 1;
      for (const g of c.containedIn[k]!) {
        if (!formNeeded[g]) {
          formNeeded[g] = 1;
          stack.push(g);
        }
      }
    }
  }
  return { formNeeded, keyNeeded };
}

/**
 * A sufficient group, shrunk to a minimal one by dropping each member it can
 * do without (last first); null where the group is not sufficient at all.
 */
function shrink(group: readonly number[], opens: (group: readonly number[]) => boolean): number[] | null {
  if (!opens(group)) return null;
  let kept = [...group];
  for (let i = kept.length - 1; i >= 0; i--) {
    const without = kept.filter((_, j) => j !== i);
    if (opens(without)) kept = without;
  }
  return kept;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function subset(a: readonly number[], b: readonly number[], W: number): boolean {
  for (let i = 0; i < W; i++) if ((a[i]! & ~b[i]!) !== 0) return false;
  return true;
}

function sameSet(a: Bits, b: Bits, W: number): boolean {
  if (a.size !== b.size) return false;
  for (let i = 0; i < W; i++) if (a.w[i] !== b.w[i]) return false;
  return true;
}

function sameFamily(a: Family | undefined, b: Family, W: number): boolean {
  return (a?.length ?? 0) === b.length && (a ?? []).every((s, i) => sameSet(s, b[i]!, W));
}

/**
 * By size, then profile order: of two sets of one size, the one holding the
 * earliest party that only one of them holds comes first (the order of their
 * sorted member lists).
 */
function bitsBySizeThenOrder(a: Bits, b: Bits): number {
  if (a.size !== b.size) return a.size - b.size;
  for (let i = 0; i < a.w.length; i++) {
    const x = a.w[i]! ^ b.w[i]!;
    if (x !== 0) return a.w[i]! & x & -x ? -1 : 1;
  }
  return 0;
}

function members(w: readonly number[], P: number): number[] {
  const out: number[] = [];
  for (let p = 0; p < P; p++) if (w[p >>> 5]! & (1 << (p & 31))) out.push(p);
  return out;
}

export function bySizeThenOrder(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
