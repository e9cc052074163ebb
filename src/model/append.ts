/**
 * Appends items one at a time. `into.push(...items)` passes every item as an
 * argument, and an array as long as a hostile file can make (a hundred
 * thousand findings) overflows the stack: no input may reach that.
 */
export function append<T>(into: T[], items: Iterable<T>): T[] {
  for (const item of items) into.push(item);
  return into;
}

/** The largest of `values`, or `least` if none is larger; `Math.max(...values)` has the same limit as push. */
export function largest(least: number, values: Iterable<number>): number {
  let max = least;
  for (const v of values) if (v > max) max = v;
  return max;
}
