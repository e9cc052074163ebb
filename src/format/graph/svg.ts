/**
 * SVG, drawn in-process by Graphviz compiled to WebAssembly: no browser and
 * no system Graphviz. Graphviz escapes every text it writes into the SVG
 * (the DOT it is given has escaped it for DOT already); the document gets a
 * title of its own for screen readers, and loses Graphviz's comments and
 * its DOCTYPE, whose DTD address is the only one it names.
 *
 * The build draws the catalog's diagrams (by design) once, as it compiles
 * the catalog, keyed by the hash of their DOT: a page of every service then
 * needs no layout at run time, and a diagram whose DOT is not among them
 * (a changed profile, one's own, one under an order) is drawn as it comes,
 * with Graphviz loaded only then. Both give the same bytes.
 */
import { createHash } from 'node:crypto';
import type { GraphView } from './diagram.js';
import { diagram } from './diagram.js';
import { html } from '../html.js';
import { dotOf } from './dot.js';
import type { Layout } from './graphviz.js';

/** Draws a view as SVG: a whole document, or an element to place inside an HTML page. */
export interface SvgDrawer {
  document(view: GraphView): string;
  /** An `<svg>` element whose ids all start with `idPrefix`, for a page of several. */
  element(view: GraphView, idPrefix: string): string;
}

/** Diagrams drawn ahead, by the key of their DOT (`drawnKey`): SVG as `drawnSvg` gives it. */
export type Drawn = ReadonlyMap<string, string>;


/** The id prefix a diagram is laid out with, replaced by the page's own in every `id` attribute. */
const PLACEHOLDER = 'KHID';

const laidOut = new WeakMap<GraphView, { title: string; dot: string; key: string }>();
/** The DOT a view is laid out from, whoever draws it, and its key: worked out once a view. */
function dotFor(view: GraphView): { title: string; dot: string; key: string } {
  let found = laidOut.get(view);
  if (!found) {
    const d = diagram(view);
    const dot = dotOf(d, { idPrefix: PLACEHOLDER });
    laidOut.set(view, (found = { title: d.title, dot, key: drawnKey(dot) }));
  }
  return found;
}

/** The key of a diagram drawn ahead: the hash of its DOT. */
export const drawnKey = (dot: string): string => createHash('sha256').update(dot, 'utf8').digest('hex');

/** Graphviz's SVG from `<svg` on, without its comments: what is kept of a diagram drawn ahead. */
export function drawnSvg(layout: Layout, dot: string): string {
  const svg = layout(dot);
  const start = svg.indexOf('<svg');
  if (start < 0) throw new Error('Graphviz drew no SVG');
  return svg.slice(start).replace(/<!--[\s\S]*?-->\n?/g, '');
}

/** Lays out the catalog's diagrams ahead, for the build: each view's key and SVG. */
export async function drawAhead(views: Iterable<GraphView>): Promise<[string, string][]> {
  const { graphviz } = await import('./graphviz.js');
  const layout = await graphviz();
  return [...views].map((view) => {
    const { dot, key } = dotFor(view);
    return [key, drawnSvg(layout, dot)];
  });
}

/**
 * The drawer. Graphviz is loaded only if a view it will be asked to draw
 * (`views`; unknown: any) is not among those drawn ahead.
 */
export async function svgDrawer(drawn: Drawn = new Map(), views?: readonly GraphView[]): Promise<SvgDrawer> {
  const needed = views === undefined || views.some((v) => !drawn.has(dotFor(v).key));
  const layout = needed ? await (await import('./graphviz.js')).graphviz() : null;
  const element = (view: GraphView, idPrefix: string) => {
    const { title: name, dot, key } = dotFor(view);
    const ahead = drawn.get(key);
    if (ahead === undefined && !layout) throw new Error(`no diagram drawn ahead for ${view.label}, and Graphviz not loaded`);
    const svg = ahead ?? drawnSvg(layout!, dot);
    const title = `${idPrefix}-title`;
    return svg
      .replace(new RegExp(` id="${PLACEHOLDER}`, 'g'), ` id="${idPrefix}`)
      .replace(/^<svg\b/, `<svg role="img" aria-labelledby="${title}"`)
      .replace(/^(<svg\b[^>]*>\n?)/, `$1<title id="${title}">${html(name)}</title>\n`);
  };
  return {
    element,
    document: (view) => `<?xml version="1.0" encoding="UTF-8"?>\n${element(view, 'keyholder')}`,
  };
}
