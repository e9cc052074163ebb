/**
 * How much a broken policy rule matters, and which severities fail a run.
 * Apart from the schema, so the command line can offer `--fail-on`'s
 * choices without loading it.
 */
export const RULE_SEVERITIES = ['error', 'warn', 'info'] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];

/** Whether a finding of this severity fails a run with `--fail-on threshold`: error > warn > info. */
export const failsAt = (severity: RuleSeverity, threshold: RuleSeverity): boolean =>
  RULE_SEVERITIES.indexOf(severity) <= RULE_SEVERITIES.indexOf(threshold);
