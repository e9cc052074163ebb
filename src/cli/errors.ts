import type { Finding } from '../model/finding.js';

/** A mistake in how keyholder was called: exit 2, with a hint where one helps. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Input that cannot be answered: each finding is printed as `file:line:col code: message`; exit 2. */
export class FindingsError extends Error {
  constructor(readonly findings: readonly Finding[]) {
    super(`${findings.length} problem(s) in the input`);
  }
}

/** Stopped by a signal: exit 128 + the signal's number. */
export class Interrupted extends Error {
  constructor(readonly exitCode: number) {
    super('interrupted');
  }
}
