import type { AnswersStream, AnswersView, ListView, OrdersView, RenderOptions, ShowView, SourcesView, ValidateView } from './views.js';

/** One output format: a pure function per command, each returning the whole text. */
export interface Formatter {
  /** `compare`: the grid, a column per service. */
  compare(view: AnswersView, opts: RenderOptions): string;
  /** `ask`: one service after another, everything the answer holds. */
  ask(view: AnswersView, opts: RenderOptions): string;
  /**
   * `ask` and `compare` in pieces, for a format that can write each
   * service's answers as it comes (its `compare` and `ask` give the same text
   * joined).
   */
  stream?(view: AnswersStream, opts: RenderOptions): Iterable<string>;
  list(view: ListView, opts: RenderOptions): string;
  /** `orders`: each order with its scope, reach, kinds, parties compelled, statute, dates and sources. */
  orders(view: OrdersView, opts: RenderOptions): string;
  show(view: ShowView, opts: RenderOptions): string;
  /** `sources`: each source of each service, with its date, where to read it, and the claims citing it. */
  sources(view: SourcesView, opts: RenderOptions): string;
  validate(view: ValidateView, opts: RenderOptions): string;
}
