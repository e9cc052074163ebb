import { oneLine } from './graph/diagram.js';

/**
 * Text and attribute values in HTML (and XML): on one line, control and
 * invisible characters shown rather than sent, and the five characters
 * that could end a text or a quoted attribute as references.
 */
export const html = (text: string): string =>
  oneLine(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
