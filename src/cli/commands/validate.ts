import { visibleLines } from '../../format/text.js';
import type { ValidatedFile } from '../../format/views.js';
import { findDuplicates, reportable, type Finding } from '../../model/finding.js';
import { findDuplicateIds, loadProfileTree, type LoadedProfile } from '../../model/load.js';
import { isJurisdictionTree, isOrderTree, loadJurisdictionTree, loadOrderTree } from '../../model/orders.js';
import { isPolicyTree, loadPolicyTree } from '../../model/policy.js';
import { checkHasSources, checkJurisdictionProvenance, checkProvenance } from '../../model/provenance.js';
import type { Jurisdiction, Order } from '../../model/vocabulary.js';
import { knownKinds, today } from '../context.js';
import { ManyErrors, UsageError } from '../errors.js';
import {
  builtInScenarios,
  catalogFiles,
  catalogProfiles,
  duplicateOrders,
  jurisdictionFiles,
  loadJurisdictionFiles,
  loadOrderFiles,
  ofUser,
  parseRead,
  readYaml,
  type InputFile,
} from '../yaml-files.js';
import { openCompiledCatalog } from '../catalog.js';
import { PACKAGE_ROOT, fileIdentity, findYamlFiles, isDirectory, userPath } from '../files.js';
import type { Io } from '../io.js';
import type { CommonOptions } from '../main.js';
import { emit } from '../output.js';
import { readStdin, STDIN_ARG, STDIN_FILE } from '../stdin.js';
import { append } from '../../model/append.js';

/**
 * Checks files and folders (default: the built-in orders, the jurisdictions
 * and the catalog): profiles, files of orders (a top-level `orders` or v1
 * `scenarios` key), jurisdictions (a top-level `instruments` key) and
 * policies (a top-level `rules` key). Every problem, a file that cannot be
 * read included, is a finding in the result. Exit 1 when any is an error;
 * but 2 when a file could not be read at all (named, or found in a folder
 * named): the run could not check what it was asked to, and a missing file
 * must not pass for an invalid one. A folder with no YAML files in it is a
 * usage error (exit 2), before anything is checked.
 */
