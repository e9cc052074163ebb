/**
 * The terminal format: fits the given width (100 columns by default), colour
 * only when asked, and every string from a profile shown with control
 * characters made visible.
 */
import { append, largest } from '../model/append.js';
import type { KindAnswer } from '../engine/answer-types.js';
import { tally } from '../model/finding.js';
import { findingLine } from './messages.js';
import { painter, row, wrapCell, type Line } from './layout.js';
import { beyondReach, parties, readableForms, sealed, stance, statusNote, verdict, visible } from './text.js';
import type { AnswersView, ListView, RenderOptions, ServiceView, ShowView, ValidateView } from './views.js';
import type { Formatter } from './formatter.js';

const LABEL = 16;
const MIN_COLUMN = 24;

/** Lines of one answer cell: verdict, what stays sealed, who is beyond reach, stances. */
function cell(kind: KindAnswer): Line[] {
  const a = kind.authority;
  const lines: Line[] = [{ text: verdict(kind), style: !kind.modelled ? 'dim' : a.canRead ? 'bad' : 'good' }];
  const reads = readableForms(a);
  if (reads) lines.push({ text: reads });
  for (const w of a.whyNot) lines.push({ text: sealed(w) });
  const beyond = beyondReach(a);
  if (beyond && kind.modelled) lines.push({ text: beyond });
  if (kind.stances.length > 0) lines.push({ text: `stance: ${kind.stances.map(stance).join('; ')}`, style: 'dim' });
  if (kind.unverified.length > 0) lines.push({ text: `unverified: ${kind.unverified.join(', ')}`, style: 'warn' });
  return lines.map((l) => ({ ...l, text: visible(l.text) }));
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
  const perBlock = Math.max(1, Math.floor((opts.width - LABEL) / (MIN_COLUMN + 2)));
  const out: string[] = [];
  for (let start = 0; start < view.services.length; start += perBlock) {
    const block = view.services.slice(start, start + perBlock);
    const width = Math.max(8, Math.floor((opts.width - LABEL - 2) / block.length) - 2);
    const widths = [LABEL, ...block.map(() => width)];
    if (out.length > 0) out.push('');
    append(out, row([[{ text: '' }], ...block.map(heading)], widths, paint));
    for (const kind of kindsOf(view)) {
      out.push('', paint(kind.toUpperCase(), 'heading'));
      const byDesign = block.map((s) => {
        const k = s.answers[0]?.data.find((d) => d.kind === kind);
        if (!k || !k.modelled) return [{ text: 'not modelled', style: 'dim' } as Line];
        return [{ text: k.byDesign.length > 0 ? visible(parties(k.byDesign)) : 'no one' }];
      });
      append(out, row([[{ text: 'by design' }], ...byDesign], widths, paint));
      view.scenarios.forEach((scenario, i) => {
        const cells = block.map((s) => {
          const k = s.answers[i]?.data.find((d) => d.kind === kind);
          return k ? cell(k) : [{ text: 'not modelled', style: 'dim' } as Line];
        });
        append(out, ['', ...row([[{ text: visible(scenario.id) }], ...cells], widths, paint)]);
      });
    }
  }
  return `${out.join('\n')}\n`;
}

