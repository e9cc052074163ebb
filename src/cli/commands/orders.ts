import { loadContext, resolveOrders } from '../context.js';
import type { Io } from '../io.js';
import type { CommonOptions } from '../main.js';
import { emit } from '../output.js';

/**
 * `keyholder orders [--in …]`: every order the run knows (the built-in ones,
 * those of --scenarios, then each jurisdiction's instruments), or only the
 * instruments of the jurisdictions named.
 */
export async function runOrders(opts: CommonOptions & { in: string[] }, io: Io): Promise<number> {
  const ctx = await loadContext(io, opts);
  const orders = opts.in.length > 0 ? resolveOrders(ctx, [], opts.in) : [...ctx.orders, ...ctx.jurisdictions.flatMap((j) => j.instruments)];
  const jurisdictions = ctx.jurisdictions.filter((j) => orders.some((o) => o.jurisdiction === j.id));
  await emit(opts, io, (f, o) => f.orders({ orders, jurisdictions }, o));
  return 0;
}
