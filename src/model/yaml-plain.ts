/**
 * A fast way to the positioned tree for plain YAML, the kind profiles are
 * written in: block and single-line flow collections of scalars, comments,
 * no anchors, aliases, tags or directives. It builds the tree straight from
 * yaml's concrete syntax tree, skipping yaml's composer (a third of the
 * parse), and gives up (null) at the first thing outside that plain subset
 * or anything doubtful, for the full parser (yaml.ts) to read and report on.
 * Where it answers, its tree is the full parser's, node for node and
 * position for position (test/model/yaml-plain.test.ts holds it to that).
 */
import { CST, isScalar, LineCounter, Parser, Schema } from 'yaml';
import type { Pos } from './finding.js';
import type { Limits } from './limits.js';
import { lexYaml, type ParseWork, type YEntry, type YNode } from './yaml.js';

/** The core schema's tests and resolvers for plain scalars, in yaml's order. */
const SCALAR_TAGS = new Schema({}).tags.filter((t) => t.default && t.test instanceof RegExp) as unknown as {
  test: RegExp;
  resolve: (value: string, onError: (message: string) => void, options: object) => unknown;
}[];

class Doubt extends Error {}
const doubt = (): never => {
  throw new Doubt();
};

/** The tree for plain YAML, or null where the full parser must read it (or a limit is passed). */
export function plainTree(text: string, limits: Limits, lexemes?: readonly string[], work?: ParseWork): YNode | null {
  if (text.includes('\t')) return null; // tabs: indentation rules yaml's composer enforces
  if (!lexemes) {
    const lexed = lexYaml(text, limits);
    if (lexed.stop) return null;
    lexemes = lexed.lexemes;
  }
  const lineCounter = new LineCounter();
  try {
    const parser = new Parser(lineCounter.addNewLine);
    const tokens: CST.Token[] = [];
    lineCounter.addNewLine(0);
    for (const lexeme of lexemes) for (const token of parser.next(lexeme)) tokens.push(token);
    for (const token of parser.end()) tokens.push(token);
    const docs = tokens.filter((t) => t.type === 'document');
    if (docs.length !== 1 || tokens.some((t) => t.type !== 'document' && !quiet(t))) return null;
    const doc = docs[0] as CST.Document;
    if (doc.start.some((t) => !quiet(t)) || doc.end?.some((t) => !quiet(t)) || !doc.value) return null;
    if (doc.value.type !== 'block-map' && doc.value.type !== 'flow-collection') return null;
    const builder = new PlainBuilder(text, positions(lineCounter.lineStarts), limits);
    const tree = builder.node(doc.value, 0);
    if (work) work.built = builder.nodes;
    return tree;
  } catch (error) {
    if (error instanceof Doubt) return null;
    throw error;
  }
}

/**
 * Offsets to 1-based lines and columns, as LineCounter.linePos gives them,
 * for offsets asked in mostly rising order: from the line of the last one,
 * or, for an earlier one (where a block mapping starts, asked once its
 * entries are read), by halving: from the first line, every block mapping
 * of a file of many would cost a walk over the lines before it.
 */
function positions(lineStarts: readonly number[]): (offset: number) => Pos {
  let line = 0;
  return (offset) => {
    if (offset < lineStarts[line]!) {
      let [lo, hi] = [0, line];
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      line = lo;
    }
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
    return { line: line + 1, col: offset - lineStarts[line]! + 1 };
  };
}

/** Spaces, line breaks and comments: tokens that carry no value. */
const quiet = (t: { type: string }): boolean => t.type === 'space' || t.type === 'newline' || t.type === 'comment';

class PlainBuilder {
  nodes = 0;

  constructor(
    private readonly text: string,
    private readonly at: (offset: number) => Pos,
    private readonly limits: Limits,
  ) {}

  node(token: CST.Token, depth: number): YNode {
    if (++this.nodes > this.limits.maxNodes || depth > this.limits.maxDepth) doubt();
    switch (token.type) {
      case 'block-map':
        return this.blockMap(token, depth);
      case 'block-seq':
        return this.blockSeq(token, depth);
      case 'flow-collection':
        return this.flow(token, depth);
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        return this.scalar(token);
      default:
        return doubt();
    }
  }

  /** A key: a plain or quoted scalar on one line, as the full parser names it. */
  private key(token: CST.Token | null | undefined): { key: string; keyPos: Pos } {
    if (!token || (token.type !== 'scalar' && token.type !== 'single-quoted-scalar' && token.type !== 'double-quoted-scalar')) doubt();
    const scalar = this.scalar(token as CST.FlowScalar, false);
    if (scalar.value === '' || (token as CST.FlowScalar).source.includes('\n')) doubt();
    const key = typeof scalar.value === 'string' ? scalar.value : (token as CST.FlowScalar).source;
    return { key, keyPos: scalar.pos };
  }

  /** The separator between a key and its value: one `:`, with spaces, breaks or comments. */
  private sep(tokens: CST.SourceToken[] | undefined): void {
    if (!tokens || tokens.filter((t) => t.type === 'map-value-ind').length !== 1) doubt();
    for (const t of tokens!) if (t.type !== 'map-value-ind' && !quiet(t)) doubt();
    this.comments(tokens!);
  }

  /** A comment must follow white space; yaml's composer rejects one that does not. */
  private comments(tokens: readonly CST.SourceToken[]): void {
    for (const t of tokens) if (t.type === 'comment' && t.offset > 0 && !/[ \n\r]/.test(this.text[t.offset - 1]!)) doubt();
  }

