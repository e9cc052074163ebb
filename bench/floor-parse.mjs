/**
 * The floor for the scale benchmark: what any tool must do with the same
 * files in one Node process — find them, read them, parse the YAML — and no
 * more. Usage: node bench/floor-parse.mjs <dir> [file…] (files such as the
 * jurisdictions a run reads besides the profiles).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const [dir, ...files] = process.argv.slice(2);
let nodes = 0;
for (const file of files) nodes += Object.keys(parse(readFileSync(file, 'utf8'))).length;
for (const name of readdirSync(dir).sort()) {
  if (!name.endsWith('.yaml')) continue;
  const doc = parse(readFileSync(join(dir, name), 'utf8'));
  nodes += Object.keys(doc).length;
}
process.stdout.write(`${nodes}\n`);
