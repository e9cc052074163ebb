/** What every check format says about a run as a whole, in the same words. */
import { subjectKey, type PolicyFinding } from '../../engine/policy.js';
import { RULE_SEVERITIES, failsAt, type RuleSeverity } from '../../model/severity.js';
import { describeBreach } from '../messages.js';
import type { CheckView } from '../views.js';

export const location = (f: PolicyFinding): string => `${f.file}:${f.line}:${f.col}`;

/** A service's findings: a conversation's are not the service alone's. */
export const findingsOf = (view: CheckView, service: CheckView['services'][number]): PolicyFinding[] =>
  view.findings.filter((f) => subjectKey(f) === subjectKey(service));

/** A finding in words, its parties and forms named as its service's profile names them. */
export const breach = (view: CheckView, f: PolicyFinding): string => describeBreach(f, view.services.find((s) => subjectKey(s) === subjectKey(f))!.profile);

/** Findings that fail the run at its `--fail-on`. */
export const failing = (view: CheckView): PolicyFinding[] => view.findings.filter((f) => failsAt(f.severity, view.failOn));

export function tally(findings: readonly PolicyFinding[]): Record<RuleSeverity, number> {
  const out = { error: 0, warn: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 problems (2 errors, 1 warning, 0 infos) in 2 of 3 services, against 4 rules: failed (2 at or above error)". */
export function summary(view: CheckView): string {
  const n = view.findings.length;
  const t = tally(view.findings);
  const services = new Set(view.findings.map(subjectKey)).size;
  const checked = `${plural(view.services.length, 'service')} against ${plural(view.policy.rules.length, 'rule')}`;
  const fails = failing(view).length;
  const verdict = fails > 0 ? `failed (${fails} at or above ${view.failOn})` : `passed (none at or above ${view.failOn})`;
  if (n === 0) return `no problems in ${checked}: ${verdict}`;
  const counts = RULE_SEVERITIES.map((s) => plural(t[s], s === 'warn' ? 'warning' : s, s === 'warn' ? 'warnings' : `${s}s`)).join(', ');
  return `${plural(n, 'problem')} (${counts}) in ${services} of ${checked}: ${verdict}`;
}
