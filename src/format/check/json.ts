/**
 * The check run as one JSON document (`schemaVersion: 2`, or 1 with `--schema-version 1`): the policy, the
 * services checked, the verdict and every finding with its message. A service and a finding name who they
 * are about as an answer does (`service`, `variant`, `participants`); v1 has no `participants` or `refs`.
 */
import type { PolicyFinding } from '../../engine/policy.js';
import { print, versionOf } from '../json.js';
import type { CheckFormatter } from './registry.js';
import { breach, failing, tally } from './summary.js';

/** v1 named the order `scenario`, and a finding's ways `via`; it had no `refs`. */
const argsV1 = ({ ways, waysTotal, refs: _, ...rest }: PolicyFinding['args']) => ({ ...rest, ...(ways ? { via: ways, viaTotal: waysTotal } : {}) });

export const json: CheckFormatter = (view, opts) => {
  const v1 = versionOf(opts) === 1;
  return print({
    schemaVersion: versionOf(opts),
    policy: {
      file: view.policy.file,
      description: view.policy.description,
      rules: view.policy.rules.map((r) => ({
        id: r.id,
        description: r.description,
        severity: r.severity,
        ...(v1 ? { scenario: r.order } : { order: r.order }),
        data: r.data,
        forbid: r.forbid,
        partyKinds: r.partyKinds,
      })),
    },
    services: view.services.map(({ service, variant, file, participants }) => ({ service, variant, file, ...(v1 ? {} : { participants }) })),
    failOn: view.failOn,
    failed: failing(view).length > 0,
    summary: tally(view.findings),
    findings: view.findings.map((f) => ({
      rule: f.rule,
      code: f.code,
      severity: f.severity,
      message: breach(view, f),
      service: f.service,
      variant: f.variant,
      ...(v1 ? {} : { participants: f.participants ?? null }),
      ...(v1 ? { scenario: f.order } : { order: f.order }),
      data: f.data,
      file: f.file,
      line: f.line,
      col: f.col,
      path: f.path,
      args: v1 ? argsV1(f.args) : f.args,
    })),
  });
};
