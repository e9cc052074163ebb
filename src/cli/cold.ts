/**
 * What only some runs need, kept out of the start-up path: reading YAML
 * (the parser, the validator, the schema) and the two commands built on it,
 * `validate` and `check`. The build ships it as its own file, loaded on
 * first use.
 */
export * from './yaml-files.js';
export { runValidate } from './commands/validate.js';
export { runCheck } from './commands/check.js';
