/**
 * The check run as one JSON document (`schemaVersion: 1`): the policy, the
 * services checked, the verdict and every finding with its message.
 */
import { SCHEMA_VERSION } from '../../engine/answer-types.js';
import { print } from '../json.js';
import { describeBreach } from '../messages.js';
import type { CheckFormatter } from './registry.js';
import { failing, tally } from './summary.js';

export const json: CheckFormatter = (view) =>
  print({
    schemaVersion: SCHEMA_VERSION,
    policy: {
      file: view.policy.file,
      description: view.policy.description,
      rules: view.policy.rules.map((r) => ({
        id: r.id,
        description: r.description,
        severity: r.severity,
        scenario: r.scenario,
        data: r.data,
        forbid: r.forbid,
        partyKinds: r.partyKinds,
      })),
    },
    services: view.services.map(({ service, variant, file }) => ({ service, variant, file })),
    failOn: view.failOn,
    failed: failing(view).length > 0,
    summary: tally(view.findings),
    findings: view.findings.map((f) => ({
      rule: f.rule,
      code: f.code,
      severity: f.severity,
      message: describeBreach(f),
      service: f.service,
      variant: f.variant,
      scenario: f.scenario,
      data: f.data,
      file: f.file,
      line: f.line,
      col: f.col,
      path: f.path,
      args: f.args,
    })),
  });
