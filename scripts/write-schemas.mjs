// Build step: writes the JSON Schemas that src/model/schema.ts defines to
// schema/, from the compiled code, so the published schemas are the ones the
// validator uses. Run by `npm run build`, after tsc.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemaFiles } from '../dist/model/json-schemas.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema');
mkdirSync(out, { recursive: true });
for (const [name, text] of Object.entries(jsonSchemaFiles())) writeFileSync(join(out, name), text);
