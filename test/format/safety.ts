/**
 * What each format promises about text that came from a profile, a policy,
 * a file name or the command line, checked on a whole rendered output:
 * nothing in it can steer a terminal or hide in it, break a Markdown table,
 * an XML report or a GitHub annotation, run in a browser or a spreadsheet,
 * or stop the JSON from parsing. Used by the injection tests (fixed hostile
 * strings) and the property tests (generated ones), for the formats of
 * every command: answers, `check` and `diff`.
 */
import { expect } from 'vitest';

/** Strings a hostile profile might hold in any free-text field. */
export const HOSTILE = [
  '\u001b[31mred\u001b[0m',
  '\u001b[2J\u001b[H',
  '\u001b]0;pwned title\u0007',
  '\u001b]8;;https://evil.example\u001b\\click me\u001b]8;;\u001b\\',
  '\u009b31m eight-bit CSI \u0085 NEL',
  'nul \u0000 bell \u0007 backspace\u0008\u0008 delete \u007f',
  'carriage\rreturn',
  'line\nbreak\r\nand another',
  'tab\there',
  '\u202eright-to-left override\u202c and \u2066isolate\u2069',
  'separators \u2028 and \u2029',
  'pipe | in | a | cell',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '![image](https://evil.example/x.png)',
  '=cmd|\' /C calc\'!A0',
  '+1+2',
  '-2+3',
  '@SUM(A1:A2)',
  '"double" and \'single\' quotes, `code`, **bold**, _em_',
  '# heading',
  '- list item',
  '1. numbered',
  '> quote',
  '&amp; &#x3c; entities',
  'zero\u200bwidth\u200cnon\u200djoiner\u2060word \ufeffBOM',
  'soft\u00adhyphen, \u{e0041}\u{e0042} tag characters, hangul \u3164 filler',
];

/** File names a profile or policy might come in: every separator a format uses, escapes, bidi and invisible marks. */
export const HOSTILE_FILES = [
  'profiles/\u001b[31mevil\u0007|<b>,x:y%.yaml',
  'odd dir/\u202eevil\u200b\ufeff #1?&.yaml',
  'two\nlines\r\n::error file=x::injected.yaml',
  '=cmd|\' /C calc\'!A0.yaml',
];

/**
 * Characters that must never reach a terminal raw: C0 controls but the line
 * feed (so every ANSI escape), DEL, C1 controls, format characters (among
 * them bidirectional overrides and marks, zero-width spaces and joiners,
 * the byte order mark, soft hyphens and tag characters), line and paragraph
 * separators, and the Hangul fillers that show as nothing.
 */
const INVISIBLE = '\\p{Cf}\\p{Zl}\\p{Zp}\\u115f\\u1160\\u3164\\uffa0';
/** `STEERING`, but for the controls `allowed` (raw in this format's own syntax). */
const steeringBut = (allowed: string) => new RegExp(`[^\\P{Cc}${allowed}]|[${INVISIBLE}]`, 'u');
export const STEERING = steeringBut('\\n');

