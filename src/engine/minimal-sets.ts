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
 * are locked inside each other. The families can grow exponentially (six
 * layers of keys held by ten parties each give a million ways in), so each is
 * capped, smallest sets first; where a cap bites, the count is reported as
 * unknown and every set listed is checked against the rules directly, shrunk
 * to a minimal one where needed.
 */
import { closure, type Custody } from './custody.js';

export interface MinimalSetsOptions {
  /** Sets to list at most (the smallest). */
  cap: number;
  /** Sets to keep per family while searching; above it, counting stops. */
  familyCap: number;
}

export const DEFAULT_LIMITS: MinimalSetsOptions = { cap: 50, familyCap: 1000 };

export interface MinimalSets {
  /** Minimal sets as party indices in profile order, by size then profile order; at most `cap`. */
  sets: number[][];
  /** How many minimal sets exist, or null where counting was cut off. */
  total: number | null;
}

/** A set of parties as a bitset, with its size and a key for de-duplication. */
interface Bits {
  w: Uint32Array;
  size: number;
  key: string;
}

type Family = Bits[];

/** Upper bound on pairs formed in one product before its factors are trimmed. */
const PRODUCT_BUDGET = 250_000;
/** Upper bound on node updates in one fixed-point run. */
const STEP_BUDGET = 200_000;

export function minimalSets(
  c: Custody,
  targets: readonly number[],
  free: Uint8Array,
  candidate: Uint8Array,
  options: MinimalSetsOptions = DEFAULT_LIMITS,
): MinimalSets {
  const P = c.partyIds.length;
  const W = Math.max(1, Math.ceil(P / 32));
  let truncated = false;

  const make = (w: Uint32Array): Bits => {
    let size = 0;
    for (let i = 0; i < W; i++) size += popcount(w[i]!);
    return { w, size, key: w.join(',') };
  };
  const EMPTY = make(new Uint32Array(W));
  const single = (p: number): Bits => {
    const w = new Uint32Array(W);
    w[p >>> 5] = 1 << (p & 31);
    return make(w);
  };
  const singles = Array.from({ length: P }, (_, p) => (candidate[p] ? single(p) : EMPTY));

  /** Ways to be given a thing that these parties have: no one needed if one is free. */
  const base = (parties: readonly number[]): Family => {
    if (parties.some((p) => free[p])) return [EMPTY];
    return parties.filter((p) => candidate[p]).map((p) => singles[p]!);
  };

  const minimise = (sets: Bits[]): Family => {
    sets.sort(bySizeThenKey);
    const kept: Bits[] = [];
    const keys = new Set<string>();
    for (const s of sets) {
      if (keys.has(s.key)) continue;
      keys.add(s.key);
      if (kept.some((k) => k.size < s.size && subset(k.w, s.w, W))) continue;
      if (kept.length === options.familyCap) {
        truncated = true;
        break;
      }
      kept.push(s);
    }
    return kept;
  };

  const product = (a: Family, b: Family): Family => {
    if (a.length === 0 || b.length === 0) return [];
    if (a.length === 1 && a[0]!.size === 0) return b;
    if (b.length === 1 && b[0]!.size === 0) return a;
    let x = a;
    let y = b;
    while (x.length * y.length > PRODUCT_BUDGET) {
      truncated = true;
      if (x.length >= y.length) x = x.slice(0, Math.ceil(x.length / 2));
      else y = y.slice(0, Math.ceil(y.length / 2));
    }
    const out: Bits[] = [];
    for (const s of x) {
      for (const t of y) {
        const w = new Uint32Array(W);
        for (let i = 0; i < W; i++) w[i] = s.w[i]! | t.w[i]!;
        out.push(make(w));
      }
    }
    return minimise(out);
  };

  // Only forms and keys the targets depend on matter.
  const F = c.seenBy.length;
  const K = c.keyIds.length;
  const formNeeded = new Uint8Array(F);
  const keyNeeded = new Uint8Array(K);
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

  const formFam: (Family | undefined)[] = new Array(F);
  const keyFam: (Family | undefined)[] = new Array(K);
  const seenFam = new Map<number, Family>();
  const heldFam = new Map<number, Family>();
  const sameFamily = (a: Family | undefined, b: Family) =>
    (a?.length ?? 0) === b.length && (a ?? []).every((s, i) => s.key === b[i]!.key);

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

  let steps = 0;
  for (let head = 0; head < queue.length; head++) {
    if (++steps > STEP_BUDGET) {
      truncated = true;
      break;
    }
    const node = queue[head]!;
    queued[node] = 0;
    if (node < F) {
      const f = node;
      let fam = seenFam.get(f) ?? base(c.seenBy[f]!);
      seenFam.set(f, fam);
      for (const k of c.enc[f]!) {
        if (fam.length === 0) break;
        fam = product(fam, keyFam[k] ?? []);
      }
      if (sameFamily(formFam[f], fam)) continue;
      formFam[f] = fam;
      for (const k of c.contains[f]!) if (keyNeeded[k]) enqueue(F + k);
    } else {
      const k = node - F;
      const held = heldFam.get(k) ?? base(c.heldBy[k]!);
      heldFam.set(k, held);
      const ways = [...held];
      for (const g of c.containedIn[k]!) if (formFam[g]) ways.push(...formFam[g]!);
      const fam = minimise(ways);
      if (sameFamily(keyFam[k], fam)) continue;
      keyFam[k] = fam;
      for (const g of c.locks[k]!) if (formNeeded[g]) enqueue(g);
    }
  }

  const all = minimise(targets.flatMap((f) => formFam[f] ?? []));
  let sets = all.map((b) => members(b.w, P));
  sets.sort(bySizeThenOrder);
  if (!truncated) return { sets: sets.slice(0, options.cap), total: sets.length };

  // Counting was cut off somewhere, so a listed set may be larger than needed:
  // check each against the rules directly, shrinking it to a minimal one.
  const opens = (group: number[]) => {
    const parties: number[] = [...group];
    for (let p = 0; p < P; p++) if (free[p]) parties.push(p);
    const k = closure(c, parties);
    return targets.some((f) => k.readable[f]);
  };
  const out = new Map<string, number[]>();
  for (const set of sets) {
    if (out.size >= options.cap) break;
    if (!opens(set)) continue;
    let shrunk = set;
    for (let i = shrunk.length - 1; i >= 0; i--) {
      const without = shrunk.filter((_, j) => j !== i);
      if (opens(without)) shrunk = without;
    }
    out.set(shrunk.join(','), shrunk);
  }
  sets = [...out.values()].sort(bySizeThenOrder);
  return { sets, total: null };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function subset(a: Uint32Array, b: Uint32Array, W: number): boolean {
  for (let i = 0; i < W; i++) if ((a[i]! & ~b[i]!) !== 0) return false;
  return true;
}

function bySizeThenKey(a: Bits, b: Bits): number {
  return a.size - b.size || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function members(w: Uint32Array, P: number): number[] {
  const out: number[] = [];
  for (let p = 0; p < P; p++) if (w[p >>> 5]! & (1 << (p & 31))) out.push(p);
  return out;
}

export function bySizeThenOrder(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
