/**
 * Reading YAML files from disk: the user's profiles, scenario files and
 * policies, and the catalog itself where its compiled form is missing or
 * stale. Loaded only when a command needs YAML, so a run that answers from
 * the compiled catalog never loads the parser or the validator.
 */
import { append } from '../model/append.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../model/finding.js';
import { isScenarioTree, loadProfileTree, type LoadedProfile } from '../model/load.js';
import { isPolicyTree } from '../model/policy.js';
import { findDuplicateScenarios, loadScenarioTree } from '../model/scenarios.js';
import type { Scenario } from '../model/vocabulary.js';
import { decodeText, parseYaml, type YNode } from '../model/yaml.js';
import { CATALOG_DIR, SCENARIOS_FILE, displayPath, findYamlFiles, isYamlFile, readInput } from './files.js';
import type { Io } from './io.js';

/** Reads and parses one YAML file; a problem reading or parsing it is a finding. */
export function readYaml(path: string, shown: string, cwd: string): { root: YNode | null; findings: Finding[] } {
  const read = readInput(path, shown, cwd);
  if (!read.bytes) return { root: null, findings: read.findings };
  const decoded = decodeText(read.bytes, shown);
  if (decoded.text === undefined) return { root: null, findings: decoded.findings };
  return parseYaml(decoded.text, shown);
}

/** Scenarios from files: the built-in file unless `builtIn` is false, then each file given. */
export function loadScenarioFiles(io: Io, files: readonly string[], builtIn = true): { scenarios: Scenario[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const scenarios: Scenario[] = [];
  const sources = [...(builtIn ? [{ path: SCENARIOS_FILE, shown: displayPath(SCENARIOS_FILE, io.cwd) }] : []), ...files.map((f) => ({ path: f, shown: f }))];
  for (const { path, shown } of sources) {
    const parsed = readYaml(path, shown, io.cwd);
    append(findings, parsed.findings);
    if (!parsed.root) continue;
    const loaded = loadScenarioTree(parsed.root, shown);
    append(findings, loaded.findings);
    append(scenarios, loaded.scenarios);
  }
  return { scenarios, findings };
}

/** Every scenario id used twice, once each, among scenarios already checked file by file. */
export function duplicateScenarios(scenarios: readonly Scenario[], already: readonly Finding[]): Finding[] {
  const seen = new Set(already.map((f) => `${f.file}:${f.line}:${f.col}:${f.code}`));
  return findDuplicateScenarios(scenarios).filter((f) => !seen.has(`${f.file}:${f.line}:${f.col}:${f.code}`));
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
 * Loads profile files, skipping scenario files and policies (a folder may
 * keep them beside its profiles): the valid profiles, and every finding.
 */
export function loadProfileFiles(io: Io, files: readonly string[], scenarioIds: ReadonlySet<string>): { profiles: LoadedProfile[]; findings: Finding[] } {
  const profiles: LoadedProfile[] = [];
  const findings: Finding[] = [];
  for (const path of files) {
    const parsed = readYaml(path, path, io.cwd);
    if (parsed.root && (isScenarioTree(parsed.root) || isPolicyTree(parsed.root))) continue;
    append(findings, parsed.findings);
    if (!parsed.root) continue;
    const result = loadProfileTree(parsed.root, path, { scenarios: scenarioIds });
    append(findings, result.findings);
    if (result.profile) profiles.push(result.profile);
  }
  return { profiles, findings };
}

/** Every YAML file under the `--profiles` folders, with any problem finding them. */
export function profileFolderFiles(io: Io, dirs: readonly string[]): { files: string[]; findings: Finding[] } {
  const files: string[] = [];
  const findings: Finding[] = [];
  for (const dir of dirs) {
    const found = findYamlFiles(dir, io.cwd);
    append(findings, found.findings);
    append(files, found.files);
  }
  return { files, findings };
}
