/**
 * Reading YAML files from disk: the user's profiles, order files,
 * jurisdiction files and policies, and the catalog itself where its compiled
 * form is missing or stale. Loaded only when a command needs YAML, so a run
 * that answers from the compiled catalog never loads the parser or the
 * validator.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../model/finding.js';
import { loadProfileTree, type LoadedProfile } from '../model/load.js';
import { findDuplicateOrders, isJurisdictionTree, isOrderTree, loadJurisdictionTree, loadOrderTree } from '../model/orders.js';
import { isPolicyTree } from '../model/policy.js';
import type { Jurisdiction, Order } from '../model/vocabulary.js';
import { decodeText, parseYaml, type YNode } from '../model/yaml.js';
import { CATALOG_DIR, JURISDICTIONS_DIR, SCENARIOS_FILE, findYamlFiles, isYamlFile, packagePath, readInput, userPath } from './files.js';
import type { Io } from './io.js';
import type { Read } from './stdin.js';
import { append } from '../model/append.js';

/** A file to read, and the name output gives it: a user's file as userPath names it, or a package file's path in the package. */
export interface InputFile {
  path: string;
  shown: string;
}

/** A file the user named (or found in a folder they named): shown as userPath says, relative to `cwd` where it lies below it. */
export const ofUser = (path: string, cwd: string): InputFile => ({ path, shown: userPath(path, cwd) });

/** A file of the package, shown by its path in the package. */
const ofPackage = (path: string): InputFile => ({ path, shown: packagePath(path) });

/** The built-in orders. */
export const builtInScenarios = (): InputFile => ofPackage(SCENARIOS_FILE);

/** Reads and parses one YAML file; a problem reading or parsing it is a finding. */
export function readYaml(path: string, shown: string, cwd: string): { root: YNode | null; findings: Finding[] } {
  return parseRead(readInput(path, shown, cwd), shown);
}

/** Parses what was read of a file or of standard input; a problem reading, decoding or parsing it is a finding. */
export function parseRead(read: Read, shown: string): { root: YNode | null; findings: Finding[] } {
  if (!read.bytes) return { root: null, findings: read.findings };
  const decoded = decodeText(read.bytes, shown);
  if (decoded.text === undefined) return { root: null, findings: decoded.findings };
  return parseYaml(decoded.text, shown);
}

/** Orders from files: the built-in file unless `builtIn` is false, then each `--scenarios` file given. */
export function loadOrderFiles(io: Io, files: readonly string[], builtIn = true): { orders: Order[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const orders: Order[] = [];
  const sources = [...(builtIn ? [{ ...builtInScenarios(), builtIn: true }] : []), ...files.map((f) => ({ ...ofUser(f, io.cwd), builtIn: false }))];
  for (const { path, shown, builtIn: isBuiltIn } of sources) {
    const parsed = readYaml(path, shown, io.cwd);
    append(findings, parsed.findings);
    if (!parsed.root) continue;
    const loaded = loadOrderTree(parsed.root, shown, isBuiltIn);
    append(findings, loaded.findings);
    append(orders, loaded.orders);
  }
  return { orders, findings };
}

/** The catalog's jurisdiction files (unless `catalog` is false), then every YAML file under the `--jurisdictions` folders. */
export function loadJurisdictionFiles(io: Io, dirs: readonly string[], catalog = true): { jurisdictions: Jurisdiction[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const files = catalog ? jurisdictionFiles() : [];
  for (const dir of dirs) {
    const found = findYamlFiles(dir, io.cwd);
    append(findings, found.findings);
    append(files, found.files.map((f) => ofUser(f, io.cwd)));
  }
  const jurisdictions: Jurisdiction[] = [];
  for (const { path, shown } of files) {
    const parsed = readYaml(path, shown, io.cwd);
    append(findings, parsed.findings);
    if (!parsed.root) continue;
    const loaded = loadJurisdictionTree(parsed.root, shown);
    append(findings, loaded.findings);
    if (loaded.jurisdiction) jurisdictions.push(loaded.jurisdiction);
  }
  return { jurisdictions, findings };
}

/** Every order id used twice, once each, among orders already checked file by file. */
export function duplicateOrders(orders: readonly Order[], already: readonly Finding[]): Finding[] {
  const seen = new Set(already.map((f) => `${f.file}:${f.line}:${f.col}:${f.code}`));
  return findDuplicateOrders(orders).filter((f) => !seen.has(`${f.file}:${f.line}:${f.col}:${f.code}`));
}

/** Loads one profile file against the known orders. */
export function loadProfileFile(path: string, shown: string, io: Io, orderIds: ReadonlySet<string>) {
  return loadProfileRead(readInput(path, shown, io.cwd), shown, orderIds);
}

/** Loads a profile from what was read of a file or of standard input. */
export function loadProfileRead(read: Read, shown: string, orderIds: ReadonlySet<string>) {
  const parsed = parseRead(read, shown);
  if (!parsed.root) return { profile: null, findings: parsed.findings };
  return loadProfileTree(parsed.root, shown, { orders: orderIds }, parsed.findings);
}

const yamlIn = (dir: string): InputFile[] =>
  readdirSync(dir)
    .filter(isYamlFile)
    .sort()
    .map((name) => ofPackage(join(dir, name)));

/** The catalog's profiles, from YAML. */
export const catalogFiles = (): InputFile[] => yamlIn(CATALOG_DIR);
/** The catalog's jurisdictions, from YAML. */
export const jurisdictionFiles = (): InputFile[] => yamlIn(JURISDICTIONS_DIR);

/** The catalog's profiles, read from YAML (validate's path; invalid ones are left out, validate reports them). */
export function catalogProfiles(io: Io): LoadedProfile[] {
  const orders = [...loadOrderFiles(io, []).orders, ...loadJurisdictionFiles(io, []).jurisdictions.flatMap((j) => j.instruments)];
  return loadProfileFiles(io, catalogFiles(), new Set(orders.map((o) => o.id))).profiles;
}

/** A file keyholder reads but that is no profile: orders, a jurisdiction, a policy. */
export const isOtherTree = (root: YNode | null): boolean => isOrderTree(root) || isJurisdictionTree(root) || isPolicyTree(root);

/**
 * Loads profile files, skipping order files, jurisdictions and policies (a
 * folder may keep them beside its profiles): the valid profiles, and every
 * finding.
 */
export function loadProfileFiles(io: Io, files: readonly InputFile[], orderIds: ReadonlySet<string>): { profiles: LoadedProfile[]; findings: Finding[] } {
  const profiles: LoadedProfile[] = [];
  const findings: Finding[] = [];
  for (const { path, shown } of files) {
    const parsed = readYaml(path, shown, io.cwd);
    if (parsed.root && isOtherTree(parsed.root)) continue;
    append(findings, parsed.findings);
    if (!parsed.root) continue;
    const result = loadProfileTree(parsed.root, shown, { orders: orderIds });
    append(findings, result.findings);
    if (result.profile) profiles.push(result.profile);
  }
  return { profiles, findings };
}

/** Every YAML file under the `--profiles` folders, with any problem finding them. */
export function profileFolderFiles(io: Io, dirs: readonly string[]): { files: InputFile[]; findings: Finding[] } {
  const files: InputFile[] = [];
  const findings: Finding[] = [];
  for (const dir of dirs) {
    const found = findYamlFiles(dir, io.cwd);
    append(findings, found.findings);
    append(files, found.files.map((f) => ofUser(f, io.cwd)));
  }
  return { files, findings };
}
