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
