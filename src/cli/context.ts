/**
 * What every command starts from: the scenarios (built-in and `--scenarios`),
 * the catalog and the `--profiles` folders, all validated; and the lookups
 * that turn command-line names into profiles, scenarios and data kinds.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { hasErrors, sortFindings, type Finding } from '../model/finding.js';
import { findDuplicateIds, isScenarioTree, loadProfileTree, type LoadedProfile } from '../model/load.js';
import { isPolicyTree } from '../model/policy.js';
import type { Profile } from '../model/profile.js';
import { findDuplicateScenarios, loadScenarioTree, type Scenario } from '../model/scenarios.js';
import { closest } from '../model/suggest.js';
import { decodeText, parseYaml, type YNode } from '../model/yaml.js';
import { FindingsError, UsageError } from './errors.js';
import { CATALOG_DIR, SCENARIOS_FILE, displayPath, findYamlFiles, isFile, isYamlFile, readInput } from './files.js';
import type { Io } from './io.js';
import { parseServiceArg } from './service-arg.js';

export interface SourceOptions {
  profiles: string[];
  scenarios: string[];
}

export interface Context {
  io: Io;
  scenarios: Scenario[];
  /** The catalog, then each `--profiles` folder, in order. */
  profiles: { loaded: LoadedProfile; origin: 'catalog' | 'profiles' }[];
  /** The same, by id (ids are unique among them). */
  byId: ReadonlyMap<string, LoadedProfile>;
  /** Warnings found while loading, by file. */
  warnings: Finding[];
}

/** Reads and parses one YAML file; a problem reading or parsing it is a finding. */
export function readYaml(path: string, shown: string, cwd: string): { root: YNode | null; findings: Finding[] } {
  const read = readInput(path, shown, cwd);
  if (!read.bytes) return { root: null, findings: read.findings };
  const decoded = decodeText(read.bytes, shown);
  if (decoded.text === undefined) return { root: null, findings: decoded.findings };
  return parseYaml(decoded.text, shown);
}

export function loadScenarios(io: Io, files: readonly string[]): { scenarios: Scenario[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const scenarios: Scenario[] = [];
  const sources = [{ path: SCENARIOS_FILE, shown: displayPath(SCENARIOS_FILE, io.cwd) }, ...files.map((f) => ({ path: f, shown: f }))];
  for (const { path, shown } of sources) {
    const parsed = readYaml(path, shown, io.cwd);
    findings.push(...parsed.findings);
    if (!parsed.root) continue;
    const loaded = loadScenarioTree(parsed.root, shown);
    findings.push(...loaded.findings);
    scenarios.push(...loaded.scenarios);
  }
  const seen = new Set(findings.map((f) => `${f.file}:${f.line}:${f.col}:${f.code}`));
  findings.push(...findDuplicateScenarios(scenarios).filter((f) => !seen.has(`${f.file}:${f.line}:${f.col}:${f.code}`)));
  return { scenarios, findings };
}

/** Loads one profile file against the known scenarios. */
export function loadProfileFile(path: string, shown: string, io: Io, scenarioIds: ReadonlySet<string>) {
  const parsed = readYaml(path, shown, io.cwd);
  if (!parsed.root) return { profile: null, findings: parsed.findings };
  return loadProfileTree(parsed.root, shown, { scenarios: scenarioIds }, parsed.findings);
}

export function catalogFiles(io: Io): string[] {
  return readdirSync(CATALOG_DIR)
    .filter(isYamlFile)
    .sort()
    .map((name) => displayPath(join(CATALOG_DIR, name), io.cwd));
}

/**
 * Loads everything a command needs. Any error stops the run with every
 * finding (exit 2): an invalid profile is never answered.
 */
export function loadContext(io: Io, options: SourceOptions): Context {
  const { scenarios, findings } = loadScenarios(io, options.scenarios);
  if (hasErrors(findings)) throw new FindingsError(sortFindings(findings.filter((f) => f.severity === 'error')));
  const scenarioIds = new Set(scenarios.map((s) => s.id));
  const profiles: Context['profiles'] = [];
  const problems: Finding[] = [...findings];
  const add = (path: string, origin: 'catalog' | 'profiles') => {
    const parsed = readYaml(path, path, io.cwd);
    // A scenario file or a policy in a profiles folder is not a profile.
    if (parsed.root && (isScenarioTree(parsed.root) || isPolicyTree(parsed.root))) return;
    const result = parsed.root ? loadProfileTree(parsed.root, path, { scenarios: scenarioIds }, parsed.findings) : parsed;
    problems.push(...result.findings);
    if ('profile' in result && result.profile) profiles.push({ loaded: result.profile, origin });
  };
  for (const file of catalogFiles(io)) add(file, 'catalog');
  for (const dir of options.profiles) {
    const found = findYamlFiles(dir, io.cwd);
    problems.push(...found.findings);
    for (const file of found.files) add(file, 'profiles');
  }
  problems.push(...findDuplicateIds(profiles.map((p) => p.loaded)));
  if (hasErrors(problems)) throw new FindingsError(sortFindings(problems.filter((f) => f.severity === 'error')));
  return { io, scenarios, profiles, byId: new Map(profiles.map((p) => [p.loaded.id, p.loaded])), warnings: problems };
}

export interface ResolvedService {
  label: string;
  profile: Profile;
  /** The path as given, for a service named by path. */
  file: string | null;
  loaded: LoadedProfile;
}

/** Turns a command-line name into a profile: an id from the catalog or `--profiles`, or a file. */
export function resolveService(ctx: Context, arg: string): ResolvedService {
  const parsed = parseServiceArg(arg, (p) => isFile(p, ctx.io.cwd));
  let loaded: LoadedProfile;
  let file: string | null = null;
  if (parsed.type === 'path') {
    const result = loadProfileFile(parsed.path, parsed.path, ctx.io, new Set(ctx.scenarios.map((s) => s.id)));
    if (!result.profile) throw new FindingsError(sortFindings(result.findings.filter((f) => f.severity === 'error')));
    ctx.warnings.push(...result.findings);
    loaded = result.profile;
    file = parsed.path;
  } else {
    const found = ctx.byId.get(parsed.id);
    if (!found) {
      const suggestion = closest(
        parsed.id,
        ctx.profiles.map((p) => p.loaded.id),
      );
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
  return sortFindings(ctx.warnings.filter((f) => f.severity === 'warning' && files.includes(f.file)));
}
