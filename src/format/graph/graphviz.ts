/**
 * Graphviz, compiled to WebAssembly (@viz-js/viz), for `--format svg` and
 * the report only. The build ships it as a file of its own
 * (dist/graphviz.js, about 1.2 MB), loaded on first use, so no other run
 * reads it: Mermaid and DOT start as fast as any other command.
 */
import { instance } from '@viz-js/viz';

/** Lays out a DOT graph and draws it as SVG. Throws where Graphviz cannot. */
export type Layout = (dot: string) => string;

export async function graphviz(): Promise<Layout> {
  const viz = await instance();
  return (dot) => viz.renderString(dot, { format: 'svg', engine: 'dot' });
}
