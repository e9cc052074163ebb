/**
 * DOT, for Graphviz users (`dot -Tpng`), and what the SVG renderer lays
 * out. Node and edge ids are the diagram's own, so an SVG made from it has
 * ids that no profile chose; every text is a double-quoted DOT string.
 */
import type { Diagram, DiagramEdge, DiagramNode, GraphView, NodeKind } from './diagram.js';
import { diagram, oneLine } from './diagram.js';
import { nodeStyle } from './style.js';

const FONT = 'Helvetica,Arial,sans-serif';

const SHAPE: Record<NodeKind, string> = {
  party: 'box',
  key: 'hexagon',
  form: 'cylinder',
  order: 'box',
  way: 'cds',
  build: 'component',
  more: 'note',
};

/**
 * A DOT double-quoted string: backslashes doubled (so none starts one of
 * Graphviz's label escapes, `\N`, `\G`, `\l`…), quotes escaped, and `&`
 * written `&amp;`, since Graphviz reads entities in labels and passes them
 * into SVG as they are.
 */
export function dotString(text: string): string {
  return `"${oneLine(text).replace(/[\\"]/g, (c) => `\\${c}`).replace(/&/g, '&amp;')}"`;
}

/** Attributes as DOT writes them, in the order given. */
const attrs = (pairs: [string, string | number][]) => `[${pairs.map(([k, v]) => `${k}=${v}`).join(', ')}]`;
const q = (text: string) => `"${text}"`;

export interface DotOptions {
  /** Prefix of every id in the SVG made from it, so several diagrams can share a page (default `keyholder`). */
  idPrefix?: string;
}

function node(n: DiagramNode, prefix: string): string {
  const s = nodeStyle(n.kind, n.state);
  const style = [n.kind === 'party' || n.kind === 'order' ? 'rounded' : null, 'filled', s.dash ? 'dashed' : null].filter(Boolean).join(',');
  // The label's own line breaks (`\n`) join lines each escaped on its own.
  const label = `"${[n.title, ...n.lines].map((t) => dotString(t).slice(1, -1)).join('\\n')}"`;
  return `  ${n.id} ${attrs([
    ['id', q(`${prefix}-${n.id}`)],
    ['label', label],
    ['shape', SHAPE[n.kind]],
    ['style', q(style)],
    ['fillcolor', q(s.fill)],
    ['color', q(s.stroke)],
    ['penwidth', s.width],
  ])};`;
}

const EDGE: Record<DiagramEdge['weight'], [string, string | number][]> = {
  strong: [['penwidth', 2.5], ['color', q('#a24f00')]],
  normal: [],
  weak: [['style', 'dashed']],
};

export function dotOf(d: Diagram, options: DotOptions = {}): string {
  const prefix = options.idPrefix ?? 'keyholder';
  const out = [
    'digraph keyholder {',
    `  graph ${attrs([['id', q(prefix)], ['label', dotString(d.title)], ['labelloc', 't'], ['rankdir', 'LR'], ['fontname', q(FONT)], ['fontsize', 12], ['nodesep', 0.25], ['ranksep', 0.5]])};`,
    `  node ${attrs([['fontname', q(FONT)], ['fontsize', 10], ['margin', q('0.2,0.06')]])};`,
    `  edge ${attrs([['fontname', q(FONT)], ['fontsize', 9], ['color', q('#555555')], ['fontcolor', q('#333333')], ['arrowsize', 0.7]])};`,
  ];
  for (const n of d.nodes) out.push(node(n, prefix));
  d.edges.forEach((e, i) => out.push(`  ${e.from} -> ${e.to} ${attrs([['id', q(`${prefix}-edge${i + 1}`)], ['label', q(e.relation)], ...EDGE[e.weight]])};`));
  out.push('}');
  return `${out.join('\n')}\n`;
}

/** The graph command's DOT. */
export const dot = (view: GraphView, options: DotOptions = {}): string => dotOf(diagram(view), options);
