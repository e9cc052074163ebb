import { analyse, answer, BASE_KINDS } from '../../engine/answer.js';
import type { Jurisdiction, Order } from '../../model/vocabulary.js';
import type { ServiceView } from '../../format/views.js';
import { filesOf, loadContext, resolveKinds, resolveOrders, resolveServices, today, warningsFor, type Context, type ResolvedService } from '../context.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import type { CommonOptions, NarrowingOptions } from '../main.js';
import { emit, warn } from '../output.js';

/** The services a command over many names: every service and variant with `--all`, then those named. */
export function serviceNames(ctx: Context, names: readonly string[], all: boolean | undefined): string[] {
  const everything = all ? ctx.all().flatMap(({ loaded }) => [loaded.id, ...[...loaded.variants.keys()].map((v) => `${loaded.id}@${v}`)]) : [];
  return [...everything, ...names];
}

/**
 * Each service's answers to each order, worked out when the caller reaches
 * it: a streaming format writes them and lets them go.
 */
export function* answered(
  resolved: readonly ResolvedService[],
  orders: readonly Order[],
  jurisdictions: readonly Jurisdiction[],
  kinds: readonly string[] | undefined,
  day: string | null,
): Iterable<ServiceView> {
  for (const r of resolved) {
    const analysis = analyse(r.profile);
    const base = r.profile.variant ? r.loaded.base : undefined;
    const answers = orders.map((o) => answer(analysis, o, { ...(kinds ? { kinds } : {}), file: r.file, jurisdictions, today: day, ...(base ? { base } : {}) }));
    yield { label: r.label, profile: r.profile, file: r.file, answers };
  }
}

/** `ask` and `compare`: the same answers, laid out per service or side by side. */
export async function runAnswers(
  command: 'ask' | 'compare',
  names: readonly string[],
  opts: CommonOptions & NarrowingOptions & { all?: boolean },
  io: Io,
): Promise<number> {
  if (names.length === 0 && !opts.all) throw new UsageError(`name at least one service, or use --all`, `For example: keyholder ${command} bbm imessage bes`);
  const ctx = await loadContext(io, opts);
  const resolved = await resolveServices(ctx, serviceNames(ctx, names, opts.all));
  const orders = resolveOrders(ctx, [...opts.order, ...opts.scenario], opts.in);
  const known = [...new Set([...BASE_KINDS, ...resolved.flatMap((r) => r.profile.forms.map((f) => f.kind))])];
  const kinds = resolveKinds(opts.data, known);
  warn(io, warningsFor(ctx, [...new Set(resolved.flatMap(filesOf))]));
  const day = today(io);
  // Only the jurisdictions the orders belong to: the built-in orders alone read none.
  const places = [...new Set(orders.flatMap((o) => (o.jurisdiction === null ? [] : [o.jurisdiction])))].flatMap((id) => ctx.jurisdiction(id) ?? []);
  const services = () => answered(resolved, orders, places, kinds, day);
  const about = { orders, jurisdictions: places, today: day };
  await emit(opts, io, (f, o) => (f.stream ? f.stream({ services: services(), ...about }, o) : f[command]({ services: [...services()], ...about }, o)));
  return 0;
}
