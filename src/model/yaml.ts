/**
 * YAML text -> a small tree that keeps every node's position. Maps are
 * `Map`s, so ids such as `__proto__` or `constructor` are plain keys, and
 * aliases are expanded under a budget, so a "billion laughs" file stops early.
 * Every step takes time linear in the file: nodes, anchors, aliases and flow
 * nesting are counted as the text is lexed, before it is parsed, and
 * duplicate keys are found with a `Map`.
 */
import { Composer, Lexer, LineCounter, Parser, isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { finding, type Finding, type Pos } from './finding.js';
import { LIMITS, type Limits } from './limits.js';
import { plainTree } from './yaml-plain.js';

export { LIMITS, type Limits } from './limits.js';

export interface YBase {
  pos: Pos;
  /** Position just past the node, for telling whether a finding lies inside it. */
  end: Pos;
}
export interface YEntry {
  keyPos: Pos;
  value: YNode;
}
export interface YMap extends YBase {
  type: 'map';
  entries: Map<string, YEntry>;
}
export interface YSeq extends YBase {
  type: 'seq';
  items: YNode[];
}
export interface YScalar extends YBase {
  type: 'scalar';
  value: string | number | boolean | null;
}
export type YNode = YMap | YSeq | YScalar;

const START: Pos = { line: 1, col: 1 };

/**
 * Bytes -> text: rejects files over the size cap and bytes that are not
 * UTF-8 (pointing at the first bad byte), and drops a byte-order mark.
 */
export function decodeText(bytes: Uint8Array, file: string, limits: Limits = LIMITS): { text?: string; findings: Finding[] } {
  if (bytes.length > limits.maxBytes) {
    return { findings: [finding('file-too-large', file, START, '', { size: bytes.length, limit: limits.maxBytes })] };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, findings: [] };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const lines = before.split('\n');
    const pos = { line: lines.length, col: [...(lines[lines.length - 1] ?? '')].length + 1 };
    return { findings: [finding('not-utf8', file, pos, '', { offset: bad })] };
  }
}

/** Offset of the first byte that is not part of well-formed UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const c = bytes[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    // Lead byte -> number of continuation bytes and the allowed range of the
    // first one (which rules out overlong forms and surrogates).
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= n; k++) {
      const d = bytes[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return i;
}

export interface ParsedYaml {
  root: YNode | null;
  findings: Finding[];
}

/**
 * What parsing a file took, counted as it went: tests and the bench assert
 * this work, not time.
 */
export interface ParseWork {
  /** Lexemes the token guard let through. */
  lexemes: number;
  /** YAML nodes the guard counted in them. */
  nodes: number;
  /** Line breaks the guard counted in them. */
  lines: number;
  /** Nodes of the positioned tree built, every alias expansion included. */
  built: number;
}

/** A file's lexemes, as far as the guard let them through, and why it stopped, if it did. */
export interface Lexed {
  lexemes: string[];
  stop: GuardStop | null;
}

/**
 * Lexes the whole text through the guard before any of it is parsed, and
 * once: a file past a limit is refused having been lexed up to it, none of
 * it parsed (lexing costs a quarter of parsing), and both parsers read
 * these lexemes rather than lexing the text again.
 */
export function lexYaml(text: string, limits: Limits, work?: ParseWork): Lexed {
  const guard = new TokenGuard(limits);
  const lexemes: string[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    if (!guard.allows(lexeme)) break;
    lexemes.push(lexeme);
  }
  guard.addTo(work);
  return { lexemes, stop: guard.stop };
}

/**
 * Parses one YAML document into a positioned tree; every problem is a
 * finding. Plain YAML takes the fast way (yaml-plain.ts); anything else, and
 * anything wrong, the full parser.
 */
