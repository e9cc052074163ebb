import { drawnDiagrams } from '../catalog.js';
import { loadContext, resolveOrders, resolveServices, warningsFor } from '../context.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import type { CommonOptions, NarrowingOptions } from '../main.js';
import { warn, write } from '../output.js';
import { answered, serviceNames } from './answers.js';

export type ReportOptions = CommonOptions & Omit<NarrowingOptions, 'data'> & { all?: boolean };

/** `report`: the comparison as one HTML page, each service with its diagram. */
export async function runReport(names: readonly string[], opts: ReportOptions, io: Io): Promise<number> {
  if (names.length === 0 && !opts.all) throw new UsageError('name at least one service, or use --all', 'For example: keyholder report --all -o report.html');
  const ctx = await loadContext(io, opts);
  const resolved = await resolveServices(ctx, serviceNames(ctx, names, opts.all));
  const orders = resolveOrders(ctx, [...opts.order, ...opts.scenario], opts.in);
  warn(io, warningsFor(ctx, [...new Set(resolved.map((r) => r.loaded.file))]));
  const [{ report, diagramOf }, { svgDrawer }] = await Promise.all([import('../../format/report.js'), import('../../format/graph/svg.js')]);
  const services = [...answered(resolved, orders, ctx.jurisdictions, undefined, null)];
  const drawer = await svgDrawer(drawnDiagrams(), services.map(diagramOf));
  await write(io, opts.output, opts.color, () => report({ services, orders, jurisdictions: ctx.jurisdictions }, drawer.element));
  return 0;
}
