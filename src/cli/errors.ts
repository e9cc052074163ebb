import type { Finding } from '../model/finding.js';

/**
 * The errors keyholder expects, each with its exit code in main.ts. The
 * build ships the command line in more than one file, each with its own copy
 * of these classes, so `instanceof` asks for the kind, not the copy.
 */
abstract class KnownError extends Error {
  abstract readonly keyholderError: string;
}

const is = (kind: string) => (value: unknown) => typeof value === 'object' && value !== null && (value as KnownError).keyholderError === kind;

/** A mistake in how keyholder was called: exit 2, with a hint where one helps. */
export class UsageError extends KnownError {
  readonly keyholderError = 'usage';
  static override [Symbol.hasInstance] = is('usage');
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Input that cannot be answered: each finding is printed as `file:line:col code: message`; exit 2. */
export class FindingsError extends KnownError {
  readonly keyholderError = 'findings';
  static override [Symbol.hasInstance] = is('findings');
  constructor(readonly findings: readonly Finding[]) {
    super(`${findings.length} problem(s) in the input`);
  }
}

/** An output file that cannot be written: exit 2. */
export class OutputError extends KnownError {
  readonly keyholderError = 'output';
  static override [Symbol.hasInstance] = is('output');
  constructor(
    readonly path: string,
    readonly why: string,
  ) {
    super(`cannot write ${path}: ${why}`);
  }
}

/** Several of the errors above, from one command line (every unknown service it names): each reported; exit 2. */
export class ManyErrors extends KnownError {
  readonly keyholderError = 'many';
  static override [Symbol.hasInstance] = is('many');
  constructor(readonly errors: readonly (UsageError | FindingsError)[]) {
    super(`${errors.length} problems with the command line`);
  }
}
