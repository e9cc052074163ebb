/**
 * Build time only: validates the built-in catalog with the same loader the
 * CLI uses and turns it into the JSON the package ships. Pure: the build
 * script reads the YAML and writes the result.
 */
import { findDuplicates, type Finding } from '../model/finding.js';
import { COMPILED_VERSION, jurisdictionFile, jurisdictionToJson, toJson, type CatalogIndex, type CompiledProfile, type SourceFile } from '../model/compiled.js';
import { loadProfileBytes, type LoadedProfile } from '../model/load.js';
import { findDuplicateOrders, loadJurisdictionTree, loadOrderBytes } from '../model/orders.js';
import type { Jurisdiction } from '../model/vocabulary.js';
import { decodeText, parseYaml } from '../model/yaml.js';
import { append } from '../model/append.js';
import { drawAhead } from '../format/graph/svg.js';

export { jsonSchemaFiles } from '../model/json-schemas.js';

/**
 * Validates the catalog and returns the files to ship: `index.json` and one
 * `<id>.json` per service. Any finding, a warning included, fails the build:
 * the catalog must be clean.
 */
export function compileCatalog(
  ordersFile: SourceFile,
  jurisdictionFiles: readonly SourceFile[],
  services: readonly SourceFile[],
): { files: Record<string, string>; findings: Finding[]; profiles: LoadedProfile[] } {
  const findings: Finding[] = [];
  const orderLoad = loadOrderBytes(ordersFile.bytes, ordersFile.file, true);
  append(findings, orderLoad.findings);
  const jurisdictions: [SourceFile, Jurisdiction][] = [];
  for (const source of jurisdictionFiles) {
    const decoded = decodeText(source.bytes, source.file);
    const parsed = decoded.text === undefined ? { root: null, findings: decoded.findings } : parseYaml(decoded.text, source.file);
    append(findings, parsed.findings);
    if (!parsed.root) continue;
    const loaded = loadJurisdictionTree(parsed.root, source.file);
    append(findings, loaded.findings);
    if (loaded.jurisdiction) jurisdictions.push([source, loaded.jurisdiction]);
  }
  const allOrders = [...orderLoad.orders, ...jurisdictions.flatMap(([, j]) => j.instruments)];
  append(findings, findDuplicateOrders(allOrders));
  append(findings, findDuplicates(jurisdictions.map(([, j]) => j)));
  const orderIds = new Set(allOrders.map((o) => o.id));
  const loaded: [SourceFile, LoadedProfile][] = [];
  for (const source of services) {
    const result = loadProfileBytes(source.bytes, source.file, { orders: orderIds });
    append(findings, result.findings);
    if (result.profile) loaded.push([source, result.profile]);
  }
  append(findings, findDuplicates(loaded.map(([, p]) => ({ id: p.id, file: p.file, pos: p.idPos }))));
  if (findings.length > 0) return { files: {}, findings, profiles: [] };

  const stamp = ({ file, size, mtimeMs, hash }: SourceFile) => ({ file, size, mtimeMs, hash });
  const places = jurisdictions.map(([source, j]) => ({ source, id: j.id, text: JSON.stringify(jurisdictionToJson(j)) }));
  const index: CatalogIndex = {
    version: COMPILED_VERSION,
    ordersSource: stamp(ordersFile),
    orders: orderLoad.orders.map(({ file: _file, ...o }) => o),
    jurisdictions: places.map(({ source, id, text }) => ({ ...stamp(source), id, compiledSize: Buffer.byteLength(text) })),
    services: loaded.map(([source, p]) => ({ id: p.id, ...stamp(source) })),
  };
  const files: Record<string, string> = { 'index.json': JSON.stringify(index) };
  for (const { id, text } of places) files[jurisdictionFile(id)] = text;
  for (const [, p] of loaded) {
    const compiled: CompiledProfile = { id: p.id, idPos: p.idPos, base: toJson(p.base), variants: [...p.variants].map(([name, v]) => [name, toJson(v)]) };
    files[`${p.id}.json`] = JSON.stringify(compiled);
  }
  return { files, findings, profiles: loaded.map(([, p]) => p) };
}

/**
 * The catalog's diagrams by design, every service and variant, drawn ahead
 * by Graphviz (svg.ts): the file `diagrams.json`, an object of SVG by the
 * hash of the DOT each was laid out from, in catalog order.
 */
export async function drawCatalog(profiles: readonly LoadedProfile[]): Promise<string> {
  const views = profiles.flatMap((p) => [
    { label: p.id, profile: p.base, order: null, answer: null },
    ...[...p.variants].map(([name, profile]) => ({ label: `${p.id}@${name}`, profile, order: null, answer: null })),
  ]);
  return JSON.stringify(Object.fromEntries(await drawAhead(views)));
}

export { findingLine } from '../format/messages.js';
