/**
 * Build time only: validates the built-in catalog with the same loader the
 * CLI uses and turns it into the JSON the package ships. Pure: the build
 * script reads the YAML and writes the result.
 */
import { append } from '../model/append.js';
import { findDuplicates, type Finding } from '../model/finding.js';
import { COMPILED_VERSION, toJson, type CatalogIndex, type CompiledProfile, type SourceFile } from '../model/compiled.js';
import { loadProfileBytes, type LoadedProfile } from '../model/load.js';
import { loadScenarioBytes } from '../model/scenarios.js';

export { jsonSchemaFiles } from '../model/json-schemas.js';

/**
 * Validates the catalog and returns the files to ship: `index.json` and one
 * `<id>.json` per service. Any finding, a warning included, fails the build:
 * the catalog must be clean.
 */
export function compileCatalog(scenariosFile: SourceFile, services: readonly SourceFile[]): { files: Record<string, string>; findings: Finding[] } {
  const findings: Finding[] = [];
  const scenarioLoad = loadScenarioBytes(scenariosFile.bytes, scenariosFile.file);
  append(findings, scenarioLoad.findings);
  const scenarioIds = new Set(scenarioLoad.scenarios.map((s) => s.id));
  const loaded: [SourceFile, LoadedProfile][] = [];
  for (const source of services) {
    const result = loadProfileBytes(source.bytes, source.file, { scenarios: scenarioIds });
    append(findings, result.findings);
    if (result.profile) loaded.push([source, result.profile]);
  }
  append(findings, findDuplicates(loaded.map(([, p]) => ({ id: p.id, file: p.file, pos: p.idPos }))));
  if (findings.length > 0) return { files: {}, findings };

  const stamp = ({ file, size, mtimeMs, hash }: SourceFile) => ({ file, size, mtimeMs, hash });
  const index: CatalogIndex = {
    version: COMPILED_VERSION,
    scenariosSource: stamp(scenariosFile),
    scenarios: scenarioLoad.scenarios.map(({ file: _file, ...s }) => s),
    services: loaded.map(([source, p]) => ({ id: p.id, ...stamp(source) })),
  };
  const files: Record<string, string> = { 'index.json': JSON.stringify(index) };
  for (const [, p] of loaded) {
    const compiled: CompiledProfile = { id: p.id, idPos: p.idPos, base: toJson(p.base), variants: [...p.variants].map(([name, v]) => [name, toJson(v)]) };
    files[`${p.id}.json`] = JSON.stringify(compiled);
  }
  return { files, findings };
}

export { findingLine } from '../format/messages.js';