export function parseYaml(source: string, file: string, limits: Limits = LIMITS, work?: ParseWork): ParsedYaml {
  // YAML counts a lone CR (old Mac line ends) as a line break; yaml does not. One
  // character for one keeps every position.
  const text = source.replace(/\r(?!\n)/g, '\n');
  const lexed = lexYaml(text, limits, work);
  if (lexed.stop) return refused(lexed.stop, file, positionAt(text, lexed.stop.offset));
  const plain = plainTree(text, limits, lexed.lexemes, work);
  return plain ? { root: plain, findings: [] } : parseYamlFully(text, file, limits, work, lexed);
}

/** The full parser: yaml's parser and composer over the lexemes, then the positioned tree. */
export function parseYamlFully(text: string, file: string, limits: Limits = LIMITS, work?: ParseWork, lexed: Lexed = lexYaml(text, limits, work)): ParsedYaml {
  if (lexed.stop) return refused(lexed.stop, file, positionAt(text, lexed.stop.offset));
  const lineCounter = new LineCounter();
  const at = (offset: number): Pos => lineCounter.linePos(offset);
  const parser = new Parser(lineCounter.addNewLine);
  function* tokens() {
    lineCounter.addNewLine(0);
    for (const lexeme of lexed.lexemes) yield* parser.next(lexeme);
    yield* parser.end();
  }
  // yaml's own duplicate-key check compares every pair of keys; the Builder finds them with a Map.
  const composer = new Composer({ uniqueKeys: false, strict: true });
  const docs: Document.Parsed[] = [];
  // yaml makes an Error of each problem it finds, and a stack trace with
  // each: for a hundred thousand stray commas, half a second of traces no
  // one reads. (An internal error inside yaml loses its trace too.)
  const traces = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    for (const doc of composer.compose(tokens(), true, text.length)) {
      docs.push(doc);
      if (docs.length > 1) break;
    }
  } finally {
    Error.stackTraceLimit = traces;
  }
  const [doc, second] = docs as [Document.Parsed, Document.Parsed?];
  const findings = doc.errors.map((error) =>
    // Block nesting too deep for yaml's composer ends in a stack overflow it reports as an error.
    error.message.includes('Maximum call stack size exceeded')
      ? finding('too-deep', file, at(error.pos[0]), '', { limit: limits.maxDepth })
      : finding('yaml-syntax', file, at(error.pos[0]), '', { detail: firstLine(error.message), yamlCode: error.code }),
  );
  if (second) {
    const detail = 'a file holds one profile, but a second YAML document starts here';
    findings.push(finding('yaml-syntax', file, at(second.range[0]), '', { detail, yamlCode: 'MULTIPLE_DOCS' }));
  }
  if (findings.length > 0) return { root: null, findings };
  if (doc.contents === null) {
    return { root: null, findings: [finding('empty-file', file, START, '')] };
  }
  const builder = new Builder(doc, at, file, limits);
  const root = builder.build(doc.contents as Node, 0, '');
  if (work) work.built = builder.nodes;
  return { root: builder.failed ? null : root, findings: builder.findings };
}

/** Why the token guard stopped a parse: the limit passed, or a tag. */
export interface GuardStop {
  code: 'alias-limit' | 'too-many-anchors' | 'too-many-nodes' | 'too-many-lines' | 'too-deep' | 'yaml-tag';
  offset: number;
  args: Record<string, string | number>;
}

const refused = (stop: GuardStop, file: string, pos: Pos): ParsedYaml => ({ root: null, findings: [finding(stop.code, file, pos, '', stop.args)] });

/** 1-based line and column of an offset, as LineCounter gives them, for the one finding a refusal needs. */
function positionAt(text: string, offset: number): Pos {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  const lineStart = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  return { line, col: offset - lineStart + 1 };
}

/**
 * Counts nodes, lines, anchors, aliases and flow nesting in the lexer's
 * tokens, before any tree is built, and stops the parse at the first limit
 * passed: the parser and composer would otherwise spend seconds and a
 * gigabyte on a megabyte of `[a,a,a,…]`, ten thousand anchors or a megabyte
 * of `[`, and most of a second on a megabyte of blank lines or comments,
 * which hold no node but cost a token or two a line. It
 * also stops at the first tag: yaml would construct `!!binary` and
 * `!!timestamp` values and drop unknown tags, and a profile is plain data,
 * so every explicit tag is refused.
 *
 * A node is a scalar (a key or a value), an alias, a flow collection, or
 * what fills a place an indicator opens (`-`, `?`, `:`, `,`, `[`, `{`) when
 * another indicator comes first: an empty node, or a block collection. A
 * block collection that fills no such place (the top-level mapping) is not
 * counted, so the count never exceeds the nodes yaml would build.
 */