export async function runValidate(
  paths: readonly string[],
  opts: CommonOptions & { strict?: boolean; maxAge?: string; jurisdictions?: string[] },
  io: Io,
): Promise<number> {
  const maxAgeDays = opts.maxAge === undefined ? undefined : parseAge(opts.maxAge);
  const strict = opts.strict || maxAgeDays !== undefined ? { today: today(io), ...(maxAgeDays !== undefined ? { maxAgeDays } : {}) } : null;
  const targets: InputFile[] = [];
  const findings: Finding[] = [];
  if (paths.length === 0) targets.push(builtInScenarios(), ...jurisdictionFiles(), ...catalogFiles());
  const empty: string[] = [];
  for (const path of [...paths, ...opts.profiles]) {
    if (isDirectory(path, io.cwd)) {
      const found = findYamlFiles(path, io.cwd);
      if (found.files.length === 0 && found.findings.length === 0) empty.push(path);
      append(findings, found.findings);
      append(targets, found.files.map((f) => ofUser(f, io.cwd)));
    } else targets.push(ofUser(path === STDIN_ARG ? STDIN_FILE : path, io.cwd));
  }
  if (empty.length > 0) {
    const none = (dir: string) => new UsageError(`no profiles found in '${dir}'`, 'validate checks the *.yaml and *.yml files in a folder and its subfolders (not hidden ones, nor node_modules).');
    throw empty.length === 1 ? none(empty[0]!) : new ManyErrors(empty.map(none));
  }
  const asked = new Set(targets.map((t) => t.shown));
  const stdin = asked.has(STDIN_FILE) ? await readStdin(io) : null;
  const results = new Map<string, ValidatedFile>();
  const entry = (file: string, type: ValidatedFile['type']) => {
    const existing = results.get(file) ?? { file, type, id: null, findings: [] };
    results.set(file, existing);
    return existing;
  };

  // What stances and rules may name: the built-in and --scenarios orders, the
  // catalog's and --jurisdictions' instruments, then any among the targets.
  // The built-in ones from the compiled catalog where it is fresh (checked
  // when it was built): parsing every jurisdiction's YAML cost most of a
  // run that checks one profile.
  const compiled = await openCompiledCatalog();
  const given = loadOrderFiles(io, opts.scenarios, !compiled);
  const places = loadJurisdictionFiles(io, opts.jurisdictions ?? [], !compiled);
  const orders: Order[] = [...(compiled?.orders ?? []), ...given.orders];
  const jurisdictions: Jurisdiction[] = [...(compiled?.jurisdictions ?? []), ...places.jurisdictions];
  for (const f of given.findings) entry(f.file, 'orders').findings.push(f);
  for (const f of places.findings) entry(f.file, 'jurisdiction').findings.push(f);
  // Files already loaded above, by what they are on disk, not how they are
  // named: the catalog's own jurisdictions named by another path are not
  // their own duplicates. The package's files are named from its root.
  const ofPackage = new Set([builtInScenarios().shown, ...jurisdictionFiles().map((f) => f.shown)]);
  const loadedAs = new Map<string, string>();
  for (const shown of [builtInScenarios().shown, ...opts.scenarios.map((f) => userPath(f, io.cwd)), ...jurisdictions.map((j) => j.file)]) {
    const id = fileIdentity(shown, ofPackage.has(shown) ? PACKAGE_ROOT : io.cwd);
    loadedAs.set(id ?? shown, shown);
  }
  const unique = [...new Map(targets.map((t) => [t.shown, t])).values()];
  const parsed = unique.map((t) => ({
    file: t.shown,
    loaded: stdin && t.shown === STDIN_FILE ? undefined : loadedAs.get(fileIdentity(t.path, io.cwd) ?? t.shown),
    ...(stdin && t.shown === STDIN_FILE ? parseRead(stdin, t.shown) : readYaml(t.path, t.shown, io.cwd)),
  }));
  for (const p of parsed.filter((x) => isOrderTree(x.root))) {
    const e = entry(p.file, 'orders');
    if (p.loaded !== undefined) continue;
    const loaded = loadOrderTree(p.root!, p.file, p.file === builtInScenarios().shown);
    append(e.findings, [...p.findings, ...loaded.findings]);
    append(orders, loaded.orders);
  }
  for (const p of parsed.filter((x) => isJurisdictionTree(x.root))) {
    const e = entry(p.file, 'jurisdiction');
    const id = p.root?.type === 'map' ? p.root.entries.get('id')?.value : undefined;
    if (id?.type === 'scalar' && typeof id.value === 'string') e.id = id.value;
    const already = p.loaded === undefined ? undefined : jurisdictions.find((j) => j.file === p.loaded);
    if (already) {
      if (strict) append(e.findings, checkJurisdictionProvenance(already));
      continue;
    }
    const loaded = loadJurisdictionTree(p.root!, p.file);
    append(e.findings, [...p.findings, ...loaded.findings]);
    if (loaded.jurisdiction) {
      jurisdictions.push(loaded.jurisdiction);
      if (strict) append(e.findings, checkJurisdictionProvenance(loaded.jurisdiction));
    }
  }
  const everyOrder = [...orders, ...jurisdictions.flatMap((j) => j.instruments)];
  const orderIds = new Set(everyOrder.map((o) => o.id));
  const isProfile = (x: (typeof parsed)[number]) => !isOrderTree(x.root) && !isJurisdictionTree(x.root) && !isPolicyTree(x.root);
  const profiles: LoadedProfile[] = [];
  for (const p of parsed.filter(isProfile)) {
    const e = entry(p.file, 'profile');
    const loaded = p.root ? loadProfileTree(p.root, p.file, { orders: orderIds }, p.findings) : { profile: null, findings: p.findings };
    if (loaded.profile) profiles.push(loaded.profile);
    if (loaded.profile && strict) append(loaded.findings, checkProvenance(loaded.profile, strict));
    else if (loaded.profile) append(loaded.findings, checkHasSources(loaded.profile));
    const id = p.root?.type === 'map' ? p.root.entries.get('id')?.value : undefined;
    if (id?.type === 'scalar' && typeof id.value === 'string') e.id = id.value;
    append(e.findings, loaded.findings);
  }
  // Policies last: a rule may name a data kind that only a profile checked here has.
  const policies = parsed.filter((x) => isPolicyTree(x.root));
  if (policies.length > 0) {
    const kinds = knownKinds([...catalogProfiles(io), ...profiles]);
    for (const p of policies) append(entry(p.file, 'policy').findings, loadPolicyTree(p.root!, p.file, { orders: orderIds, kinds }, p.findings).findings);
  }
  const duplicates = [...findDuplicateIds(profiles), ...duplicateOrders(everyOrder, [...given.findings, ...places.findings]), ...findDuplicates(jurisdictions)];
  for (const f of [...findings, ...duplicates]) {
    const e = results.get(f.file) ?? entry(f.file, 'profile');
    if (!e.findings.some((x) => x.code === f.code && x.line === f.line && x.col === f.col)) e.findings.push(f);
  }
  // Only files that were asked for, or that have something to say.
  const files = [...results.values()]
    .filter((r) => asked.has(r.file) || r.findings.length > 0)
    .map((r) => ({ ...r, findings: reportable(r.findings) }));
  await emit(opts, io, (f, o) => f.validate({ files }, o));
  const unread = files.filter((f) => f.findings.some((x) => x.code === 'unreadable-file')).map((f) => f.file);
  if (unread.length > 0) {
    io.stderr(visibleLines(`error: could not read ${unread.join(', ')}, so ${unread.length === 1 ? 'it was' : 'they were'} not checked\n`));
    return 2;
  }
  return files.some((f) => f.findings.some((x) => x.severity === 'error')) ? 1 : 0;
}

const UNIT_DAYS: Record<string, number> = { d: 1, w: 7, m: 30, y: 365 };
const UNITS_HINT = 'Write a number and a unit: d (days), w (weeks), m (months) or y (years), as in 90d, 26w, 18m, 2y.';

/**
 * `90d`, `26w`, `18m`, `2y` -> days. A bare number is refused: `2` could mean
 * two days or two years, and a guess would pass or fail a build wrongly.
 */
export function parseAge(text: string): number {
  const match = /^(\d+)([dwmy])$/.exec(text.trim());
  if (match) return Number(match[1]) * UNIT_DAYS[match[2]!]!;
  if (/^\d+$/.test(text.trim())) throw new UsageError(`--max-age '${text}' has no unit`, UNITS_HINT);
  throw new UsageError(`--max-age '${text}' is not an age`, UNITS_HINT);
}
