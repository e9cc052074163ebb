/**
 * The formats of `check`, by name. The keys feed `--format` and `--report`;
 * each formatter is loaded only when it is used.
 */
import type { CheckView, RenderOptions } from '../views.js';

/** One report format: the whole text for a check run. */
export type CheckFormatter = (view: CheckView, opts: RenderOptions) => string;

export const CHECK_FORMATS = {
  stylish: async () => (await import('./stylish.js')).stylish,
  json: async () => (await import('./json.js')).json,
  junit: async () => (await import('./junit.js')).junit,
  sarif: async () => (await import('./sarif.js')).sarif,
  github: async () => (await import('./github.js')).github,
  markdown: async () => (await import('./markdown.js')).markdown,
} satisfies Record<string, () => Promise<CheckFormatter>>;

export type CheckFormat = keyof typeof CHECK_FORMATS;
export const CHECK_FORMAT_NAMES = Object.keys(CHECK_FORMATS) as CheckFormat[];

export function loadCheckFormatter(format: CheckFormat): Promise<CheckFormatter> {
  return CHECK_FORMATS[format]();
}
