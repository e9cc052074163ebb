/**
 * JSON: one document on stdout, nothing else. `ask` and `compare` print
 * exactly MODEL.md section 5; the other commands print their own documents
 * under the same `schemaVersion`.
 */
import { SCHEMA_VERSION, type Answer, type AnswersDocument } from '../engine/answer-types.js';
import { freshness } from '../model/freshness.js';
import type { Profile } from '../model/profile.js';
import { describe } from './messages.js';
import { INVISIBLE } from './text.js';
import { answerV1, sayableInV1 } from './v1.js';
import type { AnswersStream, AnswersView, ListView, OrdersView, RenderOptions, ShowView, SourcesView, ValidateView } from './views.js';
import type { Formatter } from './formatter.js';

/** The schema version a run prints: 2, or 1 with `--schema-version 1`. */
export const versionOf = (opts: Pick<RenderOptions, 'schemaVersion'>): 1 | 2 => (opts.schemaVersion === 1 ? 1 : SCHEMA_VERSION);

/**
 * JSON.stringify escapes only C0 controls; DEL, C1 controls and invisible
 * characters (bidi marks, zero-width spaces, line separators) are escaped
 * too, so a profile can neither steer nor hide in a terminal that shows the
 * JSON. The document parses back unchanged.
 */
export const print = (value: unknown) => `${escapeUnsafe(JSON.stringify(value, null, 2))}\n`;

const UNSAFE = new RegExp(`[\\u007f-\\u009f${INVISIBLE}]`, 'gu');

const unit = (c: string, i: number) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
/** Anything past printable ASCII: only text with such a character can hold one of UNSAFE (a cheap test first; most JSON is ASCII). */
const BEYOND_ASCII = /[\u007f-\uffff]/;
/** Each as `\uXXXX`; one beyond the BMP (a tag character) as its surrogate pair. */
const escapeUnsafe = (json: string) =>
  BEYOND_ASCII.test(json) ? json.replace(UNSAFE, (c) => (c.length === 1 ? unit(c, 0) : unit(c, 0) + unit(c, 1))) : json;

export function answersDocument(view: AnswersView): AnswersDocument {
  return { schemaVersion: SCHEMA_VERSION, answers: view.services.flatMap((s) => s.answers) };
}

/**
 * The answers document in pieces, one answer at a time: the very text
 * `print(answersDocument(view))` gives (an answer printed alone and indented
 * by two levels is what it is inside the document: no JSON string holds a
 * raw line break).
 */
const IN_LIST_HEAD = '{\n  "a": [\n'.length;
const IN_LIST_TAIL = '\n  ]\n}'.length;

function* answersText(view: AnswersStream, opts: Pick<RenderOptions, 'schemaVersion'> = {}): Iterable<string> {
  const version = versionOf(opts);
  const head = `{\n  "schemaVersion": ${version},\n  "answers": [`;
  let first = true;
  for (const service of view.services) {
    for (const a of service.answers) {
      if (version === 1 && !sayableInV1(a)) continue;
      // Printed inside a one-element list, it comes out indented as in the document.
      const inList = JSON.stringify({ a: [version === 1 ? answerV1(a) : a] }, null, 2);
      yield `${first ? head : ','}\n${escapeUnsafe(inList.slice(IN_LIST_HEAD, -IN_LIST_TAIL))}`;
      first = false;
    }
  }
  yield first ? `${head}]\n}\n` : '\n  ]\n}\n';
}

const joined = (view: AnswersView, opts: RenderOptions) => [...answersText(view, opts)].join('');

export type { Answer };

const control = (c: Profile['parties'][number]['codeFrom']) =>
  c && { party: c.party, detectedBy: c.detectedBy, note: c.note, sources: c.sources, verified: c.verified };

