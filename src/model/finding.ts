/**
 * A problem found in a file, as data: a code and its arguments. The wording
 * lives in `src/format/messages.ts`; tests assert codes, not sentences.
 */
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
  | 'too-deep'
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
  // references and meaning
  | 'unknown-party'
  | 'unknown-key'
  | 'unknown-source'
  | 'unknown-scenario'
  | 'uncompellable-kind'
  | 'duplicate-entry'
  | 'duplicate-id'
  | 'unusual-kind'
  | 'inconsistent-status'
  | 'too-many-variants'
  // provenance, with validate --strict
  | 'uncited-claim'
  | 'unused-source'
  | 'incomplete-source'
  | 'missing-as-of'
  | 'stale-profile';

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

/** The errors among findings, in file and position order. */
export const sortedErrors = (findings: readonly Finding[]): Finding[] => sortFindings(findings.filter((f) => f.severity === 'error'));

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
