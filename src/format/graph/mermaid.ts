/**
 * Mermaid: a flowchart GitHub draws wherever Markdown shows a ```mermaid
 * block, as it is. Node ids are the diagram's own; every text from a
 * profile sits in a double-quoted label with everything Mermaid reads in
 * one written as an entity code, so no name can end the label, start a
 * directive or a comment, turn into HTML, or close the Markdown fence.
 */
import type { Diagram, DiagramEdge, DiagramNode, GraphView, NodeKind, NodeState } from './diagram.js';
import { diagram, oneLine } from './diagram.js';
import { nodeStyle } from './style.js';

/** Each kind of node's shape: `(…)` rounded, `{{…}}` hexagon, `[(…)]` cylinder, and so on. */
const SHAPE: Record<NodeKind, [string, string]> = {
  party: ['(', ')'],
  key: ['{{', '}}'],
  form: ['[(', ')]'],
  order: ['([', '])'],
  way: ['>', ']'],
  build: ['[[', ']]'],
  more: ['[', ']'],
};

const ARROW: Record<DiagramEdge['weight'], string> = { strong: '==>', normal: '-->', weak: '-.->' };

/**
 * Escapes text for a double-quoted Mermaid label. Mermaid decodes `#NNN;`
 * entity codes itself and writes them out as character references, so they
 * stay text: the quote that would end the label; `#` that would start an
 * entity code; `%` of a directive or comment; `<`, `>` and `&` of HTML;
 * the backtick of a Markdown string (and of the fence around the block);
 * and `¶`, half of Mermaid's own placeholder for an entity. The ligature
 * `ﬂ`, which starts the placeholder, is written `fl`, as Unicode decomposes
 * it: Mermaid turns its placeholders back into references in the finished
 * SVG, where an entity code could not keep them apart from the text (so
 * the one pair it cannot help, `¶ß`, shows as `;`: text all the same).
 */
export function mermaidText(text: string): string {
  return oneLine(text)
    .replace(/\ufb02/g, 'fl')
    .replace(/["#%<>&`\u00b6]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** The accessible title, a line of its own: only what can neither start a directive nor an entity code. */
const titleText = (text: string) =>
  oneLine(text)
    .replace(/[^\p{L}\p{N} .,'()@+:/_-]/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();

const className = (kind: NodeKind, state: NodeState) => `${kind}_${state.replace(/-/g, '_')}`;

function node(n: DiagramNode): string {
  const [open, close] = SHAPE[n.kind];
  const label = [n.title, ...n.lines].map(mermaidText).join('<br>');
  // The statement's own `;` ends the line: Mermaid drops the last `;` of a line that mentions a style, which would otherwise be an entity code's.
  return `  ${n.id}${open}"${label}"${close};`;
}

export function mermaidOf(d: Diagram): string {
  const out = ['flowchart LR', `  accTitle: ${titleText(d.title)}`];
  for (const n of d.nodes) out.push(node(n));
  for (const e of d.edges) out.push(`  ${e.from} ${ARROW[e.weight]}|${e.relation}| ${e.to}`);
  // One class a kind and state, in order of first use.
  const used = new Map<string, { kind: NodeKind; state: NodeState; ids: string[] }>();
  for (const n of d.nodes) {
    const name = className(n.kind, n.state);
    const seen = used.get(name);
    if (seen) seen.ids.push(n.id);
    else used.set(name, { kind: n.kind, state: n.state, ids: [n.id] });
  }
  for (const [name, { kind, state, ids }] of used) {
    out.push(`  classDef ${name} ${mermaidStyle(kind, state)}`);
    out.push(`  class ${ids.join(',')} ${name}`);
  }
  return `${out.join('\n')}\n`;
}

function mermaidStyle(kind: NodeKind, state: NodeState): string {
  const s = nodeStyle(kind, state);
  return [`fill:${s.fill}`, `stroke:${s.stroke}`, `stroke-width:${s.width}px`, `color:#111`, ...(s.dash ? [`stroke-dasharray:${s.dash.join(' ')}`] : [])].join(',');
}

/** The graph command's Mermaid: the diagram alone, as a ```mermaid block wants it. */
export const mermaid = (view: GraphView): string => mermaidOf(diagram(view));
