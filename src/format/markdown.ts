/**
 * GitHub-flavoured Markdown: tables for reports and docs, with sources as
 * footnotes. Byte-identical from run to run; every string from a profile is
 * escaped, so a cell can neither break the table nor inject HTML or links.
 */
import type { KindAnswer } from '../engine/answer-types.js';
import type { Profile, Source } from '../model/profile.js';
import type { Jurisdiction, Order } from '../model/vocabulary.js';
import { idOf, settingsOf } from '../model/conversation.js';
import { describe } from './messages.js';
import { freshness, STALE_AFTER_YEARS } from '../model/freshness.js';
import {
  INVISIBLE,
  kindLines,
  ageWords,
  beyondBuildLine,
  buildLine,
  freshnessNote,
  freshnessNotes,
  lastResortLine,
  looseForms,
  more,
  namer,
  orderLine,
  participantsLine,
  parties,
  readableLine,
  sealed,
  stance,
  sourceDate,
  sourcesTotal,
  statusNote,
  verdict,
  wayLine,
  notesWritten,
  withNotes,
  type KindLineTag,
  type Namer,
} from './text.js';
import type { AnswersView, ListView, OrdersView, ShowView, SourcesView, ValidateView } from './views.js';
import type { Formatter } from './formatter.js';
import { append } from '../model/append.js';
import { diagram, oneLine } from './graph/diagram.js';
import { mermaidOf } from './graph/mermaid.js';

const DROPPED = new RegExp(`[\\p{Cc}${INVISIBLE}]`, 'gu');

/**
 * Escapes text for a Markdown table cell or inline text: line breaks and
 * tabs become spaces, other control characters and invisible ones (bidi
 * marks, zero-width spaces and joiners) are dropped, HTML is shown as text,
 * and every character that could start a link, an image, emphasis, code, a
 * heading or a table cell is escaped.
 */