export class TokenGuard {
  stop: GuardStop | null = null;
  /** Lexemes let through. */
  lexemes = 0;
  /** Nodes counted. */
  nodes = 0;
  /** Line breaks counted. */
  lines = 0;
  private offset = 0;
  /** Where the line after the last break starts. */
  private lineStart = 0;
  private scalarNext = false;
  /** An indicator waits for the node it introduces. */
  private open = false;
  private depth = 0;
  private anchors = 0;
  private aliases = 0;

  constructor(private readonly limits: Limits) {}

  allows(lexeme: string): boolean {
    this.lexemes++;
    const offset = this.offset;
    // yaml's parser moves on by every lexeme but its three markers of no text.
    const text = this.scalarNext || (lexeme !== '\u001f' && lexeme !== '\u0002' && lexeme !== '\u0018');
    if (text && lexeme.length > 0) {
      // Anything on the line past the last one allowed.
      if (this.lines >= this.limits.maxLines) this.halt('too-many-lines', this.lineStart, { limit: this.limits.maxLines });
      else this.breaks(lexeme, offset);
      if (this.stop) return false;
    }
    // The lexer marks a plain or block scalar with U+001F; its text is not syntax.
    if (this.scalarNext) {
      this.scalarNext = false;
      this.offset += lexeme.length;
      return true;
    }
    if (text) this.offset += lexeme.length;
    const { maxAliases, maxDepth } = this.limits;
    switch (lexeme[0]) {
      case '\u001f':
        this.scalarNext = true;
        this.node(offset);
        break;
      case '"':
      case "'":
        this.node(offset);
        break;
      case '[':
      case '{':
        this.node(offset);
        this.open = true;
        if (++this.depth > maxDepth) this.halt('too-deep', offset, { limit: maxDepth });
        break;
      case ']':
      case '}':
        this.open = false;
        this.depth = Math.max(0, this.depth - 1);
        break;
      case '-':
        if (lexeme === '-') this.indicator(offset);
        else this.open = false; // `---`: a new document
        break;
      case '?':
      case ':':
      case ',':
        this.indicator(offset);
        break;
      case '.': // `...`: the end of a document
      case '\u0002': // the start of one
        this.open = false;
        break;
      case '&':
        if (++this.anchors > maxAliases) this.halt('too-many-anchors', offset, { limit: maxAliases });
        break;
      case '*':
        this.node(offset);
        if (++this.aliases > maxAliases) this.halt('alias-limit', offset, { limit: maxAliases });
        break;
      case '!':
        this.halt('yaml-tag', offset, { tag: lexeme.length > 40 ? `${lexeme.slice(0, 40)}…` : lexeme });
        break;
    }
    return this.stop === null;
  }

  /** Adds the work done to `work`, where one is kept. */
  addTo(work: ParseWork | undefined): void {
    if (!work) return;
    work.lexemes += this.lexemes;
    work.nodes = this.nodes;
    work.lines = this.lines;
  }

  /** Counts the line breaks in a lexeme's text, up to one with text after it on the line past the limit. */
  private breaks(lexeme: string, offset: number): void {
    for (let i = lexeme.indexOf('\n'); i !== -1; i = lexeme.indexOf('\n', i + 1)) {
      this.lines++;
      this.lineStart = offset + i + 1;
      if (this.lines >= this.limits.maxLines && i + 1 < lexeme.length) {
        this.halt('too-many-lines', this.lineStart, { limit: this.limits.maxLines });
        return;
      }
    }
  }

  private node(offset: number): void {
    this.open = false;
    if (++this.nodes > this.limits.maxNodes) this.halt('too-many-nodes', offset, { limit: this.limits.maxNodes });
  }

