/**
 * A problem found in a file, as data: a code and its arguments. The wording
 * lives in `src/format/messages.ts`; tests assert codes, not sentences.
 */
import { LIMITS } from './limits.js';
import type { Near } from './suggest.js';

export type Severity = 'error' | 'warning';

/** 1-based line and column, as yaml's `LineCounter` gives them. */
export interface Pos {
  line: number;
  col: number;
}

export type FindingCode =
  // reading the file
  | 'unreadable-file'
  | 'file-too-large'
  | 'not-utf8'
  | 'empty-file'
  | 'yaml-syntax'
  | 'duplicate-key'
  | 'yaml-tag'
  | 'alias-limit'
  | 'too-many-anchors'
  | 'too-many-nodes'
  | 'too-many-lines'
  | 'too-deep'
  | 'too-many-findings'
  // shape (the schema)
  | 'wrong-type'
  | 'missing-field'
  | 'unknown-field'
  | 'forbidden-field'
  | 'bad-id'
  | 'bad-date'
  | 'bad-value'
  | 'unknown-kind'
  | 'empty-value'
  | 'empty-list'
  // references and meaning
  | 'unknown-party'
  | 'unknown-key'
  | 'unknown-source'
  | 'unknown-order'
  | 'unknown-data-kind'
  | 'unknown-jurisdiction'
  | 'bad-instrument-id'
  | 'bad-reach'
  | 'bad-detector'
  | 'bad-kind'
  | 'free-scope'
  | 'unsupported'
  | 'uncompellable-kind'
  | 'duplicate-entry'
  | 'duplicate-id'
  | 'unusual-kind'
  | 'undeclared-kind'
  | 'inconsistent-status'
  | 'inconsistent-source'
  | 'too-many-variants'
  | 'unknown-override'
  // provenance, with validate --strict
  | 'no-sources'
  | 'uncited-claim'
  | 'defaulted-retention'
  | 'unplaced-party'
  | 'unused-source'
  | 'incomplete-source'
  | 'missing-as-of'
  | 'stale-profile'
  | 'historical-profile'
  | 'unconfirmed-profile';

export type FindingArg = string | number | readonly string[];

export interface Finding {
  code: FindingCode;
  severity: Severity;
  file: string;
  line: number;
  col: number;
  /** Where in the document, e.g. `data.backup.seen_by[0]`; empty for the whole file. */
  path: string;
  args: Readonly<Record<string, FindingArg>>;
  /**
   * A "did you mean" not yet worked out, while the file is checked: its
   * loader works it out into `args.suggestion` where the finding can be
   * shown (`withSuggestions`), and drops it from every finding it returns.
   */
  near?: Near;
}

export function finding(
  code: FindingCode,
  file: string,
  pos: Pos,
  path: string,
  args: Record<string, FindingArg> = {},
  severity: Severity = 'error',
): Finding {
  return { code, severity, file, line: pos.line, col: pos.col, path, args };
}

export const hasErrors = (findings: readonly Finding[]): boolean => findings.some((f) => f.severity === 'error');

/** The errors among findings, in file and position order, as many of each file's as are shown. */
export const sortedErrors = (findings: readonly Finding[]): Finding[] => reportable(findings.filter((f) => f.severity === 'error'));

/**
 * Findings as they are shown: in file and position order, at most `limit`
 * of a file, and where there are more, one `too-many-findings` finding that
 * counts them, placed at the first of them. It is an error if any of them
 * is, so cutting a file's findings never makes it look valid. A file of
 * stray commas would otherwise print a line for each.
 */
export function reportable(findings: readonly Finding[], limit: number = LIMITS.maxFindings): Finding[] {
  const out: Finding[] = [];
  let file: string | null = null;
  let shown = 0;
  let rest: { first: Finding; more: number; errors: number } | null = null;
  const flush = () => {
    if (!rest) return;
    const { first, more, errors } = rest;
    out.push(finding('too-many-findings', first.file, first, '', { more, errors, limit }, errors > 0 ? 'error' : 'warning'));
    rest = null;
  };
  for (const f of sortFindings(findings)) {
    if (f.file !== file) {
      flush();
      file = f.file;
      shown = 0;
    }
    if (shown < limit) {
      shown++;
      out.push(f);
    } else if (rest) {
      rest.more++;
      if (f.severity === 'error') rest.errors++;
    } else rest = { first: f, more: 1, errors: f.severity === 'error' ? 1 : 0 };
  }
  flush();
  return out;
}

/** Errors and warnings among findings, with those a `too-many-findings` finding stands for. */
export function tally(findings: readonly Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.code === 'too-many-findings') {
      errors += Number(f.args['errors']);
      warnings += Number(f.args['more']) - Number(f.args['errors']);
    } else if (f.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

/** Findings in file, then position order, stable otherwise. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) =>
    a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line - b.line || a.col - b.col,
  );
}

/** Something with an id, written at a place in a file. */
export interface Placed {
  id: string;
  file: string;
  pos: Pos;
}

/**
 * Ids must be unique: each repeat is reported at its own place, naming where
 * the first one is.
 */
export function findDuplicates(items: readonly Placed[]): Finding[] {
  const first = new Map<string, Placed>();
  const out: Finding[] = [];
  for (const item of items) {
    const earlier = first.get(item.id);
    if (earlier) {
      out.push(finding('duplicate-id', item.file, item.pos, 'id', { id: item.id, other: `${earlier.file}:${earlier.pos.line}:${earlier.pos.col}` }));
    } else first.set(item.id, item);
  }
  return out;
}