/** RFC 4180 records: fields split at commas outside quotes, `""` inside quotes for one `"`. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}

/** Checks one rendered output against its format's promises. */
export function expectSafe(format: string, text: string): void {
  switch (format) {
    case 'table':
    case 'stylish':
      expect(text, 'no raw control character, escape, bidi or invisible mark').not.toMatch(STEERING);
      return;
    case 'github': {
      expect(text).not.toMatch(STEERING);
      // One annotation a line, its properties free of the separators that would end them.
      const lines = text.replace(/\n$/, '').split('\n');
      for (const line of lines.slice(0, -1)) expect(line).toMatch(/^::(error|warning|notice) file=[^,:]*,line=\d+,col=\d+,title=[^,:]*::/);
      expect(lines.at(-1)).toMatch(/^keyholder check: /);
      return;
    }
    case 'junit':
      expect(text, 'no control character XML cannot hold, and nothing to steer a terminal').not.toMatch(steeringBut('\\n\\t'));
      wellFormed(text);
      return;
    case 'sarif': {
      expect(text).not.toMatch(STEERING);
      const uris = JSON.parse(text).runs.flatMap((run: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }) =>
        run.results.flatMap((r) => r.locations.map((l) => l.physicalLocation.artifactLocation.uri)),
      );
      for (const uri of uris) expect(uri, 'a URI is printable ASCII').toMatch(/^[\x21-\x7e]+$/);
      return;
    }
    case 'markdown': {
      expect(text).not.toMatch(STEERING);
      // Each Mermaid diagram, collapsed under a summary of HTML text, keeps Mermaid's promises, and is no Markdown.
      const diagrams = [...text.matchAll(/^<details>\n<summary>([^<\n]*)<\/summary>\n\n```mermaid\n([\s\S]*?)\n```\n\n<\/details>$/gm)];
      for (const d of diagrams) {
        expect(d[1], 'a summary is text').not.toMatch(/[<>"[\]`*_]|&(?!(amp|lt|gt|quot|#\d+);)/);
        expectSafe('mermaid', `${d[2]}\n`);
      }
      const outside = diagrams.reduce((t, d) => t.replace(d[0], ''), text);
      expect(outside, 'no fence but a diagram\'s').not.toMatch(/```/);
      // An autolink to an http(s) address shows the address itself: the only links allowed.
      const rest = outside.replace(/<https?:\/\/[\x21-\x3b\x3d\x3f-\x7e]+>/g, '');
      expect(rest, 'no raw HTML').not.toMatch(/<(?!br>)[a-z/!?]/i);
      expect(rest, 'no link or image from the data').not.toMatch(/(?<!\\)\]\(/);
      let header = 0;
      for (const line of text.split('\n')) {
        if (!line.startsWith('|')) {
          header = 0;
          continue;
        }
        const cells = line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length;
        if (header === 0) header = cells;
        expect(cells, `a row with as many cells as its header: ${line}`).toBe(header);
      }
      return;
    }
    case 'json':
      expect(text).not.toMatch(STEERING);
      expect(() => JSON.parse(text)).not.toThrow();
      return;
    case 'csv': {
      expect(text, 'no escape, bidi or invisible mark even inside a quoted cell').not.toMatch(steeringBut('\\n\\r'));
      const rows = parseCsv(text);
      for (const cell of rows.flat()) if (cell !== '-') expect(cell, 'a cell a spreadsheet would run as a formula').not.toMatch(/^[=+\-@\t\r]/);
      return;
    }
    case 'mermaid':
      expectMermaid(text);
      return;
    case 'dot':
      expectDot(text);
      return;
    case 'svg':
      expect(text, 'no control character XML cannot hold, nothing to steer a terminal').not.toMatch(steeringBut('\\n'));
      wellFormed(text);
      // Text cannot hold a raw `<` (wellFormed), so every tag is a real one: only Graphviz's shapes, and no attribute that runs or loads.
      for (const [, name, attributes] of text.matchAll(/<\/?([A-Za-z][\w-]*)([^>]*)>/g)) {
        expect(['svg', 'g', 'title', 'polygon', 'path', 'text', 'ellipse', 'polyline'], `an element Graphviz draws: <${name}>`).toContain(name);
        for (const [, attr] of attributes!.matchAll(/\s([\w:-]+)="/g)) expect(attr, 'no handler, link or style').not.toMatch(/^on|href|src|style/i);
      }
      return;
    case 'html':
      expectHtml(text);
      return;
    default:
      throw new Error(`no safety check for the format '${format}': add one here`);
  }
}

/**
 * Mermaid as keyholder writes it, line by line: a flowchart of nodes with
 * ids of its own and double-quoted labels in which nothing Mermaid reads
 * (a quote, `#`, `%`, HTML, a backtick) is left but entity codes and its
 * own `<br>`, edges with fixed words, and classes.
 */
export function expectMermaid(text: string): void {
  const lines = text.replace(/\n$/, '').split('\n');
  expect(lines[0]).toBe('flowchart LR');
  const id = '(?:(?:party|key|form|way|build)\\d+|order|more)';
  const label = '"(?:[^"#%<>&`\\n]|#\\d+;|<br>)*"';
  const shapes = ['\\(L\\)', '\\{\\{L\\}\\}', '\\[\\(L\\)\\]', '\\(\\[L\\]\\)', '>L\\]', '\\[\\[L\\]\\]', '\\[L\\]'].map((s) => s.replace('L', label));
  const grammar = [
    /^ {2}accTitle: [\p{L}\p{N} .,'()@+:/_-]*$/u,
    new RegExp(`^ {2}${id}(?:${shapes.join('|')});$`, 'u'),
    new RegExp(`^ {2}${id} (?:-->|==>|-\\.->)\\|[a-z ]+\\| ${id}$`),
    /^ {2}classDef [a-z_]+ (?:[a-z-]+:[#0-9a-z. ]+,)*[a-z-]+:[#0-9a-z. ]+$/,
    /^ {2}class [a-z0-9,]+ [a-z_]+$/,
  ];
  for (const line of lines.slice(1)) expect(grammar.some((g) => g.test(line)), `a Mermaid line of keyholder's own making: ${line}`).toBe(true);
  expect(text).not.toMatch(STEERING);
}

/** The escapes in a DOT string other than a line break, a backslash and a quote: each would mean something to Graphviz. */
export const graphvizEscapes = (s: string): string[] => [...s.matchAll(/\\(.)/gs)].map((m) => m[1]!).filter((c) => !['n', '\\', '"'].includes(c));

/** DOT as keyholder writes it: statements of its own ids and keywords, every text a double-quoted string that ends where it should. */
export function expectDot(text: string): void {
  expect(text).not.toMatch(STEERING);
  const lines = text.replace(/\n$/, '').split('\n');
  expect(lines[0]).toBe('digraph keyholder {');
  expect(lines.at(-1)).toBe('}');
  const string = /"(?:[^"\\\n]|\\.)*"/g;
  for (const line of lines.slice(1, -1)) {
    const bare = line.replace(string, 'S');
    expect(bare, `a DOT statement of keyholder's own making: ${line}`).toMatch(/^ {2}(?:(?:graph|node|edge) |[a-z]+\d* (?:-> [a-z]+\d* )?)\[(?:[a-z]+=(?:S|[\w.]+)(?:, )?)+\];$/);
    for (const s of line.match(string) ?? []) expect(graphvizEscapes(s), 'no Graphviz escape but \\n, \\\\ and \\"').toEqual([]);
  }
}

/**
 * The report page, without a browser: one script and one style, both its
 * own and allowed by hash in its policy; no event handler, no link but to
 * the page itself or to an http(s) address, nothing loaded from anywhere.
 */
export function expectHtml(text: string): void {
  expect(text).not.toMatch(steeringBut('\\n'));
  expect(text.match(/<script\b/gi)).toHaveLength(1);
  expect(text.match(/<style\b/gi)).toHaveLength(1);
  expect(text.match(/<\/script/gi)).toHaveLength(1);
  expect(text.match(/<\/style/gi)).toHaveLength(1);
  // Outside the page's own script and style, text holds no raw `<`: every tag is a real one.
  const markup = text.replace(/<script>[\s\S]*?<\/script>|<style>[\s\S]*?<\/style>/g, '');
  for (const [tag, name, attributes] of markup.matchAll(/<\/?([A-Za-z!][\w-]*)([^>]*)>/g)) {
    expect(['img', 'iframe', 'object', 'embed', 'link', 'base', 'image', 'use', 'foreignObject', 'audio', 'video', 'source', 'form-action'], `nothing loaded: ${tag}`).not.toContain(name);
    for (const [, attr, value] of attributes!.matchAll(/\s([\w:-]+)="([^"]*)"/g)) {
      expect(attr, `no handler, no style, nothing loaded: ${tag}`).not.toMatch(/^on|^style$|^src$|^srcset$|^action$|^formaction$/i);
      if (/href$/i.test(attr!)) expect(value, 'a link to the page or to an http(s) address').toMatch(/^(#[a-z0-9-]+|https?:\/\/[\x21-\x7e]+)$/);
    }
  }
  expect(markup, 'no raw < in text').not.toMatch(/<(?![A-Za-z!/])/);
  expect(text).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; script-src 'sha256-[A-Za-z0-9+/=]+';/);
}

/** A small well-formedness check of XML: balanced tags, quoted attributes, no raw `<` or `&` in text. */
export function wellFormed(text: string): void {
  const body = text.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of body.matchAll(token)) {
    if (m[6]) throw new Error(`stray '<' at ${m.index}`);
    const text = m[5] ?? m[3] ?? '';
    if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(text)) throw new Error(`bare '&' at ${m.index}`);
    if (m[5]) continue;
    if (m[1]) expect(stack.pop(), `closing </${m[2]}>`).toBe(m[2]);
    else if (!m[4]) stack.push(m[2]!);
  }
  expect(stack).toEqual([]);
}
