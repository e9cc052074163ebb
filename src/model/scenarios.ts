/**
 * Scenarios are data: which kinds of party an authority can compel. The
 * built-in ones live in `data/scenarios.yaml`; `--scenarios <file>` adds more.
 */
import { append } from './append.js';
import { field, stringOf } from './check.js';
import { finding, findDuplicates, hasErrors, type Finding, type Pos } from './finding.js';
import { ScenarioFileSchema } from './schema.js';
import { NEVER_COMPELLED, type PartyKind, type Scenario } from './vocabulary.js';
import { checkShape } from './shape.js';
import { decodeText, parseYaml, type YNode } from './yaml.js';




export interface ScenarioLoad {
  scenarios: Scenario[];
  findings: Finding[];
}

export function loadScenarioBytes(bytes: Uint8Array, file: string): ScenarioLoad {
  const decoded = decodeText(bytes, file);
  if (decoded.text === undefined) return { scenarios: [], findings: decoded.findings };
  const parsed = parseYaml(decoded.text, file);
  if (!parsed.root) return { scenarios: [], findings: parsed.findings };
  return loadScenarioTree(parsed.root, file);
}

export function loadScenarioTree(root: YNode, file: string): ScenarioLoad {
  const findings = checkShape(root, ScenarioFileSchema, file);
  const list = field(root, 'scenarios');
  const scenarios: Scenario[] = [];
  if (list?.type !== 'seq') return { scenarios, findings };
  list.items.forEach((item, i) => {
    const compelsNode = field(item, 'compels');
    const compels: PartyKind[] = [];
    if (compelsNode?.type === 'seq') {
      compelsNode.items.forEach((k, j) => {
        const kind = stringOf(k) as PartyKind | undefined;
        if (kind && NEVER_COMPELLED.has(kind)) {
          findings.push(finding('uncompellable-kind', file, k.pos, `scenarios[${i}].compels[${j}]`, { value: kind }));
        } else if (kind) compels.push(kind);
      });
    }
    scenarios.push({
      id: stringOf(field(item, 'id')) ?? '',
      name: stringOf(field(item, 'name')) ?? '',
      scope: stringOf(field(item, 'scope')) ?? '',
      compels,
      description: stringOf(field(item, 'description')) ?? null,
      file,
      pos: field(item, 'id')?.pos ?? item.pos,
    });
  });
  append(findings, findDuplicateScenarios(scenarios));
  return { scenarios: hasErrors(findings) ? [] : scenarios, findings };
}

/** Scenario ids are unique across the built-in file and every `--scenarios` file. */
export const findDuplicateScenarios = (scenarios: readonly Scenario[]): Finding[] => findDuplicates(scenarios);
