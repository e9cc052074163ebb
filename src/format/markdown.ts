/**
 * GitHub-flavoured Markdown: tables for reports and docs, with sources as
 * footnotes. Byte-identical from run to run; every string from a profile is
 * escaped, so a cell can neither break the table nor inject HTML or links.
 */
import type { KindAnswer } from '../engine/answer-types.js';
import type { Profile, Source } from '../model/profile.js';
import { describe } from './messages.js';
import { INVISIBLE, beyondReach, parties, readableForms, sealed, stance, statusNote, verdict } from './text.js';
import type { AnswersView, ListView, ShowView, ValidateView } from './views.js';
import type { Formatter } from './formatter.js';

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

  ref(profile: Profile, sourceIds: readonly string[]): string {
    return sourceIds
      .map((id) => {
        const key = `${profile.id}\u0000${id}`;
        let n = this.ids.get(key);
        if (n === undefined) {
          n = this.ids.size + 1;
          this.ids.set(key, n);
          const source = profile.sources.find((s) => s.id === id);
          this.defs.push(`[^${n}]: ${md(profile.id)}: ${source ? cite(source) : md(id)}`);
        }
        return `[^${n}]`;
      })
      .join('');
  }

  render(): string {
    return this.defs.length > 0 ? `\n${this.defs.join('\n')}\n` : '';
  }
}

function cite(s: Source): string {
  return [`*${md(s.title)}*`, s.publisher ? md(s.publisher) : null, s.date, s.url ? link(s.url) : null, s.accessed ? `accessed ${s.accessed}` : null]
    .filter(Boolean)
    .join(', ');
}

function cell(kind: KindAnswer, profile: Profile, notes: Footnotes): string {
  const a = kind.authority;
  const parts = [kind.modelled ? `**${md(verdict(kind))}**` : '*not modelled*'];
  const reads = readableForms(a);
  if (reads) parts.push(md(reads));
  for (const w of a.whyNot) parts.push(md(sealed(w)));
  const beyond = beyondReach(a);
  if (beyond && kind.modelled) parts.push(md(beyond));
  for (const s of kind.stances) parts.push(`stance: ${md(stance(s))}${notes.ref(profile, s.sources)}`);
  if (kind.unverified.length > 0) parts.push(`unverified: ${md(kind.unverified.join(', '))}`);
  return parts.join('<br>');
}

function kindsOf(view: AnswersView): string[] {
  const kinds: string[] = [];
  for (const s of view.services) for (const a of s.answers) for (const d of a.data) if (!kinds.includes(d.kind)) kinds.push(d.kind);
  return kinds;
}

function scenarioLines(view: AnswersView): string[] {
  return view.scenarios.map((s) => `- **${md(s.id)}**: ${md(s.name)}, ${md(s.scope)}; compels ${md(s.compels.join(', '))}.`);
}

/**
 * One table per kind of data (a single metric per table), a row per service:
 * rows read well in Markdown however many services there are.
 */
function compare(view: AnswersView): string {
  const notes = new Footnotes();
  const out = ['# Who can read it', '', ...scenarioLines(view), ''];
  const service = (s: AnswersView['services'][number]) => {
    const p = s.profile;
    const status = statusNote(p);
    return [`**${md(s.label)}**`, md(p.name), p.asOf ? `as of ${p.asOf}` : null, status ? `*${status}*` : null].filter(Boolean).join('<br>');
  };
  for (const kind of kindsOf(view)) {
    out.push(`## ${md(kind)}`, '', `| Service | by design | ${view.scenarios.map((s) => md(s.id)).join(' | ')} |`);
    out.push(`| --- | --- |${view.scenarios.map(() => ' --- |').join('')}`);
    for (const s of view.services) {
      const first = s.answers[0]?.data.find((d) => d.kind === kind);
      const design = !first || !first.modelled ? '*not modelled*' : `${md(parties(first.byDesign)) || 'no one'}${notes.ref(s.profile, first.sources)}`;
      const cells = view.scenarios.map((_, i) => {
        const k = s.answers[i]?.data.find((d) => d.kind === kind);
        return k ? cell(k, s.profile, notes) : '*not modelled*';
      });
      out.push(`| ${service(s)} | ${design} | ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n${notes.render()}`;
}

function ask(view: AnswersView): string {
  const notes = new Footnotes();
  const out: string[] = [];
  for (const s of view.services) {
    const p = s.profile;
    out.push(`## ${md(s.label)}: ${md(p.name)}`, '');
    const facts = [p.asOf ? `As of ${p.asOf}.` : null, statusNote(p) ? `${statusNote(p)}.` : null].filter(Boolean);
    if (facts.length > 0) out.push(facts.join(' '), '');
    if (p.variant?.summary) out.push(`Setting: ${md(p.variant.summary)}${notes.ref(p, p.variant.sources)}`, '');
    if (p.summary) out.push(mdParagraph(p.summary), '');
    for (const kind of s.answers[0]?.data.map((d) => d.kind) ?? []) {
      const first = s.answers[0]!.data.find((d) => d.kind === kind)!;
      out.push(`### ${md(kind)}`, '');
      out.push(`- **by design**: ${first.modelled ? md(parties(first.byDesign)) || 'no one' : '*not modelled*'}${notes.ref(p, first.sources)}`);
      s.answers.forEach((a, i) => {
        const k = a.data.find((d) => d.kind === kind)!;
        out.push(`- **${md(view.scenarios[i]?.id ?? a.scenario)}**: ${cell(k, p, notes).replace(/<br>/g, '; ')}`);
      });
      out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n${notes.render()}`;
}

function list(view: ListView): string {
  const out = ['| Service | Name | As of | Variants | Status |', '| --- | --- | --- | --- | --- |'];
  for (const { profile: p } of view.services) {
    out.push(
      `| ${md(p.id)} | ${md(p.name)} | ${p.asOf ?? ''} | ${md(p.variants.map((v) => v.name).join(', '))} | ${statusNote(p) ?? 'active'} |`,
    );
  }
  return `${out.join('\n')}\n`;
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
    out.push(`| ${md(x.id)} | ${x.kind} | ${md(x.name ?? '')} | ${stances} | ${sourcesCell(x.sources, x.verified)} |`);
  }
  out.push('', '### Keys', '', '| Key | Held by | Note | Sources |', '| --- | --- | --- | --- |');
  for (const k of p.keys) {
    out.push(`| ${md(k.id)} | ${md(k.heldBy.join(', ')) || 'no one'} | ${md(k.note ?? '')} | ${sourcesCell(k.sources, k.verified)} |`);
  }
  out.push('', '### Data', '', '| Form | Kind | Place | Seen by | Encrypted with | Contains keys | Sources |', '| --- | --- | --- | --- | --- | --- | --- |');
  for (const f of p.forms) {
    out.push(
      `| ${md(f.id)} | ${md(f.kind)} | ${f.place ?? ''} | ${md(f.seenBy.join(', '))} | ${md(f.encryptedWith.join(', ')) || 'plaintext'} | ${md(f.containsKeys.join(', '))} | ${sourcesCell(f.sources, f.verified)} |`,
    );
  }
  if (p.variants.length > 0) {
    out.push('', '### Variants', '', '| Variant | Setting | Sources |', '| --- | --- | --- |');
    for (const v of p.variants) out.push(`| ${md(v.name)} | ${md(v.summary ?? '')} | ${sourcesCell(v.sources, v.verified)} |`);
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

export const markdown: Formatter = { compare, ask, list, show, validate };
