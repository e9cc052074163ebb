/**
 * The built-in catalog as the build compiled it (dist/catalog/): the
 * built-in orders and an index of the services and jurisdictions, each
 * service read from its own JSON, and the jurisdictions from theirs, only
 * when asked for. Before it is trusted, the YAML it was compiled from is
 * checked to be unchanged (same files; same size and time, or else
 * the same content hash), so an edited profile is never answered stale: the
 * caller reads the YAML instead. In an installed copy, where every file has
 * the install's time, names and sizes are checked, not contents: hashing
 * every file on every run would cost more than answering.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COMPILED_VERSION, jurisdictionFile, jurisdictionFromJson, loadCompiled, type CatalogIndex, type CompiledJurisdiction } from '../model/compiled.js';
import type { LoadedProfile } from '../model/load.js';
import type { Jurisdiction, Order } from '../model/vocabulary.js';
import { CATALOG_DIR, COMPILED_CATALOG_DIR, JURISDICTIONS_DIR, PACKAGE_ROOT, isYamlFile } from './files.js';

export interface CompiledCatalog {
  /** The built-in orders. */
  orders: Order[];
  /** The catalog's jurisdiction ids, in file order. */
  jurisdictionIds: string[];
  /** One of the catalog's jurisdictions, with its instruments, read from its JSON when first asked for. */
  jurisdiction(id: string): Jurisdiction | undefined;
  /** Every one of the catalog's jurisdictions. */
  readonly jurisdictions: Jurisdiction[];
  /** Service ids, in catalog order. */
  ids: string[];
  /** The service's profile, read from its JSON. */
  load(id: string): LoadedProfile;
}

/**
 * The compiled catalog, or null where it is missing, of another version, or
 * stale. Its files are named by their paths in the package, as compiled.
 */
export async function openCompiledCatalog(): Promise<CompiledCatalog | null> {
  let index: CatalogIndex;
  try {
    index = JSON.parse(readFileSync(join(COMPILED_CATALOG_DIR, 'index.json'), 'utf8')) as CatalogIndex;
  } catch {
    return null;
  }
  if (index.version !== COMPILED_VERSION || !(await isFresh(index))) return null;
  const entries = new Map(index.services.map((s) => [s.id, s]));
  // Each read when first asked for: a run of the built-in orders alone reads none.
  const places = new Map<string, Jurisdiction>();
  const jurisdiction = (id: string): Jurisdiction | undefined => {
    const entry = index.jurisdictions.find((j) => j.id === id);
    if (!entry) return undefined;
    let place = places.get(id);
    if (!place) {
      place = jurisdictionFromJson(JSON.parse(readFileSync(`${COMPILED_CATALOG_DIR}/${jurisdictionFile(id)}`, 'utf8')) as CompiledJurisdiction, entry.file);
      places.set(id, place);
    }
    return place;
  };
  return {
    orders: index.orders.map((o) => ({ ...o, file: index.ordersSource.file })),
    jurisdictionIds: index.jurisdictions.map((j) => j.id),
    jurisdiction,
    get jurisdictions() {
      return index.jurisdictions.map((j) => jurisdiction(j.id)!);
    },
    ids: index.services.map((s) => s.id),
    load: (id) => loadCompiled(readFileSync(join(COMPILED_CATALOG_DIR, `${id}.json`), 'utf8'), entries.get(id)!.file),
  };
}

/**
 * A catalog file's path: the package's folder and the file's path in it
 * (always with `/`, which every platform's file calls take), joined as text:
 * path.join, cold, costs more than the stat it feeds, forty times a run.
 */
const inPackage = (file: string) => `${PACKAGE_ROOT}/${file}`;

/** Whether every catalog file is the one compiled: same names, and same size and time or same content. */
async function isFresh(index: CatalogIndex): Promise<boolean> {
  try {
    const same = (dir: string, entries: { file: string }[]) => {
      const names = readdirSync(dir).filter(isYamlFile).sort();
      const compiled = entries.map((s) => s.file.split('/').pop()!).sort();
      return names.length === compiled.length && names.every((n, i) => n === compiled[i]);
    };
    if (!same(CATALOG_DIR, index.services) || !same(JURISDICTIONS_DIR, index.jurisdictions)) return false;
    if (index.jurisdictions.some((j) => statSync(`${COMPILED_CATALOG_DIR}/${jurisdictionFile(j.id)}`).size !== j.compiledSize)) return false;
    const files = [...index.services, ...index.jurisdictions, index.ordersSource];
    const touched = files.filter((entry) => {
      const stat = statSync(inPackage(entry.file));
      if (stat.size !== entry.size) throw new Error('changed');
      return stat.mtimeMs !== entry.mtimeMs;
    });
    // An installed copy: every time is the install's; names and sizes are what can be checked without reading it all.
    if (index.packaged) return true;
    // Copied or unpacked files have new times: compare their content (and
    // load the hash function only then).
    if (touched.length === 0) return true;
    const { createHash } = await import('node:crypto');
    return touched.every((entry) => createHash('sha256').update(readFileSync(inPackage(entry.file))).digest('hex') === entry.hash);
  } catch {
    return false;
  }
}

/** The catalog's diagrams as the build drew them (format/graph/svg.ts), by key; none where the file is missing or unreadable. */
export function drawnDiagrams(): Map<string, string> {
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(join(COMPILED_CATALOG_DIR, 'diagrams.json'), 'utf8')) as Record<string, string>));
  } catch {
    return new Map();
  }
}
