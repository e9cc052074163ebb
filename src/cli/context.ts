/**
 * What every command starts from: the scenarios (built-in and `--scenarios`),
 * the catalog and the `--profiles` folders, all validated; and the lookups
 * that turn command-line names into profiles, scenarios and data kinds.
 *
 * The catalog comes compiled (see catalog.ts), each profile read only when
 * asked for; YAML is read, with the parser loaded on demand, only for the
 * user's own files, or for a catalog whose compiled form is missing or stale.
 */
import { append } from '../model/append.js';
import { findDuplicates, hasErrors, reportable, sortedErrors, type Finding } from '../model/finding.js';
import type { LoadedProfile } from '../model/load.js';
import type { Profile } from '../model/profile.js';
import { closest } from '../model/suggest.js';
import type { Scenario } from '../model/vocabulary.js';
import { openCompiledCatalog } from './catalog.js';
import { FindingsError, UsageError } from './errors.js';
import { isFile } from './files.js';
import type { Io } from './io.js';
import { parseServiceArg } from './service-arg.js';

export interface SourceOptions {
  profiles: string[];
  scenarios: string[];
}

export type Origin = 'catalog' | 'profiles';

export interface Context {
  io: Io;
  scenarios: Scenario[];
  /** Every service id: the catalog's, then each `--profiles` folder's, in order. */
  ids: string[];
  /** A service by id, read when first asked for. */
  get(id: string): LoadedProfile | undefined;
  /** Every service, with where it came from. */
  all(): { loaded: LoadedProfile; origin: Origin }[];
  /** Warnings found while loading, by file. */
  warnings: Finding[];
}

/**
 * Loads everything a command needs. Any error stops the run with every
 * finding (exit 2): an invalid profile is never answered.
 */
export async function loadContext(io: Io, options: SourceOptions): Promise<Context> {
  const compiled = await openCompiledCatalog(io.cwd);
  const yaml = compiled && options.scenarios.length === 0 && options.profiles.length === 0 ? null : await import('./cold.js');

  // Scenarios: the built-in ones (compiled, or from YAML), then the user's.
  let scenarios = compiled?.scenarios ?? [];
  const problems: Finding[] = [];
  if (yaml) {
    const loaded = yaml.loadScenarioFiles(io, options.scenarios, !compiled);
    scenarios = [...scenarios, ...loaded.scenarios];
    append(problems, [...loaded.findings, ...yaml.duplicateScenarios(scenarios, loaded.findings)]);
    if (hasErrors(problems)) throw new FindingsError(sortedErrors(problems));
  }
  const scenarioIds = new Set(scenarios.map((s) => s.id));

  // The catalog: compiled and read lazily, or every file from YAML.
  const cache = new Map<string, LoadedProfile>();
  const origin = new Map<string, Origin>();
  let catalogIds: string[];
  if (compiled) {
    catalogIds = compiled.ids;
  } else {
    const loaded = yaml!.loadProfileFiles(io, yaml!.catalogFiles(io), scenarioIds);
    append(problems, loaded.findings);
    for (const p of loaded.profiles) cache.set(p.id, p);
    catalogIds = loaded.profiles.map((p) => p.id);
  }
  catalogIds.forEach((id) => origin.set(id, 'catalog'));
  const get = (id: string): LoadedProfile | undefined => {
    let p = cache.get(id);
    if (!p && compiled && origin.get(id) === 'catalog') {
      p = compiled.load(id);
      cache.set(id, p);
    }
    return p;
  };

  // The user's folders: every file, checked, and no id used twice.
  const userIds: string[] = [];
  if (options.profiles.length > 0) {
    const found = yaml!.profileFolderFiles(io, options.profiles);
    const loaded = yaml!.loadProfileFiles(io, found.files, scenarioIds);
    append(problems, [...found.findings, ...loaded.findings]);
    const catalog = new Set(catalogIds);
    const placed = loaded.profiles.map((p) => ({ id: p.id, file: p.file, pos: p.idPos }));
    const clashing = [...new Set(placed.filter((p) => catalog.has(p.id)).map((p) => p.id))];
    const firsts = clashing.map((id) => get(id)!).map((p) => ({ id: p.id, file: p.file, pos: p.idPos }));
    append(problems, findDuplicates([...firsts, ...placed]));
    for (const p of loaded.profiles) {
      if (origin.has(p.id)) continue;
      cache.set(p.id, p);
      origin.set(p.id, 'profiles');
      userIds.push(p.id);
    }
  }
  if (hasErrors(problems)) throw new FindingsError(sortedErrors(problems));
  const ids = [...catalogIds, ...userIds];
  return {
    io,
    scenarios,
    ids,
    get,
    all: () => ids.map((id) => ({ loaded: get(id)!, origin: origin.get(id)! })),
    warnings: problems,
  };
}

