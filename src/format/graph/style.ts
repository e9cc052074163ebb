/**
 * How each kind of node looks in each state, for every graph format alike.
 * Colour is never the only signal: each state also has its words in the
 * node's label, and a line of its own (thicker for what the order draws on,
 * dashed for what lies beyond it). Colours read on white and in print, and
 * pair red (the authority reads it) with green (it stays sealed) only where
 * the words say so too.
 */
import type { NodeKind, NodeState } from './diagram.js';

export interface NodeStyle {
  fill: string;
  stroke: string;
  /** Line width, in pixels. */
  width: number;
  /** A dash pattern, where the line is dashed. */
  dash: [number, number] | null;
}

const BASE: Record<NodeKind, NodeStyle> = {
  party: { fill: '#eef2f7', stroke: '#4a5a70', width: 1, dash: null },
  key: { fill: '#fff6cc', stroke: '#8a6d00', width: 1, dash: null },
  form: { fill: '#ffffff', stroke: '#555555', width: 1, dash: null },
  order: { fill: '#e6e6e6', stroke: '#222222', width: 2, dash: null },
  way: { fill: '#ffe3bf', stroke: '#a24f00', width: 2, dash: null },
  build: { fill: '#ffe3bf', stroke: '#a24f00', width: 2, dash: [6, 3] },
  more: { fill: '#ffffff', stroke: '#777777', width: 1, dash: [2, 2] },
};

const STATES: Partial<Record<NodeState, Partial<NodeStyle>>> = {
  compelled: { fill: '#fff1e0', stroke: '#a24f00', width: 2 },
  'way-in': { fill: '#ffd9a8', stroke: '#a24f00', width: 3 },
  beyond: { fill: '#e8eefc', stroke: '#3b5bab', width: 2, dash: [5, 3] },
  own: { fill: '#efe4fb', stroke: '#5b2d91', width: 2 },
  readable: { fill: '#ffd9d9', stroke: '#a3001b', width: 3 },
  sealed: { fill: '#dcf2e3', stroke: '#1e6b3c', width: 2 },
  unreached: { fill: '#f2f2f2', stroke: '#777777', width: 1, dash: [2, 2] },
  withheld: { fill: '#dcf2e3', stroke: '#1e6b3c', width: 2 },
};

export function nodeStyle(kind: NodeKind, state: NodeState): NodeStyle {
  return { ...BASE[kind], ...STATES[state] };
}