  private indicator(offset: number): void {
    if (this.open) this.node(offset);
    this.open = true;
  }

  private halt(code: GuardStop['code'], offset: number, args: GuardStop['args']): void {
    this.stop ??= { code, offset, args };
  }
}

const firstLine = (message: string): string => message.split('\n')[0] ?? message;

class Builder {
  findings: Finding[] = [];
  failed = false;
  /** Nodes built, every alias expansion included. */
  nodes = 0;
  private aliases = 0;

  constructor(
    private readonly doc: Document,
    private readonly at: (offset: number) => Pos,
    private readonly file: string,
    private readonly limits: Limits,
  ) {}

  private fail(code: 'alias-limit' | 'too-many-nodes' | 'too-deep' | 'yaml-syntax', pos: Pos, path: string, args: Record<string, string | number>) {
    if (!this.failed) this.findings.push(finding(code, this.file, pos, path, args));
    this.failed = true;
  }

  build(node: Node, depth: number, path: string): YNode {
    const range = node.range ?? [0, 0, 0];
    const pos = this.at(range[0]);
    const end = this.at(range[2]);
    const placeholder: YScalar = { type: 'scalar', value: null, pos, end };
    if (this.failed) return placeholder;
    if (++this.nodes > this.limits.maxNodes) {
      this.fail('too-many-nodes', pos, path, { limit: this.limits.maxNodes });
      return placeholder;
    }
    if (depth > this.limits.maxDepth) {
      this.fail('too-deep', pos, path, { limit: this.limits.maxDepth });
      return placeholder;
    }
    if (isAlias(node)) {
      if (++this.aliases > this.limits.maxAliases) {
        this.fail('alias-limit', pos, path, { limit: this.limits.maxAliases });
        return placeholder;
      }
      const target = node.resolve(this.doc);
      if (!target) {
        this.fail('yaml-syntax', pos, path, { detail: `Unresolved alias *${node.source}` });
        return placeholder;
      }
      const built = this.build(target, depth + 1, path);
      return { ...built, pos, end };
    }
    if (isMap(node)) {
      const entries = new Map<string, YEntry>();
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const keyPos = keyNode?.range ? this.at(keyNode.range[0]) : pos;
        let key: string;
        if (keyNode === null || keyNode === undefined) key = '';
        else if (isScalar(keyNode)) key = typeof keyNode.value === 'string' ? keyNode.value : (keyNode.source ?? String(keyNode.value));
        else {
          this.findings.push(finding('wrong-type', this.file, keyPos, path, { expected: 'plain-key', found: 'collection' }));
          continue;
        }
        if (entries.has(key)) {
          this.findings.push(finding('duplicate-key', this.file, keyPos, path, { key }));
          this.failed = true;
          continue;
        }
        const childPath = path === '' ? key : `${path}.${key}`;
        const value: YNode =
          pair.value === null || pair.value === undefined
            ? { type: 'scalar', value: null, pos: keyPos, end: keyPos }
            : this.build(pair.value as Node, depth + 1, childPath);
        entries.set(key, { keyPos, value });
      }
      return { type: 'map', entries, pos, end };
    }
    if (isSeq(node)) {
      const items = node.items.map((item, i) =>
        item === null || item === undefined
          ? ({ type: 'scalar', value: null, pos, end } as YScalar)
          : this.build(item as Node, depth + 1, `${path}[${i}]`),
      );
      return { type: 'seq', items, pos, end };
    }
    if (isScalar(node)) {
      const v = node.value;
      const value = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
      return { type: 'scalar', value, pos, end };
    }
    return placeholder;
  }
}

/** Describes a node's type in the words findings use. */
export function typeOf(node: YNode): string {
  if (node.type === 'map') return 'mapping';
  if (node.type === 'seq') return 'list';
  if (node.value === null) return 'null';
  return typeof node.value === 'string' ? 'string' : typeof node.value;
}

export const isNull = (node: YNode | undefined): boolean => node?.type === 'scalar' && node.value === null;
