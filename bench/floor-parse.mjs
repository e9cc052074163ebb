/**
 * The floor for the scale benchmark: what any tool must do with the same
 * files in one Node process — find them, read them, parse the YAML — and no
 * more. Usage: node bench/floor-parse.mjs <dir>
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const dir = process.argv[2];
let nodes = 0;
for (const name of readdirSync(dir).sort()) {
  if (!name.endsWith('.yaml')) continue;
  const doc = parse(readFileSync(join(dir, name), 'utf8'));
  nodes += Object.keys(doc).length;
}
process.stdout.write(`${nodes}\n`);
