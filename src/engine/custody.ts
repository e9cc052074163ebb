/**
 * The rules of MODEL.md section 2, on a profile indexed by number.
 *
 * A party knows a key if it holds it, or can read a form that contains it.
 * A party can read a form if it sees it and knows every key it is encrypted
 * with. `closure` applies both rules until nothing changes (a least fixed
 * point) for any group of parties pooling what they see and hold, in time
 * linear in the size of the profile: each key, once known, is counted off
 * against the forms it locks, once.
 */
import type { Profile } from '../model/profile.js';
import type { PartyKind } from '../model/vocabulary.js';

export interface Custody {
  profile: Profile;
  partyIds: string[];
  partyKinds: PartyKind[];
  partyIndex: ReadonlyMap<string, number>;
  keyIds: string[];
  keyIndex: ReadonlyMap<string, number>;
  /** Per form: parties that see it, keys it is encrypted with (distinct), keys it contains. */
  seenBy: number[][];
  enc: number[][];
  contains: number[][];
  /** Per key: parties that hold it, forms it locks, forms that contain it. */
  heldBy: number[][];
  locks: number[][];
  containedIn: number[][];
  /** Per party: forms it sees and keys it holds. */
  sees: number[][];
  holds: number[][];
  /** Per form: how many distinct keys seal it, the starting count of `closure`. */
  layers: Int32Array;
}

/** The indices of the ids that are defined, each once, in the order written. */
function lookup(map: ReadonlyMap<string, number>, ids: readonly string[]): number[] {
  const out: number[] = [];
  for (const id of ids) {
    const i = map.get(id);
    if (i !== undefined && !out.includes(i)) out.push(i);
  }
  return out;
}

export function indexProfile(profile: Profile): Custody {
  const partyIds = profile.parties.map((p) => p.id);
  const partyIndex = new Map(partyIds.map((id, i) => [id, i]));
  const keyIds = profile.keys.map((k) => k.id);
  const keyIndex = new Map(keyIds.map((id, i) => [id, i]));
  const P = partyIds.length;
  const K = keyIds.length;
  const seenBy = profile.forms.map((f) => lookup(partyIndex, f.seenBy));
  const enc = profile.forms.map((f) => lookup(keyIndex, f.encryptedWith));
  const contains = profile.forms.map((f) => lookup(keyIndex, f.containsKeys));
  const heldBy = profile.keys.map((k) => lookup(partyIndex, k.heldBy));
  const locks: number[][] = Array.from({ length: K }, () => []);
  const containedIn: number[][] = Array.from({ length: K }, () => []);
  const sees: number[][] = Array.from({ length: P }, () => []);
  const holds: number[][] = Array.from({ length: P }, () => []);
  seenBy.forEach((ps, f) => ps.forEach((p) => sees[p]!.push(f)));
  enc.forEach((ks, f) => ks.forEach((k) => locks[k]!.push(f)));
  contains.forEach((ks, f) => ks.forEach((k) => containedIn[k]!.push(f)));
  heldBy.forEach((ps, k) => ps.forEach((p) => holds[p]!.push(k)));
  return {
    profile,
    partyIds,
    partyKinds: profile.parties.map((p) => p.kind),
    partyIndex,
    keyIds,
    keyIndex,
    seenBy,
    enc,
    contains,
    heldBy,
    locks,
    containedIn,
    sees,
    holds,
    layers: Int32Array.from(enc, (ks) => ks.length),
  };
}

/**
 * The same profile as an order sees it: each party seeing only the forms,
 * and holding only the keys, that the order lets it hand over. Which keys
 * lock or are carried by which forms does not change.
 */
export function restrict(c: Custody, sees: (p: number, f: number) => boolean, holds: (p: number, k: number) => boolean): Custody {
  const P = c.partyIds.length;
  const seenBy: number[][] = c.seenBy.map((ps, f) => ps.filter((p) => sees(p, f)));
  const heldBy: number[][] = c.heldBy.map((ps, k) => ps.filter((p) => holds(p, k)));
  const seesOf: number[][] = Array.from({ length: P }, () => []);
  const holdsOf: number[][] = Array.from({ length: P }, () => []);
  seenBy.forEach((ps, f) => ps.forEach((p) => seesOf[p]!.push(f)));
  heldBy.forEach((ps, k) => ps.forEach((p) => holdsOf[p]!.push(k)));
  return { ...c, seenBy, heldBy, sees: seesOf, holds: holdsOf };
}

/**
 * The part of a profile some target forms depend on (the forms, the keys
 * that lock them, the forms that carry those keys, and so on), as a profile
 * of its own with the same parties: the minimal sets into the targets are
 * the same in both, and every closure over it costs only what the targets
 * depend on. `targets` are the targets' numbers in it.
 */