/** A profile as JSON, in the profile's own field names; v2's fields are left out of the v1 document. */
export function profileJson(p: Profile, version: 1 | 2 = SCHEMA_VERSION) {
  const v2 = version === 2;
  return {
    id: p.id,
    variant: p.variant?.name ?? null,
    name: p.name,
    category: p.category,
    asOf: p.asOf,
    summary: p.summary,
    status: p.status,
    discontinuedOn: p.discontinuedOn,
    ...(v2 ? { statusNote: p.statusNote } : {}),
    file: p.file,
    ...(v2 ? { kinds: p.kinds.map((k) => ({ id: k.id, like: k.like, name: k.name, note: k.note })) } : {}),
    parties: p.parties.map((x) => ({
      id: x.id,
      kind: x.kind,
      name: x.name,
      note: x.note,
      ...(v2 ? { jurisdictions: x.jurisdictions, codeFrom: control(x.codeFrom) } : {}),
      stance: Object.fromEntries([...x.stance].map(([id, s]) => [id, s])),
      sources: x.sources,
      verified: x.verified,
    })),
    keys: p.keys.map((k) => ({
      id: k.id,
      ...(v2 ? { name: k.name } : {}),
      heldBy: k.heldBy,
      ...(v2 ? { retention: k.retention, directory: control(k.directory) } : {}),
      note: k.note,
      sources: k.sources,
      verified: k.verified,
    })),
    data: p.forms.map((f) => ({
      id: f.id,
      ...(v2 ? { name: f.name } : {}),
      kind: f.kind,
      place: f.place,
      ...(v2 ? { retention: f.retention, retentionDefaulted: f.retentionDefaulted, kept: f.kept } : {}),
      seenBy: f.seenBy,
      encryptedWith: f.encryptedWith,
      containsKeys: f.containsKeys,
      note: f.note,
      sources: f.sources,
      verified: f.verified,
    })),
    variants: p.variants.map((v) => ({
      name: v.name,
      ...(v2 ? { label: v.label } : {}),
      summary: v.summary,
      ...(v2 ? { withdrawableBy: control(v.withdrawableBy) } : {}),
      sources: v.sources,
      verified: v.verified,
    })),
    sources: p.sources.map((s) => ({ id: s.id, title: s.title, url: s.url, ...(v2 ? { offline: s.offline } : {}), date: s.date, accessed: s.accessed, publisher: s.publisher, note: s.note })),
  };
}

export const json: Formatter = {
  compare: joined,
  ask: joined,
  stream: answersText,
  list: (view: ListView, opts: RenderOptions) =>
    print({
      schemaVersion: versionOf(opts),
      services: view.services.map(({ profile: p, origin }) => ({
        id: p.id,
        name: p.name,
        category: p.category,
        asOf: p.asOf,
        ...(versionOf(opts) === 2 ? (({ ageDays, stale }) => ({ ageDays, stale }))(freshness(p, view.today ?? null)) : {}),
        status: p.status,
        discontinuedOn: p.discontinuedOn,
        ...(versionOf(opts) === 2 ? { statusNote: p.statusNote } : {}),
        summary: p.summary,
        origin,
        file: p.file,
        variants: p.variants.map((v) => ({ name: v.name, summary: v.summary })),
      })),
    }),
  orders: (view: OrdersView, opts: RenderOptions) =>
    print({
      schemaVersion: versionOf(opts),
      orders: view.orders.map((o) => {
        const j = view.jurisdictions.find((x) => x.id === o.jurisdiction);
        return {
          id: o.id,
          name: o.name,
          jurisdiction: o.jurisdiction,
          builtIn: o.builtIn,
          statute: o.statute,
          scope: o.scope,
          compels: o.compels,
          reaches: o.reaches,
          data: o.data,
          allows: o.allows,
          inForce: o.inForce,
          lapsed: o.lapsed,
          contested: o.contested,
          note: o.note ?? o.description,
          sources: o.sources.map((id) => {
            const s = j?.sources.find((x) => x.id === id);
            return { id, title: s?.title ?? null, url: s?.url ?? null, offline: s?.offline ?? false, date: s?.date ?? null, accessed: s?.accessed ?? null, publisher: s?.publisher ?? null };
          }),
          verified: o.verified,
          file: o.file,
        };
      }),
    }),
  show: (view: ShowView, opts: RenderOptions) => print({ schemaVersion: versionOf(opts), service: profileJson(view.profile, versionOf(opts)) }),
  sources: (view: SourcesView, opts: RenderOptions) =>
    print({
      schemaVersion: versionOf(opts),
      services: view.services.map(({ profile: p, sources }) => ({
        service: p.id,
        variant: p.variant?.name ?? null,
        name: p.name,
        asOf: p.asOf,
        status: p.status,
        discontinuedOn: p.discontinuedOn,
        file: p.file,
        sources: sources.map(({ source: s, citedBy }) => ({
          id: s.id,
          title: s.title,
          publisher: s.publisher,
          date: s.date,
          accessed: s.accessed,
          url: s.url,
          offline: s.offline,
          note: s.note,
          citedBy,
        })),
      })),
    }),
  validate: (view: ValidateView, opts: RenderOptions) => {
    const version = versionOf(opts);
    const files = view.files.map((f) => ({
      file: f.file,
      type: version === 1 && f.type === 'orders' ? 'scenarios' : f.type,
      id: f.id,
      valid: !f.findings.some((x) => x.severity === 'error'),
      findings: f.findings.map((x) => ({ ...x, message: describe(x) })),
    }));
    return print({ schemaVersion: version, valid: files.every((f) => f.valid), files });
  },
};
