import { loadContext, resolveService, warningsFor } from '../context.js';
import type { Io } from '../io.js';
import type { CommonOptions } from '../main.js';
import { emit, warn } from '../output.js';

export async function runShow(service: string, opts: CommonOptions, io: Io): Promise<number> {
  const ctx = await loadContext(io, opts);
  const resolved = await resolveService(ctx, service);
  warn(io, warningsFor(ctx, [resolved.loaded.file]));
  await emit(opts, io, (f, o) => f.show({ label: resolved.label, profile: resolved.profile, file: resolved.file, orders: ctx.orders }, o));
  return 0;
}