/** One service at a time, everything the answer holds. */
function ask(view: AnswersView, opts: RenderOptions): string {
  const paint = painter(opts);
  const out: string[] = [];
  const label = 18;
  const widths = [2, label, opts.width - label - 6];
  const line = (name: string, lines: Line[]) => append(out, row([[{ text: '' }], [{ text: name }], lines], widths, paint));
  for (const s of view.services) {
    if (out.length > 0) out.push('');
    const p = s.profile;
    const title = [visible(s.label), visible(p.name), p.asOf ? `as of ${p.asOf}` : null, statusNote(p)].filter(Boolean).join(' · ');
    append(out, wrapCell([{ text: title, style: 'bold' }], opts.width).map((l) => paint(l.text, l.style)));
    if (p.variant?.summary) append(out, wrapCell([{ text: `setting: ${visible(p.variant.summary)}` }], opts.width).map((l) => l.text));
    if (p.summary) append(out, wrapCell([{ text: visible(p.summary), style: 'dim' }], opts.width).map((l) => paint(l.text, l.style)));
    const kinds = s.answers[0]?.data.map((d) => d.kind) ?? [];
    for (const kind of kinds) {
      out.push('', `  ${paint(kind, 'heading')}`);
      const first = s.answers[0]!.data.find((d) => d.kind === kind)!;
      line('by design', [{ text: first.modelled ? visible(parties(first.byDesign)) || 'no one' : 'not modelled' }]);
      s.answers.forEach((a, i) => {
        const k = a.data.find((d) => d.kind === kind)!;
        line(view.scenarios[i]?.id ?? a.scenario, cell(k));
      });
      if (first.sources.length > 0) line('sources', [{ text: visible(first.sources.join(', ')), style: 'dim' }]);
    }
  }
  return `${out.join('\n')}\n`;
}

function list(view: ListView, opts: RenderOptions): string {
  const paint = painter(opts);
  const idWidth = largest(7, view.services.map(({ profile: p }) => visible(p.id).length));
  const widths = [idWidth, 36, 10, Math.max(12, opts.width - idWidth - 36 - 10 - 6)];
  const out = row(['SERVICE', 'NAME', 'AS OF', 'VARIANTS'].map((h) => [{ text: h, style: 'bold' as const }]), widths, paint);
  for (const { profile: p } of view.services) {
    const status = statusNote(p);
    const name: Line[] = [{ text: visible(p.name) }, ...(status ? [{ text: status, style: 'warn' as const }] : [])];
    append(out, row([[{ text: visible(p.id) }], name, [{ text: p.asOf ?? '' }], [{ text: p.variants.map((v) => visible(v.name)).join(', ') }]], widths, paint));
  }
  const variants = view.services.reduce((n, s) => n + s.profile.variants.length, 0);
  out.push('', `${view.services.length} services, ${variants} variants`);
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
  const idWidth = Math.min(24, largest(8, [...p.parties, ...p.keys, ...p.forms].map((x) => x.id.length)));
  const rest = opts.width - idWidth - 4;
  table(
    'Parties',
    p.parties.map((x) => [
      [{ text: x.id }],
      [
        { text: `${x.kind}${x.name ? `: ${x.name}` : ''} ${cite(x.sources, x.verified)}` },
        ...(x.note ? [{ text: x.note, style: 'dim' as const }] : []),
        ...[...x.stance].map(([scenario, s]) => ({
          text: `stance, ${scenario}: ${s.position}${s.note ? ` (${s.note})` : ''} ${cite(s.sources, s.verified)}`,
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
        { text: `held by ${k.heldBy.length > 0 ? k.heldBy.join(', ') : 'no one'} ${cite(k.sources, k.verified)}` },
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
        { text: `${f.kind}${f.place ? ` at ${f.place}` : ''}; seen by ${f.seenBy.join(', ') || 'no one'} ${cite(f.sources, f.verified)}` },
        { text: f.encryptedWith.length > 0 ? `encrypted with ${f.encryptedWith.join(' + ')}` : 'plaintext to whoever sees it' },
        ...(f.containsKeys.length > 0 ? [{ text: `contains ${f.containsKeys.join(', ')}` }] : []),
        ...(f.note ? [{ text: f.note, style: 'dim' as const }] : []),
      ],
    ]),
    [idWidth, rest],
  );
  if (p.variants.length > 0) {
    table(
      'Variants',
      p.variants.map((v) => [[{ text: v.name }], [{ text: `${v.summary ?? ''} ${cite(v.sources, v.verified)}` }]]),
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

export const table: Formatter = { compare, ask, list, show, validate };
