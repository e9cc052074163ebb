/**
 * The one colour module of the terminal formats: styles by name, in colour.
 * The command line loads it only when it has decided colour is on, and
 * passes its painter to the formatters, which are plain without one.
 */
import { Chalk } from 'chalk';
import type { Paint } from './layout.js';
import type { RenderOptions } from './views.js';

export function colourPaint(): Paint {
  const c = new Chalk({ level: 1 });
  const styles = {
    bold: c.bold,
    dim: c.dim,
    good: c.green,
    bad: c.red.bold,
    warn: c.yellow,
    heading: c.bold.underline,
  };
  return (text, style) => (style && text !== '' ? styles[style](text) : text);
}
