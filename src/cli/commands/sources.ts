import { citations } from '../../model/provenance.js';
import { loadContext, resolveServices, warningsFor } from '../context.js';
import type { Io } from '../io.js';
import type { CommonOptions } from '../main.js';
import { emit, warn } from '../output.js';

/**
 * `keyholder sources [service…]`: the sources of each service named (by
 * default every service in the catalog and in --profiles, as `list` and
 * `check` do), each with its date, where to read it, and the claims that
 * cite it; for a variant named (`whatsapp@e2ee-backup`), the sources its
 * profile cites.
 */
export async function runSources(names: readonly string[], opts: CommonOptions, io: Io): Promise<number> {
  const ctx = await loadContext(io, opts);
  const resolved =
    names.length > 0 ? await resolveServices(ctx, names) : ctx.all().map(({ loaded }) => ({ label: loaded.id, profile: loaded.base, loaded }));
  warn(io, warningsFor(ctx, [...new Set(resolved.map((r) => r.loaded.file))]));
  const services = resolved.map((r) => ({ label: r.label, profile: r.profile, sources: citations(r.loaded, r.profile.variant?.name ?? null) }));
  await emit(opts, io, (f, o) => f.sources({ services }, o));
  return 0;
}