export interface ResolvedService {
  label: string;
  profile: Profile;
  /** The path as given, for a service named by path. */
  file: string | null;
  loaded: LoadedProfile;
}

/** Turns a command-line name into a profile: an id from the catalog or `--profiles`, or a file. */
export async function resolveService(ctx: Context, arg: string): Promise<ResolvedService> {
  const parsed = parseServiceArg(arg, (p) => isFile(p, ctx.io.cwd));
  let loaded: LoadedProfile;
  let file: string | null = null;
  if (parsed.type === 'path') {
    const { loadProfileFile } = await import('./cold.js');
    const result = loadProfileFile(parsed.path, parsed.path, ctx.io, new Set(ctx.scenarios.map((s) => s.id)));
    if (!result.profile) throw new FindingsError(sortedErrors(result.findings));
    append(ctx.warnings, result.findings);
    loaded = result.profile;
    file = parsed.path;
  } else {
    const found = ctx.get(parsed.id);
    if (!found) {
      const suggestion = closest(parsed.id, ctx.ids);
      throw new UsageError(
        `unknown service '${parsed.id}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
        "Run 'keyholder list' to see the services, or name a profile file by its path.",
      );
    }
    loaded = found;
  }
  if (parsed.variant === null) return { label: arg, profile: loaded.base, file, loaded };
  const profile = loaded.variants.get(parsed.variant);
  if (!profile) {
    const names = [...loaded.variants.keys()];
    const suggestion = closest(parsed.variant, names);
    throw new UsageError(
      `'${loaded.id}' has no variant '${parsed.variant}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
      names.length > 0 ? `Its variants: ${names.join(', ')}.` : `'${loaded.id}' has no variants.`,
    );
  }
  return { label: arg, profile, file, loaded };
}

/** `--scenario` ids, in the order given; default: every known scenario, built-in first. */
export function resolveScenarios(ctx: Context, ids: readonly string[]): Scenario[] {
  if (ids.length === 0) return ctx.scenarios;
  return ids.map((id) => {
    const found = ctx.scenarios.find((s) => s.id === id);
    if (found) return found;
    const suggestion = closest(
      id,
      ctx.scenarios.map((s) => s.id),
    );
    throw new UsageError(
      `unknown scenario '${id}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
      `Scenarios: ${ctx.scenarios.map((s) => s.id).join(', ')}. Add your own with --scenarios <file>.`,
    );
  });
}

/** `--data` kinds: each must be content, metadata, or a kind one of the services has. */
export function resolveKinds(kinds: readonly string[], known: readonly string[]): string[] | undefined {
  if (kinds.length === 0) return undefined;
  for (const kind of kinds) {
    if (known.includes(kind)) continue;
    const suggestion = closest(kind, known);
    throw new UsageError(
      `unknown data kind '${kind}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
      `Kinds here: ${known.join(', ')}.`,
    );
  }
  return [...kinds];
}

/** Warnings about the files of the services being answered, for stderr. */
export function warningsFor(ctx: Context, files: readonly string[]): Finding[] {
  const wanted = new Set(files);
  return reportable(ctx.warnings.filter((f) => f.severity === 'warning' && wanted.has(f.file)));
}
