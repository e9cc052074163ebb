/**
 * The terminal format: fits the given width (100 columns by default), colour
 * only when asked, and every string from a profile shown with control
 * characters made visible.
 */
import type { KindAnswer } from '../engine/answer-types.js';
import type { Order } from '../model/vocabulary.js';
import { findingLine } from './messages.js';
import { painter, row, wrapCell, type Line } from './layout.js';
import {
  ageWords,
  besideReadable,
  beyondBuildLine,
  buildLine,
  detectedBy,
  freshnessNotes,
  lastResortLine,
  looseForms,
  looseStances,
  namer,
  orderLine,
  parties,
  settingLines,
  readableLine,
  sealed,
  stance,
  stanceNotes,
  sourceDate,
  sourcesTotal,
  sourceWhere,
  statusNote,
  shownUnreached,
  unreachedLine,
  unverifiedWords,
  verdict,
  visible,
  wayLines,
  type Namer,
} from './text.js';
import type { AnswersView, ListView, OrdersView, RenderOptions, ServiceView, ShowView, SourcesView, ValidateView } from './views.js';
import type { Formatter } from './formatter.js';
import { append, largest } from '../model/append.js';
import { freshness, STALE_AFTER_YEARS } from '../model/freshness.js';
import { tally } from '../model/finding.js';

const LABEL = 16;
const MIN_COLUMN = 24;

/**
 * Lines of one answer cell: the verdict, each way in with what it yields
 * (and its parties' stances), the forms read only through larger sets, what
 * stays sealed, what the order does not reach, what is left, the stances
 * where nothing is yielded, unverified claims. `full` lists every readable form
 * with its own ways in, and the profile's notes on stances and builds (the
 * detailed view: `ask`; a comparison stays narrow enough to read), each
 * stance's note once for the notes `shown`, and only for a stance the cell
 * shows (see `stanceNotes`).
 */
function cell(kind: KindAnswer, n: Namer, order: Order | undefined, siblings: readonly Order[], full = false, shown?: Set<string>): Line[] {
  const a = kind.authority;
  if (!a) return buildCell(kind, n, full, shown);
  const lines: Line[] = [{ text: verdict(kind), style: !kind.modelled || !kind.reached ? 'dim' : a.canRead ? 'bad' : 'good' }];
  if (kind.modelled) {
    for (const w of wayLines(a, n)) lines.push({ text: w });
    for (const r of full ? a.readable : looseForms(a)) lines.push({ text: `${full ? 'reads ' : 'also '}${readableLine(r, n, besideReadable(r, kind))}` });
    for (const w of a.whyNot) lines.push({ text: sealed(w, n) });
    for (const u of shownUnreached(kind)) lines.push({ text: unreachedLine(u, n), style: 'dim' });
    const rest = lastResortLine(a, n, order, siblings);
    if (rest) lines.push({ text: rest });
  }
  return [...lines, ...tail(kind, n, full, shown)].map((l) => ({ ...l, text: visible(l.text) }));
}

/**
 * The last lines of a cell: stances where nothing is yielded (`looseStances`);
 * `full`, the notes of the stances the cell shows (`stanceNotes`); then
 * unverified claims in words.
 */
function tail(kind: KindAnswer, n: Namer, full: boolean, shown: Set<string> | undefined): Line[] {
  const lines: Line[] = [];
  const stances = looseStances(kind);
  if (stances.length > 0) lines.push({ text: `stance: ${stances.map((s) => stance(s, n)).join('; ')}`, style: 'dim' });
  if (full) append(lines, noteLines(stanceNotes(kind, n, shown, full)));
  if (kind.unverified.length > 0) lines.push({ text: `unverified: ${unverifiedWords(kind, n)}`, style: 'warn' });
  return lines;
}

/** The profile's notes, dim, each marked as one. */
const noteLines = (notes: readonly (string | null)[]): Line[] => notes.flatMap((t) => (t ? [{ text: `note: ${t}`, style: 'dim' as const }] : []));

/**
 * Under an order to build access: each build that yields the kind, with what
 * it yields and who could notice; `full`, under each the note of the control
 * fact it rests on (who could notice, and how), and the stances' notes.
 */
