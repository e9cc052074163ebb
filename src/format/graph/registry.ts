/**
 * The formats `graph` draws in, by name. The keys feed `--format`'s
 * choices; each is loaded only when used, and SVG brings Graphviz with it.
 */
import type { GraphView } from './diagram.js';

/** Draws one view, the whole text. */
export type GraphFormatter = (view: GraphView) => string;

export const GRAPH_FORMATS = {
  mermaid: async () => (await import('./mermaid.js')).mermaid,
  dot: async () => {
    const { dot } = await import('./dot.js');
    return (view) => dot(view);
  },
  svg: async () => {
    const drawer = await (await import('./svg.js')).svgDrawer();
    return (view) => drawer.document(view);
  },
} satisfies Record<string, () => Promise<GraphFormatter>>;

export type GraphFormat = keyof typeof GRAPH_FORMATS;
export const GRAPH_FORMAT_NAMES = Object.keys(GRAPH_FORMATS) as GraphFormat[];

export function loadGraphFormatter(format: GraphFormat): Promise<GraphFormatter> {
  return GRAPH_FORMATS[format]();
}
