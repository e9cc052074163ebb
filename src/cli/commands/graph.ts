import { analysisOf, answer } from '../../engine/answer.js';
import { loadGraphFormatter, type GraphFormat } from '../../format/graph/registry.js';
import type { Order } from '../../model/vocabulary.js';
import { loadContext, resolveOrders, resolveService, warningsFor, type Context } from '../context.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import type { CommonOptions, NarrowingOptions } from '../main.js';
import { warn, write } from '../output.js';

export type GraphOptions = CommonOptions & Omit<NarrowingOptions, 'data'>;

/**
 * The one order a diagram is drawn under, or none (by design). `--in`
 * alone names a jurisdiction with one instrument; with `--order`, it says
 * where the order is from, and must agree.
 */
export function oneOrder(ctx: Context, ids: readonly string[], places: readonly string[]): Order | null {
  if (ids.length === 0 && places.length === 0) return null;
  const named = ids.length > 0 ? resolveOrders(ctx, ids) : resolveOrders(ctx, [], places);
  if (ids.length > 0 && places.length > 0) {
    resolveOrders(ctx, [], places); // every jurisdiction named must exist
    const elsewhere = named.filter((o) => o.jurisdiction === null || !places.includes(o.jurisdiction));
    if (elsewhere.length > 0) {
      throw new UsageError(
        `${elsewhere.map((o) => `'${o.id}'`).join(', ')} ${elsewhere.length === 1 ? 'is not an instrument' : 'are not instruments'} of ${places.join(', ')}`,
        `Run 'keyholder orders --in ${places.join(',')}' to see them.`,
      );
    }
  }
  if (named.length > 1) {
    throw new UsageError(
      `a diagram is drawn under one order, and this names ${named.length}: ${named.map((o) => o.id).join(', ')}`,
      `Name one with --order, for example: keyholder graph <service> --order ${named[0]!.id}`,
    );
  }
  return named[0] ?? null;
}

/** `graph`: one service as a diagram, by design or under one order. */
export async function runGraph(name: string, opts: GraphOptions, io: Io): Promise<number> {
  const ctx = await loadContext(io, opts);
  const resolved = await resolveService(ctx, name);
  const order = oneOrder(ctx, [...opts.order, ...opts.scenario], opts.in);
  warn(io, warningsFor(ctx, [resolved.loaded.file]));
  const base = resolved.profile.variant ? resolved.loaded.base : undefined;
  const answered = order ? answer(analysisOf(resolved.profile), order, { file: resolved.file, jurisdictions: ctx.jurisdictions, ...(base ? { base } : {}) }) : null;
  const draw = await loadGraphFormatter(opts.format as GraphFormat);
  await write(io, opts.output, opts.color, () => draw({ label: resolved.label, profile: resolved.profile, order, answer: answered }));
  return 0;
}
