/**
 * SARIF 2.1.0, for code scanning (GitHub's upload-sarif, IDE viewers): each
 * policy rule a reporting descriptor, each finding a result located at the
 * form's line and column in the profile file. What GitHub code scanning asks
 * of a file is there: the driver's full name and information URI, and each
 * rule's friendly name, full description and help, in text and Markdown
 * (test/format/check.test.ts holds it to Microsoft's SARIF multitool).
 */
import type { PolicyFinding } from '../../engine/policy.js';
import type { Rule } from '../../model/policy.js';
import { print } from '../json.js';
import { md } from '../markdown.js';
import { explainRule } from '../messages.js';
import type { CheckFormatter } from './registry.js';
import { breach } from './summary.js';

const LEVEL = { error: 'error', warn: 'warning', info: 'note' } as const;

/** A file path as a URI reference: forward slashes, reserved characters escaped; `file://` where absolute. */
export function toUri(path: string): string {
  const posix = path.replace(/\\/g, '/');
  const escaped = encodeURI(posix).replace(/[?#]/g, (c) => encodeURIComponent(c));
  if (/^[A-Za-z]:\//.test(posix)) return `file:///${escaped}`;
  return posix.startsWith('/') ? `file://${escaped}` : escaped;
}

/** A rule id as a friendly name: `content-sealed-under-blanket-order` -> `ContentSealedUnderBlanketOrder`. */
export const ruleName = (id: string): string =>
  id
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

function descriptor(r: Rule) {
  const { checks, passes } = explainRule(r);
  return {
    id: r.id,
    name: ruleName(r.id),
    shortDescription: { text: r.description },
    fullDescription: { text: `${r.description} ${checks}` },
    help: { text: `${checks} ${passes}`, markdown: `**${md(r.description)}**\n\n${md(checks)}\n\n${md(passes)}` },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { order: r.order, data: r.data, forbid: r.forbid, partyKinds: r.partyKinds },
  };
}

export const sarif: CheckFormatter = (view) => {
  const index = new Map(view.policy.rules.map((r, i) => [r.id, i]));
  const result = (f: PolicyFinding) => ({
    ruleId: f.rule,
    ruleIndex: index.get(f.rule),
    level: LEVEL[f.severity],
    message: { text: breach(view, f) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(f.file) },
          region: { startLine: f.line, startColumn: f.col },
        },
        logicalLocations: [{ fullyQualifiedName: f.path, kind: 'member' }],
      },
    ],
    properties: { service: f.service, variant: f.variant, participants: f.participants ?? null, order: f.order, data: f.data, code: f.code, ...f.args },
  });
  return print({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: view.tool.name,
            fullName: `${view.tool.name} ${view.tool.version}`,
            version: view.tool.version,
            semanticVersion: view.tool.version,
            informationUri: view.tool.informationUri,
            rules: view.policy.rules.map(descriptor),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: view.findings.map(result),
      },
    ],
  });
};
