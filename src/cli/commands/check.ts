import { applyPolicy, subjectOf } from '../../engine/policy.js';
import { CHECK_FORMAT_NAMES, loadCheckFormatter, type CheckFormat } from '../../format/check/registry.js';
import type { CheckView } from '../../format/views.js';
import { sortFindings, sortedErrors } from '../../model/finding.js';
import { loadPolicyTree, type Policy } from '../../model/policy.js';
import { failsAt, type RuleSeverity } from '../../model/severity.js';
import { closest } from '../../model/suggest.js';
import { filesOf, knownKinds, loadContext, resolveOrders, resolveServices, warningsFor, type Context, type ResolvedService } from '../context.js';
import { FindingsError, UsageError } from '../errors.js';
import { userPath } from '../files.js';
import type { Io } from '../io.js';
import type { CommonOptions, NarrowingOptions } from '../main.js';
import { splitReport, toStdout, warn, write } from '../output.js';
import { HOMEPAGE, VERSION } from '../version.js';
import { readYaml } from '../yaml-files.js';
import { append } from '../../model/append.js';

export interface CheckOptions extends CommonOptions, Omit<NarrowingOptions, 'data'> {
  policy: string;
  failOn: RuleSeverity;
  report: string[];
}

interface Report {
  format: CheckFormat;
  output: string | undefined;
}

/**
 * `--report <format>:<file>`: the format before the first colon, the file
 * after it (`-`: stdout). At most one result goes to stdout, and no file is
 * written twice, so reports never interleave or overwrite each other.
 */
export function parseReports(opts: CheckOptions): Report[] {
  const reports: Report[] = opts.report.map((value) => {
    const [format, file] = splitReport(value);
    if (file === '') throw new UsageError(`--report '${value}' names no file`, 'Write --report <format>:<file>, e.g. --report sarif:keyholder.sarif (- for stdout).');
    if (!(CHECK_FORMAT_NAMES as string[]).includes(format)) {
      const suggestion = closest(format, CHECK_FORMAT_NAMES);
      throw new UsageError(
        `--report '${value}': unknown format '${format}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
        `Formats: ${CHECK_FORMAT_NAMES.join(', ')}.`,
      );
    }
    return { format: format as CheckFormat, output: file };
  });
  const all = [{ format: opts.format as CheckFormat, output: opts.output }, ...reports];
  if (all.filter((r) => toStdout(r.output)).length > 1) {
    throw new UsageError('only one result can go to stdout', 'Give the main result a file with -o <file>, or send the report to a file.');
  }
  const files = all.filter((r) => !toStdout(r.output)).map((r) => r.output!);
  const twice = files.find((f, i) => files.indexOf(f) !== i);
  if (twice !== undefined) throw new UsageError(`two results would be written to '${twice}'`);
  return all;
}

async function loadPolicy(ctx: Context, path: string, services: readonly ResolvedService[]): Promise<Policy> {
  const shown = userPath(path, ctx.io.cwd);
  const parsed = readYaml(path, shown, ctx.io.cwd);
  const kinds = knownKinds([...ctx.all().map((s) => s.loaded), ...services.flatMap((s) => (s.participants ?? [s]).map((p) => p.loaded))]);
  const loaded = parsed.root
    ? loadPolicyTree(parsed.root, shown, { orders: ctx.orderIds, kinds }, parsed.findings)
    : { policy: null, findings: parsed.findings };
  if (!loaded.policy) throw new FindingsError(sortedErrors(loaded.findings));
  warn(ctx.io, sortFindings(loaded.findings));
  return loaded.policy;
}

/**
 * Checks services (default: every service in the catalog and `--profiles`,
 * each as its base profile) against a policy. Exit 1 when a finding is at or
 * above `--fail-on`; a bad policy or profile stops the run with exit 2.
 */
export async function runCheck(names: readonly string[], opts: CheckOptions, io: Io): Promise<number> {
  const outputs = parseReports(opts);
  const ctx = await loadContext(io, opts);
  const services: ResolvedService[] = [];
  if (names.length > 0) append(services, await resolveServices(ctx, names));
  else for (const { loaded } of ctx.all()) services.push({ label: loaded.id, profile: loaded.base, file: null, loaded });
  const policy = await loadPolicy(ctx, opts.policy, services);
  warn(io, warningsFor(ctx, [...new Set(services.flatMap(filesOf))]));
  const view: CheckView = {
    tool: { name: 'keyholder', version: VERSION, informationUri: HOMEPAGE },
    policy,
    services: services.map((s) => ({ label: s.label, ...subjectOf(s.profile), profile: s.profile })),
    findings: applyPolicy(policy, services.map((s) => ({ profile: s.profile, base: s.loaded.base })), {
      orders: [...ctx.orders, ...ctx.jurisdictions.flatMap((j) => j.instruments)],
      answered: resolveOrders(ctx, [...opts.order, ...opts.scenario], opts.in),
      jurisdictions: ctx.jurisdictions,
    }),
    failOn: opts.failOn,
  };
  for (const { format, output } of outputs) {
    const formatter = await loadCheckFormatter(format);
    await write(io, output, opts.color, (options) => formatter(view, options), opts.schemaVersion);
  }
  return view.findings.some((f) => failsAt(f.severity, opts.failOn)) ? 1 : 0;
}