export function md(text: string): string {
  return (
    text
      .replace(/\r\n?|[\n\t\u2028\u2029]/g, ' ')
      .replace(DROPPED, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*_[\]|#~!]/g, (c) => `\\${c}`)
  );
}

/**
 * `md`, for text that starts a line of its own: neither leading spaces (a code
 * block) nor a list marker can turn it into something else.
 */
export function mdParagraph(text: string): string {
  return md(text)
    .replace(/^\s+/, '')
    .replace(/^[-+](?=\s|$)/, (c) => `\\${c}`)
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

/** A URL as a link only where it is http(s), printable ASCII, and cannot break out of `<…>`. */
function link(url: string): string {
  return /^https?:\/\/[\x21-\x3b\x3d\x3f-\x7e]+$/.test(url) ? `<${url}>` : md(url);
}

/** Numbers footnotes in order of first use; the same source of the same service keeps its number. */
class Footnotes {
  private readonly ids = new Map<string, number>();
  private readonly defs: string[] = [];

  /** Footnotes for sources of a profile, or of a jurisdiction file. */
  ref(owner: { id: string; sources: readonly Source[] }, sourceIds: readonly string[]): string {
    return sourceIds
      .map((id) => {
        const key = `${owner.id}\u0000${id}`;
        let n = this.ids.get(key);
        if (n === undefined) {
          n = this.ids.size + 1;
          this.ids.set(key, n);
          const source = owner.sources.find((s) => s.id === id);
          this.defs.push(`[^${n}]: ${md(owner.id)}: ${source ? cite(source) : md(id)}`);
        }
        return `[^${n}]`;
      })
      .join('');
  }

  /** A footnote holding a note of a profile's, in its words; the same note of the same profile keeps its number. */
  note(owner: { id: string }, text: string): string {
    const key = `${owner.id}\u0000note\u0000${text}`;
    let n = this.ids.get(key);
    if (n === undefined) {
      n = this.ids.size + 1;
      this.ids.set(key, n);
      this.defs.push(`[^${n}]: ${md(owner.id)}, note: ${md(text)}`);
    }
    return `[^${n}]`;
  }

  render(): string {
    return this.defs.length > 0 ? `\n${this.defs.join('\n')}\n` : '';
  }
}

function cite(s: Source): string {
  return [`*${md(s.title)}*`, s.publisher ? md(s.publisher) : null, s.date, s.url ? link(s.url) : s.offline ? 'offline material' : null, s.accessed ? `accessed ${s.accessed}` : null]
    .filter(Boolean)
    .join(', ');
}

/** How Markdown marks each line of a cell, around its escaped text. */
const MARKED: Record<KindLineTag, (text: string) => string> = {
  build: (t) => t,
  beyond: (t) => t,
  way: (t) => t,
  more: (t) => t,
  reads: (t) => `reads ${t}`,
  also: (t) => `also ${t}`,
  sealed: (t) => t,
  unreached: (t) => `*${t}*`,
  rest: (t) => t,
  stance: (t) => `stance: ${t}`,
  unverified: (t) => `unverified: ${t}`,
};

/**
 * A cell's lines, with the profile's notes on builds and stances: in full
 * (`ask`), written out in italics (`notesWritten`; a stance's once for the
 * notes `shown`); in a comparison, as footnotes beside the line that shows
 * what they explain, so the table stays readable.
 */
function cell(kind: KindAnswer, profile: Profile, notes: Footnotes, order: Order | undefined, siblings: readonly Order[], full = false, shown?: Set<string>): string {
  const parts = [kind.modelled ? `**${md(verdict(kind))}**` : '*not modelled*'];
  const n = namer(profile);
  const lines = kindLines(kind, n, order, siblings, full);
  if (full) {
    for (const l of notesWritten(kind, lines, n, shown)) parts.push(l.tag === 'note' ? `*note: ${md(l.text)}*` : `${MARKED[l.tag](md(l.text))}${notes.ref(profile, l.sources)}`);
  } else {
    for (const l of withNotes(kind, lines, n)) parts.push(`${MARKED[l.tag](md(l.text))}${notes.ref(profile, l.sources)}${l.notes.map((x) => notes.note(profile, x.text)).join('')}`);
  }
  return parts.join('<br>');
}

function kindsOf(view: AnswersView): string[] {
  const kinds: string[] = [];
  for (const s of view.services) for (const a of s.answers) for (const d of a.data) if (!kinds.includes(d.kind)) kinds.push(d.kind);
  return kinds;
}

/** Each order answered, in one line, with an instrument's sources as footnotes. */
function orderLines(orders: readonly Order[], jurisdictions: readonly Jurisdiction[], notes: Footnotes): string[] {
  return orders.map((o) => {
    const j = jurisdictions.find((x) => x.id === o.jurisdiction);
    const refs = j ? notes.ref({ id: j.id, sources: j.sources }, o.sources) : '';
    return `- **${md(o.id)}**: ${md(orderLine(o))}.${refs}`;
  });
}

/** The sources an answer cites from the profile itself (an instrument's, `<jurisdiction>:<id>`, are footnoted with the order). */
const profileSources = (k: KindAnswer) => k.sources.filter((id) => !id.includes(':'));

/**
 * One table per kind of data (a single metric per table), a row per service:
 * rows read well in Markdown however many services there are.
 */
function compare(view: AnswersView): string {
  const notes = new Footnotes();
  const out = ['# Who can read it', '', ...orderLines(view.orders, view.jurisdictions, notes), '', ...servicesTable(view)];
  const service = (s: AnswersView['services'][number]) => {
    const p = s.profile;
    const status = statusNote(p);
    return [`**${md(s.label)}**`, md(p.name), p.asOf ? `as of ${p.asOf}` : null, status ? `*${status}*` : null].filter(Boolean).join('<br>');
  };
  for (const kind of kindsOf(view)) {
    out.push(`## ${md(kind)}`, '', `| Service | by design | ${view.orders.map((o) => md(o.id)).join(' | ')} |`);
    out.push(`| --- | --- |${view.orders.map(() => ' --- |').join('')}`);
    for (const s of view.services) {
      const first = s.answers[0]?.data.find((d) => d.kind === kind);
      const design = !first || !first.modelled ? '*not modelled*' : `${md(parties(first.byDesign, namer(s.profile))) || 'no one'}${notes.ref(s.profile, profileSources(first))}`;
      const cells = view.orders.map((o, i) => {
        const k = s.answers[i]?.data.find((d) => d.kind === kind);
        return k ? cell(k, s.profile, notes, o, view.orders) : '*not modelled*';
      });
      out.push(`| ${service(s)} | ${design} | ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  append(out, diagrams(view));
  return `${out.join('\n').trimEnd()}\n${notes.render()}`;
}

/**
 * One Mermaid diagram per service, by design, each collapsed under its
 * name: GitHub draws it when opened. The summary is in an HTML block, where
 * Markdown is not read, so its text is escaped as HTML, with Markdown's
 * punctuation as character references too, for a renderer that reads it
 * all the same.
 */
const summary = (text: string) => oneLine(text).replace(/[&<>"'\\`*_[\]()|#~!]/g, (c) => `&#${c.charCodeAt(0)};`);

function diagrams(view: AnswersView): string[] {
  const out = ['## Diagrams', ''];
  for (const s of view.services) {
    const drawn = mermaidOf(diagram({ label: s.label, profile: s.profile, order: null, answer: null })).trimEnd();
    out.push('<details>', `<summary>${summary(s.label)}: ${summary(s.profile.name)}</summary>`, '', '```mermaid', drawn, '```', '', '</details>', '');
  }
  return out;
}

function ask(view: AnswersView): string {
  const notes = new Footnotes();
  const out: string[] = [];
  for (const s of view.services) {
    const p = s.profile;
    out.push(`## ${md(s.label)}: ${md(p.name)}`, '');
    const facts = [p.asOf ? `As of ${p.asOf}.` : null, statusNote(p) ? `${statusNote(p)}.` : null].filter(Boolean);
    if (facts.length > 0) out.push(facts.join(' '), '');
    // The facts above already say a service was discontinued; a live one with old facts gets a warning.
    const note = s.answers[0]?.freshness.stale ? freshnessNote(s.label, p.asOf, s.answers[0].freshness) : null;
    if (note) out.push(`**Note**: ${md(note)}.`, '');
    const participants = participantsLine(p);
    if (participants) out.push(`Participants: ${md(participants)}.`, '');
    for (const v of settingsOf(p)) {
      if (v.summary) out.push(`Setting${p.participants ? ` ${md(v.name)}` : ''}: ${md(v.summary)}${notes.ref(p, v.sources)}`, '');
    }
    if (p.summary) out.push(mdParagraph(p.summary), '');
    const shown = new Set<string>();
    for (const kind of s.answers[0]?.data.map((d) => d.kind) ?? []) {
      const first = s.answers[0]!.data.find((d) => d.kind === kind)!;
      out.push(`### ${md(kind)}`, '');
      out.push(`- **by design**: ${first.modelled ? md(parties(first.byDesign, namer(p))) || 'no one' : '*not modelled*'}${notes.ref(p, profileSources(first))}`);
      s.answers.forEach((a, i) => {
        const k = a.data.find((d) => d.kind === kind)!;
        out.push(`- **${md(view.orders[i]?.id ?? a.order)}**: ${cell(k, p, notes, view.orders[i], view.orders, true, shown).replace(/<br>/g, '; ')}`);
      });
      out.push('');
    }
  }
  append(out, ['## Orders', '', ...orderLines(view.orders, view.jurisdictions, notes), '']);
  return `${out.join('\n').trimEnd()}\n${notes.render()}`;
}

function list(view: ListView): string {
  const out = ['| Service | Name | As of | Age | Variants | Status |', '| --- | --- | --- | --- | --- | --- |'];
  for (const { profile: p } of view.services) {
    out.push(
      `| ${md(p.id)} | ${md(p.name)} | ${p.asOf ?? ''} | ${ageWords(p.asOf, view.today) ?? ''} | ${md(p.variants.map((v) => v.name).join(', '))} | ${status(p, view.today)} |`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** active, discontinued (with its date), or unconfirmed; with facts over two years old where they are and it may still run. */
function status(p: Profile, today: string | null | undefined): string {
  if (p.status === 'discontinued') return statusNote(p)!;
  const stale = freshness(p, today ?? null).stale ? `facts over ${STALE_AFTER_YEARS} years old` : null;
  return [statusNote(p) ?? 'active', stale].filter(Boolean).join('; ');
}

/**
 * The services answered, by category, each with its as-of date, the age of
 * its facts and its status; under it, a note for each whose facts are over
 * two years old or that was discontinued. A service's variants share its row.
 */
function servicesTable(view: AnswersView): string[] {
  const rows = new Map<string, { p: Profile; labels: string[] }>();
  for (const s of view.services) {
    const key = `${s.profile.file}\u0000${s.profile.id}`;
    const row = rows.get(key);
    if (row) row.labels.push(s.label);
    else rows.set(key, { p: s.profile, labels: [s.label] });
  }
  const byCategory = [...rows.values()].sort((a, b) => (a.p.category ?? '\uffff').localeCompare(b.p.category ?? '\uffff'));
  const out = ['## Services', '', '| Category | Service | Name | As of | Status |', '| --- | --- | --- | --- | --- |'];
  for (const { p, labels } of byCategory) {
    const age = ageWords(p.asOf, view.today);
    const asOf = p.asOf ? `${p.asOf}${age ? ` (${age})` : ''}` : '';
    out.push(`| ${md(p.category ?? '')} | ${labels.map(md).join('<br>')} | ${md(p.name)} | ${asOf} | ${status(p, view.today)} |`);
  }
  const notes = freshnessNotes(view.services, view.today).map((n) => `- ${mdParagraph(n)}.`);
  return [...out, '', ...(notes.length > 0 ? ['Notes:', '', ...notes, ''] : [])];
}
function show(view: ShowView): string {
  const p = view.profile;
  const out = [`## ${md(view.label)}: ${md(p.name)}`, ''];
  const facts = [p.category ? md(p.category) : null, p.asOf ? `as of ${p.asOf}` : null, statusNote(p)].filter(Boolean);
  if (facts.length > 0) out.push(facts.join(' · '), '');
  if (p.variant) out.push(`Setting **${md(p.variant.name)}**: ${md(p.variant.summary ?? '')}${refs(p.variant.sources)}`, '');
  if (p.summary) out.push(mdParagraph(p.summary), '');
  out.push('### Parties', '', '| Party | Kind | Name | Stance | Sources |', '| --- | --- | --- | --- | --- |');
  for (const x of p.parties) {
    const stances = [...x.stance].map(([id, s]) => `${md(id)}: ${s.position}${refs(s.sources)}`).join('<br>');
    const where = x.jurisdictions.length > 0 ? `<br>answers to ${md(x.jurisdictions.join(', '))}` : '';
    const code = x.codeFrom ? `<br>runs code from ${md(x.codeFrom.party)}` : '';
    out.push(`| ${md(x.id)} | ${x.kind} | ${md(x.name ?? '')}${where}${code} | ${stances} | ${sourcesCell(x.sources, x.verified)} |`);
  }
  out.push('', '### Keys', '', '| Key | Name | Held by | Note | Sources |', '| --- | --- | --- | --- | --- |');
  for (const k of p.keys) {
    const dir = k.directory ? `<br>public keys from ${md(k.directory.party)}` : '';
    const passing = k.retention === 'passing' ? ' (passing, never stored)' : '';
    out.push(`| ${md(k.id)} | ${md(k.name ?? '')} | ${md(k.heldBy.join(', ')) || 'no one'}${passing}${dir} | ${md(k.note ?? '')} | ${sourcesCell(k.sources, k.verified)} |`);
  }
  out.push('', '### Data', '', '| Form | Name | Kind | Place | Kept | Seen by | Encrypted with | Contains keys | Sources |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const f of p.forms) {
    const kept = `${f.retention}${f.retentionDefaulted ? ' (default)' : ''}${f.kept ? `, ${md(f.kept)}` : ''}`;
    out.push(
      `| ${md(f.id)} | ${md(f.name ?? '')} | ${md(f.kind)} | ${f.place ?? ''} | ${kept} | ${md(f.seenBy.join(', '))} | ${md(f.encryptedWith.join(', ')) || 'plaintext'} | ${md(f.containsKeys.join(', '))} | ${sourcesCell(f.sources, f.verified)} |`,
    );
  }
  if (p.variants.length > 0) {
    out.push('', '### Variants', '', '| Variant | Setting | Sources |', '| --- | --- | --- |');
    for (const v of p.variants) out.push(`| ${md(v.name)} | ${v.label ? `**${md(v.label)}**: ` : ''}${md(v.summary ?? '')} | ${sourcesCell(v.sources, v.verified)} |`);
  }
  if (p.sources.length > 0) {
    out.push('', '### Sources', '');
    for (const s of p.sources) out.push(`- **${md(s.id)}**: ${cite(s)}`);
  }
  return `${out.join('\n')}\n`;
}

const refs = (ids: readonly string[]) => (ids.length > 0 ? ` (${ids.map(md).join(', ')})` : '');
const sourcesCell = (ids: readonly string[], verified: boolean) => `${md(ids.join(', '))}${verified ? '' : ' **unverified**'}`;

function validate(view: ValidateView): string {
  const out = ['| File | Line | Column | Severity | Code | Message |', '| --- | --- | --- | --- | --- | --- |'];
  for (const file of view.files) {
    for (const f of file.findings) out.push(`| ${md(f.file)} | ${f.line} | ${f.col} | ${f.severity} | ${f.code} | ${md(describe(f))} |`);
  }
  const invalid = view.files.filter((f) => f.findings.some((x) => x.severity === 'error')).length;
  out.push('', `${view.files.length} files checked: ${view.files.length - invalid} valid, ${invalid} invalid.`);
  return `${out.join('\n')}\n`;
}

function orders(view: OrdersView): string {
  const notes = new Footnotes();
  const out = ['| Order | Name | Statute | Scope | Compels | Reaches | Data | Dates | Note |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const o of view.orders) {
    const j = view.jurisdictions.find((x) => x.id === o.jurisdiction);
    const refs = j ? notes.ref({ id: j.id, sources: j.sources }, o.sources) : '';
    const reaches = o.reaches.includes('build') ? `build: ${o.allows.join(', ')}` : o.reaches.join(', ');
    const dates = [o.inForce ? `in force ${o.inForce}` : null, o.lapsed ? `lapsed ${o.lapsed}` : null, o.contested ? 'contested' : null].filter(Boolean).join('<br>');
    out.push(
      `| **${md(o.id)}**${refs} | ${md(o.name)} | ${md(o.statute ?? '')} | ${o.scope ?? ''} | ${md(o.compels.join(', '))} | ${md(reaches)} | ${md(o.data?.join(', ') ?? 'every kind')} | ${dates} | ${md(o.note ?? o.description ?? '')}${o.verified ? '' : ' **unverified**'} |`,
    );
  }
  return `${out.join('\n')}\n${notes.render()}`;
}

/** A section per service, a table of its sources: id, title, publisher, date, where to read it, the claims citing it. */
function sources(view: SourcesView): string {
  const out: string[] = [];
  for (const s of view.services) {
    const p = s.profile;
    out.push(`## ${md(s.label)}: ${md(p.name)}`, '');
    const facts = [p.asOf ? `as of ${p.asOf}` : null, statusNote(p)].filter(Boolean);
    if (facts.length > 0) out.push(facts.join(' · '), '');
    out.push('| Source | Title | Publisher | Date | Where | Cited by |', '| --- | --- | --- | --- | --- | --- |');
    for (const { source: x, citedBy } of s.sources) {
      const where = x.url ? link(x.url) : x.offline ? 'offline material' : '**no url**';
      out.push(
        `| ${md(x.id)} | ${md(x.title)} | ${md(x.publisher ?? '')} | ${md(sourceDate(x) ?? '')} | ${where} | ${citedBy.length > 0 ? md(citedBy.join('; ')) : '**no claim**'} |`,
      );
    }
    out.push('');
  }
  out.push(`${md(sourcesTotal(view))}.`);
  return `${out.join('\n')}\n`;
}

export const markdown: Formatter = { compare, ask, list, orders, show, sources, validate };
