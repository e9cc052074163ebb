/**
 * CSV, RFC 4180: a header row, then one record a row, CRLF between records,
 * a field quoted where it holds a comma, a quote or a line break. Safe to
 * open in a spreadsheet: a cell that starts with `=`, `+`, `-` or `@` is
 * prefixed with `'`, so it is never read as a formula, and control
 * characters (tabs and carriage returns among them) are shown as escapes.
 *
 * `ask` and `compare` give the same rows: one per service, scenario and data
 * kind. `list` gives a row per service, `show` a row per form of the data,
 * and `validate` a row per finding. Lists within a cell are joined with
 * `; `, the parties of one way in with ` + `.
 */
import type { KindAnswer, PartyRef } from '../engine/answer-types.js';
import { describe } from './messages.js';
import { sealed, stance, visible } from './text.js';
import type { AnswersView, ListView, ShowView, ValidateView } from './views.js';
import type { Formatter } from './formatter.js';

type Cell = string | number | boolean | null;

/** One field: control characters made visible (line breaks kept), formulas neutralised, quoted where needed. */
export function csvCell(value: Cell): string {
  const text = value === null ? '' : String(value);
  const shown = text.replace(/\r\n?/g, '\n').split('\n').map(visible).join('\n');
  const safe = /^[=+\-@]/.test(shown) ? `'${shown}` : shown;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function table(header: readonly string[], rows: readonly Cell[][]): string {
  return [header, ...rows].map((r) => `${r.map(csvCell).join(',')}\r\n`).join('');
}

const list = (items: readonly string[]) => items.join('; ');
const sets = (groups: readonly (readonly PartyRef[])[]) => list(groups.map((g) => (g.length === 0 ? 'no one' : g.map((p) => p.party).join(' + '))));

const ANSWER_HEADER = [
  'service', 'variant', 'file', 'scenario', 'data', 'modelled', 'by_design', 'can_read', 'via', 'via_total', 'via_exact',
  'readable', 'sealed', 'remaining', 'remaining_total', 'remaining_exact', 'stances', 'sources', 'unverified',
];

function answers(view: AnswersView): string {
  const rows = view.services.flatMap((s) =>
    s.answers.flatMap((a) =>
      a.data.map((k: KindAnswer) => [
        a.service,
        a.variant,
        a.file,
        a.scenario,
        k.kind,
        k.modelled,
        list(k.byDesign.map((p) => p.party)),
        k.authority.canRead,
        sets(k.authority.via),
        k.authority.viaTotal,
        k.authority.viaExact,
        list(k.authority.readable.map((r) => r.form)),
        list(k.authority.whyNot.map(sealed)),
        sets(k.authority.remaining),
        k.authority.remainingTotal,
        k.authority.remainingExact,
        list(k.stances.map(stance)),
        list(k.sources),
        list(k.unverified),
      ]),
    ),
  );
  return table(ANSWER_HEADER, rows);
}

function services(view: ListView): string {
  const header = ['service', 'name', 'category', 'as_of', 'status', 'discontinued_on', 'variants', 'origin', 'file', 'summary'];
  return table(
    header,
    view.services.map(({ profile: p, origin }) => [p.id, p.name, p.category, p.asOf, p.status, p.discontinuedOn, list(p.variants.map((v) => v.name)), origin, p.file, p.summary]),
  );
}

function forms(view: ShowView): string {
  const p = view.profile;
  const holders = (key: string) => p.keys.find((k) => k.id === key)?.heldBy ?? [];
  const header = ['service', 'variant', 'form', 'kind', 'place', 'seen_by', 'encrypted_with', 'key_holders', 'contains_keys', 'sources', 'verified', 'note'];
  return table(
    header,
    p.forms.map((f) => [
      p.id,
      p.variant?.name ?? null,
      f.id,
      f.kind,
      f.place,
      list(f.seenBy),
      list(f.encryptedWith),
      list(f.encryptedWith.map((k) => `${k}: ${holders(k).join(' + ') || 'no one'}`)),
      list(f.containsKeys),
      list(f.sources),
      f.verified,
      f.note,
    ]),
  );
}

function findings(view: ValidateView): string {
  const header = ['file', 'line', 'col', 'severity', 'code', 'path', 'message'];
  return table(
    header,
    view.files.flatMap((file) => file.findings.map((f) => [f.file, f.line, f.col, f.severity, f.code, f.path, describe(f)])),
  );
}

export const csv: Formatter = { compare: answers, ask: answers, list: services, show: forms, validate: findings };
