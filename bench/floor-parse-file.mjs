/**
 * The floor for a single costly file: what any tool must do with it in one
 * Node process (read it, parse its YAML with the same `yaml` package,
 * keeping every error as yaml does) and no more. Usage:
 * node bench/floor-parse-file.mjs <file>
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

const doc = parseDocument(readFileSync(process.argv[2], 'utf8'), { uniqueKeys: false });
process.stdout.write(`${doc.errors.length}\n`);
