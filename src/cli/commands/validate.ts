import { append } from '../../model/append.js';
import type { ValidatedFile } from '../../format/views.js';
import { reportable, type Finding } from '../../model/finding.js';
import { findDuplicateIds, isScenarioTree, loadProfileTree, type LoadedProfile } from '../../model/load.js';
import { isPolicyTree, loadPolicyTree } from '../../model/policy.js';
import { checkProvenance } from '../../model/provenance.js';
import { findDuplicateScenarios, loadScenarioTree } from '../../model/scenarios.js';
import { UsageError } from '../errors.js';
import { catalogFiles, duplicateScenarios, loadScenarioFiles, readYaml } from '../yaml-files.js';
import { SCENARIOS_FILE, displayPath, findYamlFiles, isDirectory } from '../files.js';
import type { Io } from '../io.js';
import type { CommonOptions } from '../main.js';
import { emit } from '../output.js';

/**
 * Checks files and folders (default: the catalog and the built-in
 * scenarios): profiles, scenario files (a top-level `scenarios` key) and
 * policies (a top-level `rules` key). Every problem, a file that cannot be
 * read included, is a finding in the result; exit 1 when any is an error.
 */
export async function runValidate(paths: readonly string[], opts: CommonOptions & { strict?: boolean; maxAge?: string }, io: Io): Promise<number> {
  const maxAgeDays = opts.maxAge === undefined ? undefined : parseAge(opts.maxAge);
  const strict = opts.strict || maxAgeDays !== undefined ? { today: new Date().toISOString().slice(0, 10), ...(maxAgeDays !== undefined ? { maxAgeDays } : {}) } : null;
  const targets: string[] = [];
  const findings: Finding[] = [];
  if (paths.length === 0) append(targets, [displayPath(SCENARIOS_FILE, io.cwd), ...catalogFiles(io)]);
  for (const path of [...paths, ...opts.profiles]) {
    if (isDirectory(path, io.cwd)) {
      const found = findYamlFiles(path, io.cwd);
      append(findings, found.findings);
      append(targets, found.files);
    } else targets.push(path);
  }
  const results = new Map<string, ValidatedFile>();
  const entry = (file: string, type: ValidatedFile['type']) => {
    const existing = results.get(file) ?? { file, type, id: null, findings: [] };
    results.set(file, existing);
    return existing;
  };

  // The built-in and --scenarios files, then scenario files among the targets,
  // so that stances may name the scenarios they define.
  const given = loadScenarioFiles(io, opts.scenarios);
  const known = { scenarios: given.scenarios, findings: [...given.findings, ...duplicateScenarios(given.scenarios, given.findings)] };
  const loadedFiles = new Set([displayPath(SCENARIOS_FILE, io.cwd), ...opts.scenarios]);
  const scenarios = [...known.scenarios];
  for (const f of known.findings) entry(f.file, 'scenarios').findings.push(f);
  const parsed = [...new Set(targets)].map((file) => ({ file, ...readYaml(file, file, io.cwd) }));
  for (const p of parsed.filter((x) => isScenarioTree(x.root))) {
    const e = entry(p.file, 'scenarios');
    if (loadedFiles.has(p.file)) continue;
    const loaded = loadScenarioTree(p.root!, p.file);
    append(e.findings, [...p.findings, ...loaded.findings]);
    append(scenarios, loaded.scenarios);
  }
  const scenarioIds = new Set(scenarios.map((s) => s.id));
  for (const p of parsed.filter((x) => isPolicyTree(x.root))) {
    append(entry(p.file, 'policy').findings, loadPolicyTree(p.root!, p.file, { scenarios: scenarioIds }, p.findings).findings);
  }
  const profiles: LoadedProfile[] = [];
  for (const p of parsed.filter((x) => !isScenarioTree(x.root) && !isPolicyTree(x.root))) {
    const e = entry(p.file, 'profile');
    const loaded = p.root ? loadProfileTree(p.root, p.file, { scenarios: scenarioIds }, p.findings) : { profile: null, findings: p.findings };
    if (loaded.profile) profiles.push(loaded.profile);
    if (loaded.profile && strict) append(loaded.findings, checkProvenance(loaded.profile, strict));
    const id = p.root?.type === 'map' ? p.root.entries.get('id')?.value : undefined;
    if (id?.type === 'scalar' && typeof id.value === 'string') e.id = id.value;
    append(e.findings, loaded.findings);
  }
  for (const f of [...findings, ...findDuplicateIds(profiles), ...findDuplicateScenarios(scenarios)]) {
    const e = entry(f.file, 'profile');
    if (!e.findings.some((x) => x.code === f.code && x.line === f.line && x.col === f.col)) e.findings.push(f);
  }
  // Only files that were asked for, or that have something to say.
  const files = [...results.values()]
    .filter((r) => targets.includes(r.file) || r.findings.length > 0)
    .map((r) => ({ ...r, findings: reportable(r.findings) }));
  await emit(opts, io, (f, o) => f.validate({ files }, o));
  return files.some((f) => f.findings.some((x) => x.severity === 'error')) ? 1 : 0;
}

const UNIT_DAYS: Record<string, number> = { d: 1, w: 7, m: 30, y: 365 };

/** `90d`, `26w`, `18m`, `2y` (or a bare number of days) -> days. */
export function parseAge(text: string): number {
  const match = /^(\d+)([dwmy]?)$/.exec(text.trim());
  if (!match) throw new UsageError(`--max-age '${text}' is not an age`, 'Write it as a number of days, weeks, months or years: 90d, 26w, 18m, 2y.');
  return Number(match[1]) * UNIT_DAYS[match[2] || 'd']!;
}