function buildCell(kind: KindAnswer, n: Namer, full = false, shown?: Set<string>): Line[] {
  const builds = kind.builds ?? [];
  const lines: Line[] = [{ text: verdict(kind), style: !kind.modelled || !kind.reached ? 'dim' : builds.length > 0 ? 'bad' : 'good' }];
  for (const b of builds) {
    lines.push({ text: buildLine(b, n), ...(b.detectedBy?.[0] === 'nobody' ? { style: 'bad' as const } : {}) });
    if (full) append(lines, noteLines([b.note]));
  }
  for (const b of kind.buildsBeyondReach ?? []) {
    lines.push({ text: beyondBuildLine(b, n), style: 'dim' });
    if (full) append(lines, noteLines([b.note]));
  }
  return [...lines, ...tail(kind, n, full, shown)].map((l) => ({ ...l, text: visible(l.text) }));
}

/** The width of a column of order ids: 16, or the longest id, up to a quarter of the line. */
const labelWidth = (orders: readonly Order[], width: number): number =>
  Math.max(LABEL, Math.min(Math.floor(width / 4), largest(0, orders.map((o) => o.id.length)) + 1));

/**
 * Under the answers, a line for each service whose facts are over two years
 * old, or that was discontinued: what a reader must weigh before quoting them.
 */
function notes(view: AnswersView, width: number, paint: ReturnType<typeof painter>): string[] {
  const lines = freshnessNotes(view.services, view.today);
  if (lines.length === 0) return [];
  return ['', paint('NOTES', 'heading'), ...lines.flatMap((n) => wrapCell([{ text: visible(n), style: 'warn' }], width).map((l) => paint(l.text, l.style)))];
}

/** What each order shown is, under the answers. */
function legend(orders: readonly Order[], width: number, paint: ReturnType<typeof painter>): string[] {
  const out = ['', paint('ORDERS', 'heading')];
  const label = labelWidth(orders, width);
  const widths = [label, width - label - 2];
  for (const o of orders) append(out, row([[{ text: visible(o.id) }], [{ text: visible(orderLine(o)), style: 'dim' }]], widths, paint));
  return out;
}

function kindsOf(view: AnswersView): string[] {
  const kinds: string[] = [];
  for (const s of view.services) for (const a of s.answers) for (const d of a.data) if (!kinds.includes(d.kind)) kinds.push(d.kind);
  return kinds;
}

const heading = (s: ServiceView): Line[] => {
  const lines: Line[] = [{ text: visible(s.label), style: 'bold' }];
  if (s.profile.asOf) lines.push({ text: `as of ${s.profile.asOf}`, style: 'dim' });
  const status = statusNote(s.profile);
  if (status) lines.push({ text: status, style: 'warn' });
  return lines;
};

function compare(view: AnswersView, opts: RenderOptions): string {
  const paint = painter(opts);
  // Order ids are the row labels: wide enough for the longest, within reason.
  const LABEL = labelWidth(view.orders, opts.width);
  const perBlock = Math.max(1, Math.floor((opts.width - LABEL) / (MIN_COLUMN + 2)));
  const out: string[] = [];
  for (let start = 0; start < view.services.length; start += perBlock) {
    const block = view.services.slice(start, start + perBlock);
    const width = Math.max(8, Math.floor((opts.width - LABEL - 2) / block.length) - 2);
    const widths = [LABEL, ...block.map(() => width)];
    if (out.length > 0) out.push('');
    append(out, row([[{ text: '' }], ...block.map(heading)], widths, paint));
    for (const kind of kindsOf(view)) {
      out.push('', paint(visible(kind.toUpperCase()), 'heading'));
      const byDesign = block.map((s) => {
        const k = s.answers[0]?.data.find((d) => d.kind === kind);
        if (!k || !k.modelled) return [{ text: 'not modelled', style: 'dim' } as Line];
        return [{ text: k.byDesign.length > 0 ? visible(parties(k.byDesign, namer(s.profile))) : 'no one' }];
      });
      append(out, row([[{ text: 'by design' }], ...byDesign], widths, paint));
      view.orders.forEach((order, i) => {
        const cells = block.map((s) => {
          const k = s.answers[i]?.data.find((d) => d.kind === kind);
          return k ? cell(k, namer(s.profile), order, view.orders) : [{ text: 'not modelled', style: 'dim' } as Line];
        });
        append(out, ['', ...row([[{ text: visible(order.id) }], ...cells], widths, paint)]);
      });
    }
  }
  append(out, notes(view, opts.width, paint));
  append(out, legend(view.orders, opts.width, paint));
  return `${out.join('\n')}\n`;
}

