import { loadContext, today } from '../context.js';
import type { Io } from '../io.js';
import type { CommonOptions } from '../main.js';
import { emit } from '../output.js';

export async function runList(opts: CommonOptions, io: Io): Promise<number> {
  const ctx = await loadContext(io, opts);
  const services = ctx.all().map((p) => ({ profile: p.loaded.base, origin: p.origin }));
  await emit(opts, io, (f, o) => f.list({ services, today: today(io) }, o));
  return 0;
}
