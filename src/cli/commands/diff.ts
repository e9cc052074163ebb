import { diffProfiles, kindsOf } from '../../engine/diff.js';
import { loadDiffFormatter, type DiffFormat } from '../../format/diff/registry.js';
import { filesOf, loadContext, resolveKinds, resolveOrders, resolveServices, warningsFor, type ResolvedService } from '../context.js';
import type { Io } from '../io.js';
import type { CommonOptions, NarrowingOptions } from '../main.js';
import { warn, write } from '../output.js';

export interface DiffOptions extends CommonOptions, NarrowingOptions {
  failOnRegression?: boolean;
}

/**
 * What changes in the answers from one service to another: two services,
 * two variants, or two versions of one profile file (each named by path).
 * Exit 1 only with `--fail-on-regression` and a regression.
 */
export async function runDiff(fromName: string, toName: string, opts: DiffOptions, io: Io): Promise<number> {
  const ctx = await loadContext(io, opts);
  const [from, to] = (await resolveServices(ctx, [fromName, toName])) as [ResolvedService, ResolvedService];
  const orders = resolveOrders(ctx, [...opts.order, ...opts.scenario], opts.in);
  const known = kindsOf(from.profile, to.profile);
  const kinds = resolveKinds(opts.data, known) ?? known;
  warn(io, warningsFor(ctx, [...new Set([...filesOf(from), ...filesOf(to)])]));
  const diff = diffProfiles(from.profile, to.profile, orders, kinds, ctx.jurisdictions);
  const formatter = await loadDiffFormatter(opts.format as DiffFormat);
  const side = (r: typeof from) => ({ label: r.label, profile: r.profile, file: r.file });
  await write(io, opts.output, opts.color, (options) => formatter({ from: side(from), to: side(to), orders, diff }, options), opts.schemaVersion);
  return opts.failOnRegression && diff.regression ? 1 : 0;
}