/** One service at a time, everything the answer holds. */
function ask(view: AnswersView, opts: RenderOptions): string {
  const paint = painter(opts);
  const out: string[] = [];
  const label = Math.max(18, labelWidth(view.orders, opts.width) + 2);
  const widths = [2, label, opts.width - label - 6];
  const line = (name: string, lines: Line[]) => append(out, row([[{ text: '' }], [{ text: name }], lines], widths, paint));
  for (const s of view.services) {
    if (out.length > 0) out.push('');
    const p = s.profile;
    const title = [visible(s.label), visible(p.name), p.asOf ? `as of ${p.asOf}` : null, statusNote(p)].filter(Boolean).join(' · ');
    append(out, wrapCell([{ text: title, style: 'bold' }], opts.width).map((l) => paint(l.text, l.style)));
    for (const text of settingLines(p)) append(out, wrapCell([{ text: visible(text) }], opts.width).map((l) => l.text));
    if (p.summary) append(out, wrapCell([{ text: visible(p.summary), style: 'dim' }], opts.width).map((l) => paint(l.text, l.style)));
    const kinds = s.answers[0]?.data.map((d) => d.kind) ?? [];
    const n = namer(p);
    const shown = new Set<string>();
    for (const kind of kinds) {
      out.push('', `  ${paint(visible(kind), 'heading')}`);
      const first = s.answers[0]!.data.find((d) => d.kind === kind)!;
      line('by design', [{ text: first.modelled ? visible(parties(first.byDesign, n)) || 'no one' : 'not modelled' }]);
      s.answers.forEach((a, i) => {
        const k = a.data.find((d) => d.kind === kind)!;
        line(visible(view.orders[i]?.id ?? a.order), cell(k, n, view.orders[i], view.orders, true, shown));
      });
      const own = first.sources.filter((id) => !id.includes(':'));
      if (own.length > 0) line('sources', [{ text: visible(own.join(', ')), style: 'dim' }]);
    }
  }
  append(out, notes(view, opts.width, paint));
  append(out, legend(view.orders, opts.width, paint));
  return `${out.join('\n')}\n`;
}

function list(view: ListView, opts: RenderOptions): string {
  const paint = painter(opts);
  const idWidth = largest(7, view.services.map(({ profile: p }) => visible(p.id).length));
  const widths = [idWidth, 36, 10, 5, Math.max(12, opts.width - idWidth - 36 - 10 - 5 - 8)];
  const out = row(['SERVICE', 'NAME', 'AS OF', 'AGE', 'VARIANTS'].map((h) => [{ text: h, style: 'bold' as const }]), widths, paint);
  let stale = 0;
  let discontinued = 0;
  for (const { profile: p } of view.services) {
    const f = freshness(p, view.today ?? null);
    if (f.stale) stale++;
    if (f.status === 'discontinued') discontinued++;
    const status = statusNote(p) ?? (f.stale ? `facts over ${STALE_AFTER_YEARS} years old` : null);
    const name: Line[] = [{ text: visible(p.name) }, ...(status ? [{ text: status, style: 'warn' as const }] : [])];
    const age: Line[] = [{ text: ageWords(p.asOf, view.today) ?? '', ...(f.stale ? { style: 'warn' as const } : {}) }];
    append(out, row([[{ text: visible(p.id) }], name, [{ text: p.asOf ?? '' }], age, [{ text: p.variants.map((v) => visible(v.name)).join(', ') }]], widths, paint));
  }
  const variants = view.services.reduce((n, s) => n + s.profile.variants.length, 0);
  const of = [discontinued > 0 ? `${discontinued} discontinued` : null, stale > 0 ? `${stale} with facts over ${STALE_AFTER_YEARS} years old` : null].filter(Boolean);
  out.push('', `${view.services.length} services, ${variants} variants${of.length > 0 ? ` (${of.join('; ')})` : ''}`);
  return `${out.join('\n')}\n`;
}

