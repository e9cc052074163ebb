/**
 * The output formats, by name. The keys feed `--format`'s choices; each
 * formatter is loaded only when it is used.
 */
import type { Formatter } from './formatter.js';
import { table } from './table.js';

export const FORMATS = {
  table: async () => table,
  markdown: async () => (await import('./markdown.js')).markdown,
  json: async () => (await import('./json.js')).json,
  csv: async () => (await import('./csv.js')).csv,
} satisfies Record<string, () => Promise<Formatter>>;

export type Format = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as Format[];

export function loadFormatter(format: Format): Promise<Formatter> {
  return FORMATS[format]();
}
