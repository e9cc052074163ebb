/**
 * CSV, RFC 4180: a header row, then one record a row, CRLF between records,
 * a field quoted where it holds a comma, a quote or a line break. Safe to
 * open in a spreadsheet: a cell that starts with `=`, `+`, `-` or `@` is
 * prefixed with `'`, so it is never read as a formula, and control
 * characters (tabs and carriage returns among them) are shown as escapes.
 *
 * `ask` and `compare` give the same rows: one per service, order and data
 * kind, naming parties, keys and forms by id as JSON does (in a
 * conversation, a participant's copy as `<id>#<participant>`, and the last
 * column lists the participants as named). `list` gives a row per service,
 * `show` a row per form of the data, and `validate` a row per finding. Lists within a cell are joined with `; `, the parties of one way in
 * with ` + `, and a way's yield follows it after `: `.
 */
import type { AuthorityAnswer, Build, KindAnswer, PartyRef } from '../engine/answer-types.js';
import { idOf } from '../model/conversation.js';
import { freshness } from '../model/freshness.js';
import { describe } from './messages.js';
import { ID_NAMER as ids, formList, participantLabel, sealed, stance, visible } from './text.js';
import type { AnswersView, ListView, OrdersView, ShowView, SourcesView, ValidateView } from './views.js';
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
const group = (g: readonly PartyRef[]) => (g.length === 0 ? 'no one' : g.map((p) => ids.party(p)).join(' + '));
const sets = (groups: readonly (readonly PartyRef[])[]) => list(groups.map(group));

/** The columns of the data tier, which an order to build access leaves empty. */
const DATA_TIER = [
  'can_read', 'ways', 'ways_total', 'ways_exact', 'readable', 'sealed', 'unreached', 'remaining', 'remaining_total', 'remaining_exact', 'last_resort',
];

const ANSWER_HEADER = [
  'service', 'variant', 'file', 'order', 'jurisdiction', 'data', 'modelled', 'reached', 'by_design', ...DATA_TIER,
  'builds', 'builds_beyond_reach', 'stances', 'sources', 'unverified', 'as_of', 'age_days', 'stale', 'discontinued_on', 'participants',
];

/**
 * The data tier's columns: empty under an order to build access, which hands
 * nothing over (JSON's `authority: null`), rather than "nothing readable,
 * exactly".
 */
function dataTier(au: AuthorityAnswer | null): Cell[] {
  if (!au) return DATA_TIER.map(() => null);
  return [
    au.canRead,
    list(au.ways.map((w) => `${group(w.parties)}: ${formList(w.reads, ids)}`)),
    au.waysTotal,
    au.waysExact,
    list(au.readable.map((r) => `${ids.form(r)}: ${r.via.map(group).join(', or ')}`)),
    list(au.whyNot.map((w) => sealed(w, ids))),
    list(au.unreached.map((u) => `${ids.form(u)} (${u.why})`)),
    sets(au.remaining.map((r) => r.parties)),
    au.remainingTotal,
    au.remainingExact,
    au.lastResort,
  ];
}

/** A build in a cell: `party action target: forms (detected by …)`. */
const buildCellText = (b: Build) =>
  `${ids.party(b)} ${b.action} ${idOf(b.target, b.targetParticipant)}: ${formList(b.newly, ids)} (detected by ${b.detectedBy?.join(' + ') ?? 'unknown'})`;

function answers(view: AnswersView): string {
  const rows = view.services.flatMap((s) =>
    s.answers.flatMap((a) =>
      a.data.map((k: KindAnswer): Cell[] => [
        a.service,
        a.variant,
        a.file,
        a.order,
        a.jurisdiction,
        k.kind,
        k.modelled,
        k.reached,
        list(k.byDesign.map((p) => ids.party(p))),
        ...dataTier(k.authority),
        list((k.builds ?? []).map(buildCellText)),
        list((k.buildsBeyondReach ?? []).map((b) => `${buildCellText(b)} (beyond reach: ${b.beyond.join(' + ')})`)),
        list(k.stances.map((x) => stance(x, ids))),
        list(k.sources),
        list(k.unverified),
        a.asOf,
        a.freshness.ageDays,
        a.freshness.stale,
        a.freshness.discontinuedOn,
        a.participants ? list(a.participants.map(participantLabel)) : null,
      ]),
    ),
  );
  return table(ANSWER_HEADER, rows);
}

function services(view: ListView): string {
  const header = ['service', 'name', 'category', 'as_of', 'status', 'discontinued_on', 'variants', 'origin', 'file', 'summary', 'age_days', 'stale'];
  return table(
    header,
    view.services.map(({ profile: p, origin }) => {
      const f = freshness(p, view.today ?? null);
      return [p.id, p.name, p.category, p.asOf, p.status, p.discontinuedOn, list(p.variants.map((v) => v.name)), origin, p.file, p.summary, f.ageDays, f.stale];
    }),
  );
}

function forms(view: ShowView): string {
  const p = view.profile;
  const holders = (key: string) => p.keys.find((k) => k.id === key)?.heldBy ?? [];
  const header = ['service', 'variant', 'form', 'name', 'kind', 'place', 'retention', 'kept', 'seen_by', 'encrypted_with', 'key_holders', 'contains_keys', 'sources', 'verified', 'note'];
  return table(
    header,
    p.forms.map((f) => [
      p.id,
      p.variant?.name ?? null,
      f.id,
      f.name,
      f.kind,
      f.place,
      f.retentionDefaulted ? `${f.retention} (default)` : f.retention,
      f.kept,
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

function orders(view: OrdersView): string {
  const header = ['order', 'name', 'jurisdiction', 'statute', 'scope', 'compels', 'reaches', 'data', 'allows', 'in_force', 'lapsed', 'contested', 'verified', 'sources', 'note'];
  return table(
    header,
    view.orders.map((o) => [
      o.id,
      o.name,
      o.jurisdiction,
      o.statute,
      o.scope,
      list(o.compels),
      list(o.reaches),
      o.data ? list(o.data) : 'every kind',
      list(o.allows),
      o.inForce,
      o.lapsed,
      o.contested,
      o.verified,
      list(o.sources),
      o.note ?? o.description,
    ]),
  );
}

/** A row per source of each service, with the claims citing it. */
function sources(view: SourcesView): string {
  const header = ['service', 'variant', 'name', 'source', 'title', 'publisher', 'date', 'accessed', 'url', 'offline', 'cited_by'];
  return table(
    header,
    view.services.flatMap(({ profile: p, sources: cited }) =>
      cited.map(({ source: s, citedBy }) => [p.id, p.variant?.name ?? null, p.name, s.id, s.title, s.publisher, s.date, s.accessed, s.url, s.offline, list(citedBy)]),
    ),
  );
}

export const csv: Formatter = { compare: answers, ask: answers, list: services, orders, show: forms, sources, validate: findings };