function show(view: ShowView, opts: RenderOptions): string {
  const paint = painter(opts);
  const p = view.profile;
  const out: string[] = [];
  const text = (t: string, style?: Line['style']) =>
    append(out, wrapCell([{ text: visible(t), ...(style ? { style } : {}) }], opts.width).map((l) => paint(l.text, l.style)));
  const cite = (sources: string[], verified: boolean) =>
    [sources.length > 0 ? `[${sources.join(', ')}]` : '', verified ? '' : 'UNVERIFIED'].filter(Boolean).join(' ');
  text([view.label, p.name].join(' · '), 'bold');
  text([p.category, p.asOf ? `as of ${p.asOf}` : null, statusNote(p), `file ${p.file}`].filter(Boolean).join(' · '), 'dim');
  if (p.variant) text(`setting ${p.variant.name}: ${p.variant.summary ?? ''} ${cite(p.variant.sources, p.variant.verified)}`);
  if (p.summary) text(p.summary);
  const table = (title: string, rows: Line[][][], widths: number[]) => {
    out.push('', paint(title, 'heading'));
    for (const r of rows) append(out, row([[{ text: '' }], ...r.map((c) => c.map((l) => ({ ...l, text: visible(l.text) })))], [0, ...widths], paint));
  };
  const idWidth = Math.min(24, largest(8, [...p.parties.map((x) => x.id.length), ...p.keys.map((x) => x.id.length), ...p.forms.map((x) => x.id.length)]));
  const rest = opts.width - idWidth - 4;
  table(
    'Parties',
    p.parties.map((x) => [
      [{ text: x.id }],
      [
        { text: `${x.kind}${x.name ? `: ${x.name}` : ''} ${cite(x.sources, x.verified)}` },
        ...(x.jurisdictions.length > 0 ? [{ text: `answers to ${x.jurisdictions.join(', ')}` }] : []),
        ...(x.codeFrom ? [{ text: `runs code from ${x.codeFrom.party}; ${detectedBy(x.codeFrom.detectedBy)} ${cite(x.codeFrom.sources, x.codeFrom.verified)}` }] : []),
        ...(x.note ? [{ text: x.note, style: 'dim' as const }] : []),
        ...[...x.stance].map(([order, s]) => ({
          text: `stance, ${order}: ${s.position}${s.note ? ` (${s.note})` : ''} ${cite(s.sources, s.verified)}`,
          style: 'dim' as const,
        })),
      ],
    ]),
    [idWidth, rest],
  );
  table(
    'Keys',
    p.keys.map((k) => [
      [{ text: k.id }],
      [
        { text: `${k.name ? `${k.name}; ` : ''}held by ${k.heldBy.length > 0 ? k.heldBy.join(', ') : 'no one'}${k.retention === 'passing' ? '; passing, never stored' : ''} ${cite(k.sources, k.verified)}` },
        ...(k.directory ? [{ text: `public keys handed out by ${k.directory.party}; ${detectedBy(k.directory.detectedBy)} ${cite(k.directory.sources, k.directory.verified)}` }] : []),
        ...(k.note ? [{ text: k.note, style: 'dim' as const }] : []),
      ],
    ]),
    [idWidth, rest],
  );
  table(
    'Data',
    p.forms.map((f) => [
      [{ text: f.id }],
      [
        { text: `${f.name ? `${f.name}: ` : ''}${f.kind}${f.place ? ` at ${f.place}` : ''}; seen by ${f.seenBy.join(', ') || 'no one'} ${cite(f.sources, f.verified)}` },
        { text: `${f.retention === 'stored' ? 'stored' : 'passing, not kept'}${f.retentionDefaulted ? ' (by default for its place)' : ''}${f.kept ? `; kept ${f.kept}` : ''}` },
        { text: f.encryptedWith.length > 0 ? `encrypted with ${f.encryptedWith.join(' + ')}` : 'plaintext to whoever sees it' },
        ...(f.containsKeys.length > 0 ? [{ text: `contains ${f.containsKeys.join(', ')}` }] : []),
        ...(f.note ? [{ text: f.note, style: 'dim' as const }] : []),
      ],
    ]),
    [idWidth, rest],
  );
  if (p.kinds.length > 0) {
    table(
      'Kinds',
      p.kinds.map((k) => [[{ text: k.id }], [{ text: `${k.name ? `${k.name}; ` : ''}counts as ${k.like}` }, ...(k.note ? [{ text: k.note, style: 'dim' as const }] : [])]]),
      [idWidth, rest],
    );
  }
  if (p.variants.length > 0) {
    table(
      'Variants',
      p.variants.map((v) => [
        [{ text: v.name }],
        [
          { text: `${v.label ? `${v.label}: ` : ''}${v.summary ?? ''} ${cite(v.sources, v.verified)}` },
          ...(v.withdrawableBy ? [{ text: `can be withdrawn by ${v.withdrawableBy.party}; ${detectedBy(v.withdrawableBy.detectedBy)} ${cite(v.withdrawableBy.sources, v.withdrawableBy.verified)}` }] : []),
        ],
      ]),
      [idWidth, rest],
    );
  }
  if (p.sources.length > 0) {
    table(
      'Sources',
      p.sources.map((s) => [
        [{ text: s.id }],
        [
          { text: [s.title, s.publisher, s.date].filter(Boolean).join('. ') },
          ...(s.url ? [{ text: `${s.url}${s.accessed ? ` (accessed ${s.accessed})` : ''}`, style: 'dim' as const }] : []),
          ...(!s.url && s.offline ? [{ text: 'offline material: no public address', style: 'dim' as const }] : []),
        ],
      ]),
      [idWidth, rest],
    );
  }
  return `${out.join('\n')}\n`;
}