export function dependencyView(c: Custody, targets: readonly number[]): { view: Custody; targets: number[] } {
  const formAt = new Map<number, number>();
  const keyAt = new Map<number, number>();
  const forms: number[] = [];
  const keys: number[] = [];
  const addForm = (f: number) => {
    if (formAt.has(f)) return;
    formAt.set(f, forms.length);
    forms.push(f);
  };
  targets.forEach(addForm);
  for (let i = 0; i < forms.length; i++) {
    for (const k of c.enc[forms[i]!]!) {
      if (keyAt.has(k)) continue;
      keyAt.set(k, keys.length);
      keys.push(k);
      for (const g of c.containedIn[k]!) addForm(g);
    }
  }
  // Keys a kept form carries but that lock nothing kept matter to no target.
  const P = c.partyIds.length;
  const seenBy = forms.map((f) => c.seenBy[f]!);
  const enc = forms.map((f) => c.enc[f]!.map((k) => keyAt.get(k)!));
  const contains = forms.map((f) => c.contains[f]!.flatMap((k) => (keyAt.has(k) ? [keyAt.get(k)!] : [])));
  const heldBy = keys.map((k) => c.heldBy[k]!);
  const locks: number[][] = keys.map(() => []);
  const containedIn: number[][] = keys.map(() => []);
  const sees: number[][] = Array.from({ length: P }, () => []);
  const holds: number[][] = Array.from({ length: P }, () => []);
  seenBy.forEach((ps, f) => ps.forEach((p) => sees[p]!.push(f)));
  enc.forEach((ks, f) => ks.forEach((k) => locks[k]!.push(f)));
  contains.forEach((ks, f) => ks.forEach((k) => containedIn[k]!.push(f)));
  heldBy.forEach((ps, k) => ps.forEach((p) => holds[p]!.push(k)));
  const view: Custody = {
    ...c,
    keyIds: keys.map((k) => c.keyIds[k]!),
    keyIndex: new Map(keys.map((k, i) => [c.keyIds[k]!, i])),
    seenBy,
    enc,
    contains,
    heldBy,
    locks,
    containedIn,
    sees,
    holds,
    layers: Int32Array.from(enc, (ks) => ks.length),
  };
  return { view, targets: targets.map((f) => formAt.get(f)!) };
}

export interface Knowledge {
  /** Per form: 1 where the group sees it. */
  seen: Uint8Array;
  /** Per form: 1 where the group can read it. */
  readable: Uint8Array;
  /** Per key: 1 where the group knows it. */
  known: Uint8Array;
  /** Per form: how many of its keys the group does not know yet. */
  missing: Int32Array;
}

/**
 * What a group of parties can read together: the least fixed point of the
 * two rules. Given `from`, the group joins a group already closed: only what
 * the newcomers bring is worked through, so many groups sharing a core (the
 * authority's own parties) cost little more than one.
 */
export function closure(c: Custody, parties: Iterable<number>, from?: Knowledge): Knowledge {
  const F = c.seenBy.length;
  const k: Knowledge = from
    ? { seen: from.seen.slice(), readable: from.readable.slice(), known: from.known.slice(), missing: from.missing.slice() }
    : { seen: new Uint8Array(F), readable: new Uint8Array(F), known: new Uint8Array(c.keyIds.length), missing: c.layers.slice() };
  extend(c, parties, k);
  return k;
}

/**
 * What a group of parties reads once it also knows these keys (a key it was
 * made to add to a directory): the same fixed point, from a group's own.
 */
export function closureWithKeys(c: Custody, parties: Iterable<number>, keys: readonly number[]): Knowledge {
  const k = closure(c, parties);
  const queue: number[] = [];
  for (const key of keys) {
    if (k.known[key]) continue;
    k.known[key] = 1;
    queue.push(key);
  }
  drain(c, k, queue);
  return k;
}

const scratch = new WeakMap<Custody, Knowledge>();

/**
 * Whether a group of parties, pooling what they see and hold, can read at
 * least one of the targets: the same fixed point as `closure`, worked in
 * buffers kept for the profile, for the searches that ask it many times.
 */
export function opensAny(c: Custody, parties: Iterable<number>, targets: readonly number[]): boolean {
  let k = scratch.get(c);
  if (!k) {
    const F = c.seenBy.length;
    k = { seen: new Uint8Array(F), readable: new Uint8Array(F), known: new Uint8Array(c.keyIds.length), missing: c.layers.slice() };
    scratch.set(c, k);
  } else {
    k.seen.fill(0);
    k.readable.fill(0);
    k.known.fill(0);
    k.missing.set(c.layers);
  }
  extend(c, parties, k);
  for (const f of targets) if (k.readable[f]) return true;
  return false;
}

/** Adds what these parties see and hold to `k`, and applies the two rules until nothing changes. */
function extend(c: Custody, parties: Iterable<number>, k: Knowledge): void {
  const { seen, readable, known, missing } = k;
  const queue: number[] = [];
  const learn = (key: number) => {
    if (known[key]) return;
    known[key] = 1;
    queue.push(key);
  };
  const open = (f: number) => {
    if (readable[f] || !seen[f] || missing[f]! > 0) return;
    readable[f] = 1;
    for (const key of c.contains[f]!) learn(key);
  };
  const fresh: number[] = [];
  for (const p of parties) {
    for (const f of c.sees[p]!) {
      if (!seen[f]) fresh.push(f);
      seen[f] = 1;
    }
    for (const key of c.holds[p]!) learn(key);
  }
  for (const f of fresh) open(f);
  drain(c, k, queue);
}

/** Counts each newly known key off against the forms it locks, opening those it completes, until no key is left to learn. */
function drain(c: Custody, k: Knowledge, queue: number[]): void {
  const { seen, readable, known, missing } = k;
  while (queue.length > 0) {
    const key = queue.pop()!;
    for (const f of c.locks[key]!) {
      missing[f] = missing[f]! - 1;
      if (readable[f] || !seen[f] || missing[f]! > 0) continue;
      readable[f] = 1;
      for (const next of c.contains[f]!) {
        if (known[next]) continue;
        known[next] = 1;
        queue.push(next);
      }
    }
  }
}
