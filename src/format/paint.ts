/**
 * The one colour module of the terminal formats: styles by name, applied
 * only when the caller decided colour is on.
 */
import { Chalk } from 'chalk';
import type { Paint } from './layout.js';

export function painter(color: boolean): Paint {
  const c = new Chalk({ level: color ? 1 : 0 });
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
