import { analyse, answer, BASE_KINDS } from '../../engine/answer.js';
import type { ServiceView } from '../../format/views.js';
import { filesOf, loadContext, resolveKinds, resolveOrders, resolveServices, today, warningsFor } from '../context.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import type { CommonOptions, NarrowingOptions } from '../main.js';
import { emit, warn } from '../output.js';

/** `ask` and `compare`: the same answers, laid out per service or side by side. */
export async function runAnswers(
  command: 'ask' | 'compare',
  names: readonly string[],
  opts: CommonOptions & NarrowingOptions & { all?: boolean },
  io: Io,
): Promise<number> {
  if (names.length === 0 && !opts.all) throw new UsageError(`name at least one service, or use --all`, `For example: keyholder ${command} bbm imessage bes`);
  const ctx = await loadContext(io, opts);
  const everything = opts.all
    ? ctx.all().flatMap(({ loaded }) => [loaded.id, ...[...loaded.variants.keys()].map((v) => `${loaded.id}@${v}`)])
    : [];
  const resolved = await resolveServices(ctx, [...everything, ...names]);
  const orders = resolveOrders(ctx, [...opts.order, ...opts.scenario], opts.in);
  const known = [...new Set([...BASE_KINDS, ...resolved.flatMap((r) => r.profile.forms.map((f) => f.kind))])];
  const kinds = resolveKinds(opts.data, known);
  warn(io, warningsFor(ctx, [...new Set(resolved.flatMap(filesOf))]));
  const day = today(io);
  // Each service's answers are worked out when the format reaches it: a
  // streaming format writes them and lets them go.
  function* services(): Iterable<ServiceView> {
    for (const r of resolved) {
      const analysis = analyse(r.profile);
      const base = r.profile.variant ? r.loaded.base : undefined;
      const answers = orders.map((o) =>
        answer(analysis, o, { ...(kinds ? { kinds } : {}), file: r.file, jurisdictions: ctx.jurisdictions, today: day, ...(base ? { base } : {}) }),
      );
      yield { label: r.label, profile: r.profile, file: r.file, answers };
    }
  }
  const about = { orders, jurisdictions: ctx.jurisdictions, today: day };
  await emit(opts, io, (f, o) => (f.stream ? f.stream({ services: services(), ...about }, o) : f[command]({ services: [...services()], ...about }, o)));
  return 0;
}