function validate(view: ValidateView, opts: RenderOptions): string {
  const paint = painter(opts);
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let invalid = 0;
  for (const file of view.files) {
    const t = tally(file.findings);
    errors += t.errors;
    warnings += t.warnings;
    if (t.errors > 0) invalid++;
    for (const f of file.findings) out.push(paint(findingLine(f), f.severity === 'error' ? 'bad' : 'warn'));
  }
  const n = view.files.length;
  const summary = `${n} file${n === 1 ? '' : 's'} checked: ${n - invalid} valid, ${invalid} invalid (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`;
  out.push(paint(summary, invalid > 0 ? 'bad' : 'good'));
  return `${out.join('\n')}\n`;
}

function orders(view: OrdersView, opts: RenderOptions): string {
  const paint = painter(opts);
  const out: string[] = [];
  const idWidth = Math.min(28, largest(8, view.orders.map((o) => o.id.length)));
  const widths = [idWidth, opts.width - idWidth - 2];
  for (const o of view.orders) {
    const j = view.jurisdictions.find((x) => x.id === o.jurisdiction);
    const sources = o.sources.map((id) => j?.sources.find((s) => s.id === id)).filter((s) => s !== undefined);
    const lines: Line[] = [
      { text: orderLine(o) },
      ...(o.note ? [{ text: o.note, style: 'dim' as const }] : []),
      ...(o.description ? [{ text: o.description, style: 'dim' as const }] : []),
      ...sources.map((s) => ({ text: `source: ${[s.title, s.publisher, s.date ?? (s.accessed ? `accessed ${s.accessed}` : null), s.url ?? (s.offline ? 'offline material' : null)].filter(Boolean).join('. ')}`, style: 'dim' as const })),
    ];
    append(out, [...row([[{ text: visible(o.id), style: 'bold' }], lines.map((l) => ({ ...l, text: visible(l.text) }))], widths, paint), '']);
  }
  const places = [...new Set(view.orders.map((o) => o.jurisdiction ?? 'built-in'))];
  out.push(`${view.orders.length} order${view.orders.length === 1 ? '' : 's'} (${places.join(', ')})`);
  return `${out.join('\n')}\n`;
}

/** Each service, then each of its sources: title, publisher and date, where to read it, the claims citing it. */
function sources(view: SourcesView, opts: RenderOptions): string {
  const paint = painter(opts);
  const out: string[] = [];
  for (const s of view.services) {
    const p = s.profile;
    if (out.length > 0) out.push('');
    const title = [visible(s.label), visible(p.name), p.asOf ? `as of ${p.asOf}` : null, statusNote(p)].filter(Boolean).join(' · ');
    append(out, wrapCell([{ text: title, style: 'bold' }], opts.width).map((l) => paint(l.text, l.style)));
    const idWidth = Math.min(28, largest(8, s.sources.map((c) => visible(c.source.id).length)));
    const widths = [2, idWidth, Math.max(12, opts.width - idWidth - 6)];
    for (const { source: x, citedBy } of s.sources) {
      const lines: Line[] = [
        { text: visible(x.title) },
        ...([x.publisher, sourceDate(x)].some(Boolean) ? [{ text: visible([x.publisher, sourceDate(x)].filter(Boolean).join(' · ')), style: 'dim' as const }] : []),
        sourceWhere(x) ? { text: visible(sourceWhere(x)!), style: 'dim' as const } : { text: 'no url, and not marked offline', style: 'warn' as const },
        citedBy.length > 0 ? { text: `cited by ${visible(citedBy.join('; '))}` } : { text: 'cited by no claim', style: 'warn' as const },
      ];
      append(out, row([[{ text: '' }], [{ text: visible(x.id) }], lines], widths, paint));
    }
    if (s.sources.length === 0) out.push(paint('  no sources', 'dim'));
  }
  out.push('', sourcesTotal(view));
  return `${out.join('\n')}\n`;
}

export const table: Formatter = { compare, ask, list, orders, show, sources, validate };