  private blockMap(token: CST.BlockMap, depth: number): YNode {
    const entries = new Map<string, YEntry>();
    const column = token.items[0]?.key ? this.at(token.items[0].key.offset).col : -1;
    let last: YNode | null = null;
    for (const item of token.items) {
      if (item.start.some((t) => !quiet(t))) doubt();
      this.comments(item.start);
      const { key, keyPos } = this.key(item.key);
      if (keyPos.col !== column || entries.has(key)) doubt();
      this.sep(item.sep);
      if (!item.value) doubt();
      // A nested block collection starts on a line of its own (`a: b: c` is an error).
      if ((item.value!.type === 'block-map' || item.value!.type === 'block-seq') && this.at(item.value!.offset).line === keyPos.line) doubt();
      last = this.node(item.value!, depth + 1);
      entries.set(key, { keyPos, value: last });
    }
    if (!last) doubt();
    return { type: 'map', entries, pos: this.at(token.offset), end: last!.end };
  }

  private blockSeq(token: CST.BlockSequence, depth: number): YNode {
    const items: YNode[] = [];
    for (const item of token.items) {
      if (item.start.filter((t) => t.type === 'seq-item-ind').length !== 1 || item.start.some((t) => t.type !== 'seq-item-ind' && !quiet(t))) doubt();
      this.comments(item.start);
      if (!item.value) doubt();
      items.push(this.node(item.value!, depth + 1));
    }
    if (items.length === 0) doubt();
    return { type: 'seq', items, pos: this.at(token.offset), end: items[items.length - 1]!.end };
  }

  /** `[a, b]` or `{ k: v }`, on one line. */
  private flow(token: CST.FlowCollection, depth: number): YNode {
    const isMap = token.start.source === '{';
    const close = isMap ? '}' : ']';
    const endIndex = token.end.findIndex((t) => t.type !== 'space');
    const closing = token.end[endIndex];
    if (!closing || closing.source !== close || token.end.slice(endIndex + 1).some((t) => !quiet(t))) doubt();
    this.comments(token.end);
    const line = this.at(token.offset).line;
    if (this.at(closing!.offset).line !== line) doubt();
    const entries = new Map<string, YEntry>();
    const items: YNode[] = [];
    // `{  }`: an empty collection is one item of nothing but spaces.
    const only = token.items[0];
    const empty = token.items.length === 1 && only && !only.key && !only.sep && !only.value && only.start.every((t) => t.type === 'space');
    (empty ? [] : token.items).forEach((item, i) => {
      // Items after the first start with their comma.
      const commas = item.start.filter((t) => t.type === 'comma').length;
      if (commas !== (i === 0 ? 0 : 1) || item.start.some((t) => t.type !== 'comma' && t.type !== 'space')) doubt();
      if (!item.value) doubt();
      if (isMap) {
        const { key, keyPos } = this.key(item.key);
        if (entries.has(key)) doubt();
        this.sep(item.sep);
        if (item.sep!.some((t) => t.type !== 'map-value-ind' && t.type !== 'space')) doubt();
        entries.set(key, { keyPos, value: this.node(item.value!, depth + 1) });
      } else {
        if (item.key || item.sep) doubt();
        items.push(this.node(item.value!, depth + 1));
      }
    });
    // A comma after the last item, or none between, is for the full parser to judge.
    const trailing = token.end.slice(0, endIndex);
    if (trailing.some((t) => t.type !== 'space')) doubt();
    const pos = this.at(token.offset);
    const end = this.at(closing!.offset + 1 + token.end.slice(endIndex + 1).reduce((n, t) => n + t.source.length, 0));
    return isMap ? { type: 'map', entries, pos, end } : { type: 'seq', items, pos, end };
  }

  private scalar(token: CST.FlowScalar | CST.BlockScalar, withEnd = true): YNode & { type: 'scalar' } {
    if (token.type === 'block-scalar') {
      if (token.props.some((t) => t.type !== 'block-scalar-header' && !quiet(t))) doubt();
    } else if (token.type === 'scalar' && token.source.includes('\n')) doubt();
    else if (token.type !== 'scalar' && token.source.includes('\n')) doubt();
    const tail = token.type === 'block-scalar' ? [] : (token.end ?? []);
    if (tail.some((t) => !quiet(t))) doubt();
    this.comments(tail);
    let value: string | number | boolean | null;
    if (token.type === 'scalar') {
      // One line of plain text is its own source (yaml rejects these first
      // characters, and would trim): only its type needs working out.
      if (/^[\t,%|>@`]/.test(token.source) || token.source !== token.source.trim()) doubt();
      value = plainValue(token.source);
    } else {
      let failed = false;
      const resolved = CST.resolveAsScalar(token, true, () => (failed = true));
      if (failed || !resolved) doubt();
      value = resolved!.value;
    }
    const endOffset = token.type === 'block-scalar' ? token.offset + token.source.length + token.props.reduce((n, t) => n + ("source" in t ? t.source.length : 0), 0) : token.offset + token.source.length + tail.reduce((n, t) => n + t.source.length, 0);
    const pos = this.at(token.offset);
    return { type: 'scalar', value, pos, end: withEnd ? this.at(endOffset) : pos };
  }
}

/** A plain scalar's value under the core schema, as yaml's composer resolves it. */
function plainValue(source: string): string | number | boolean | null {
  // Every null, boolean and number of the core schema starts with one of these.
  if (!/^[-+.0-9~nNtTfF]/.test(source) && source !== '') return source;
  for (const tag of SCALAR_TAGS) {
    if (!tag.test.test(source)) continue;
    let failed = false;
    const resolved = tag.resolve(source, () => (failed = true), {});
    if (failed) doubt();
    // Some of yaml's resolvers (null, booleans) hand back a Scalar node.
    const value = isScalar(resolved) ? resolved.value : resolved;
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    return doubt();
  }
  return source;
}
