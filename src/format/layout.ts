/**
 * Plain-text layout for the terminal formats: word wrap and columns. Styling
 * is applied to whole wrapped lines, after widths are measured, so colour
 * never shifts a column.
 */
import { largest } from '../model/append.js';

/** A line of a cell, with the style to paint it in. */
export interface Line {
  text: string;
  style?: Style;
}
export type Style = 'bold' | 'dim' | 'good' | 'bad' | 'warn' | 'heading';
export type Paint = (text: string, style: Style | undefined) => string;

/** The painter a formatter uses: the one it was given where colour is on, or none. */
export const painter = (opts: { color: boolean; paint?: Paint }): Paint => (opts.color && opts.paint ? opts.paint : (text) => text);

/** Wraps text to `width` columns at spaces, splitting words longer than a line. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lead = indent.length < width - 1 ? indent : '';
  // Text whose words are one space apart (nearly every line) is cut at the
  // last space that fits, a line at a time rather than a word at a time: a
  // cold run that wraps a few thousand words no longer makes V8 optimise
  // the word loop below in the background, which the process then waits for
  // before it exits (3 ms of a 20 ms run).
  if (lead.trim() === '' && !text.includes('  ') && text.charCodeAt(0) !== 32 && text.charCodeAt(text.length - 1) !== 32) return cut(text, width, lead);
  return wordByWord(text, width, lead);
}

/** `wrap` a word at a time, for any text: the reference the line-at-a-time cut is held to (test/property/wrap.test.ts). */
export function wordByWord(text: string, width: number, lead: string): string[] {
  const out: string[] = [];
  let line = '';
  // Whether the line holds no more than blanks: the lead, or words of blanks alone (kept as they come).
  let blank = true;
  const flush = () => {
    out.push(line);
    line = lead;
    blank = lead.trim() === '';
  };
  // Words are what lies between runs of spaces, found by index: a wrapped cell is laid out on every run.
  for (let i = 0, end = text.length; i < end; ) {
    while (i < end && text.charCodeAt(i) === 32) i++;
    if (i === end) break;
    let next = text.indexOf(' ', i);
    if (next < 0) next = end;
    let rest = text.slice(i, next);
    i = next;
    while (rest !== '') {
      const sep = blank ? '' : ' ';
      if (line.length + sep.length + rest.length <= width) {
        line += sep + rest;
        blank = blank && rest.trim() === '';
        rest = '';
      } else if (!blank) {
        flush();
      } else {
        const room = Math.max(1, width - line.length);
        line += rest.slice(0, room);
        rest = rest.slice(room);
        flush();
      }
    }
  }
  if (!blank || out.length === 0) out.push(line);
  return out;
}

/** `wrap` for text with no leading, trailing or double spaces, under a blank lead: the same lines. */
function cut(text: string, width: number, lead: string): string[] {
  const out: string[] = [];
  let rest = text;
  for (let prefix = ''; ; prefix = lead) {
    const room = width - prefix.length;
    if (rest.length <= room) {
      out.push(prefix + rest);
      return out;
    }
    const at = rest.lastIndexOf(' ', room);
    if (at > 0) {
      out.push(prefix + rest.slice(0, at));
      rest = rest.slice(at + 1);
    } else {
      // A word longer than the line: as much of it as fits (at least a character).
      const take = Math.max(1, room);
      out.push(prefix + rest.slice(0, take));
      rest = rest.slice(take);
      if (rest.charCodeAt(0) === 32) rest = rest.slice(1);
    }
  }
}

/** Wrapped lines of a cell, each keeping its style; continuation lines indented. */
export function wrapCell(lines: readonly Line[], width: number): Line[] {
  return lines.flatMap((l) => wrap(l.text, width, '  ').map((text) => ({ text, ...(l.style ? { style: l.style } : {}) })));
}

/** Lays cells side by side: each column padded to its width, separated by two spaces. */
export function row(cells: readonly Line[][], widths: readonly number[], paint: Paint): string[] {
  const wrapped = cells.map((c, i) => wrapCell(c, widths[i]!));
  const height = largest(1, wrapped.map((c) => c.length));
  const out: string[] = [];
  for (let r = 0; r < height; r++) {
    const parts = wrapped.map((c, i) => {
      const l = c[r];
      const text = l?.text ?? '';
      const pad = i === wrapped.length - 1 ? '' : ' '.repeat(Math.max(0, widths[i]! - text.length));
      return paint(text, l?.style) + pad;
    });
    out.push(parts.join('  ').trimEnd());
  }
  return out;
}
