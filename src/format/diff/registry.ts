/**
 * The formats of `diff`, by name. The keys feed `--format`'s choices; each
 * formatter is loaded only when it is used.
 */
import type { DiffView, RenderOptions } from '../views.js';

/** One diff format: the whole text for two profiles' changes. */
export type DiffFormatter = (view: DiffView, opts: RenderOptions) => string;

export const DIFF_FORMATS = {
  table: async () => (await import('./table.js')).table,
  markdown: async () => (await import('./markdown.js')).markdown,
  json: async () => (await import('./json.js')).json,
} satisfies Record<string, () => Promise<DiffFormatter>>;

export type DiffFormat = keyof typeof DIFF_FORMATS;
export const DIFF_FORMAT_NAMES = Object.keys(DIFF_FORMATS) as DiffFormat[];

export function loadDiffFormatter(format: DiffFormat): Promise<DiffFormatter> {
  return DIFF_FORMATS[format]();
}
