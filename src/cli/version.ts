import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './files.js';

/** Set by the build; absent when the sources run directly (tests). */
declare const __KEYHOLDER_VERSION__: string | undefined;

/** The package's version. */
export const VERSION: string =
  typeof __KEYHOLDER_VERSION__ === 'string'
    ? __KEYHOLDER_VERSION__
    : (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * Where to read about keyholder, as package.json's `homepage` says (a test
 * holds them equal): SARIF's `informationUri`. The project's JSON Schemas
 * are named under the same address.
 */
export const HOMEPAGE = 'https://keyholder.dev/';
