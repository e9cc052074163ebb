/**
 * JSON: one document on stdout, nothing else. `ask` and `compare` print
 * exactly MODEL.md section 5; the other commands print their own documents
 * under the same `schemaVersion`.
 */
import { SCHEMA_VERSION, type AnswersDocument } from '../engine/answer-types.js';
import type { Profile } from '../model/profile.js';
import { describe } from './messages.js';
import { INVISIBLE } from './text.js';
import type { AnswersStream, AnswersView, ListView, ShowView, ValidateView } from './views.js';
import type { Formatter } from './formatter.js';

/**
 * JSON.stringify escapes only C0 controls; DEL, C1 controls and invisible
 * characters (bidi marks, zero-width spaces, line separators) are escaped
 * too, so a profile can neither steer nor hide in a terminal that shows the
 * JSON. The document parses back unchanged.
 */
export const print = (value: unknown) => `${escapeUnsafe(JSON.stringify(value, null, 2))}\n`;

const UNSAFE = new RegExp(`[\\u007f-\\u009f${INVISIBLE}]`, 'gu');

const unit = (c: string, i: number) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
/** Each as `\uXXXX`; one beyond the BMP (a tag character) as its surrogate pair. */
const escapeUnsafe = (json: string) => json.replace(UNSAFE, (c) => (c.length === 1 ? unit(c, 0) : unit(c, 0) + unit(c, 1)));

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

function* answersText(view: AnswersStream): Iterable<string> {
  const head = `{\n  "schemaVersion": ${SCHEMA_VERSION},\n  "answers": [`;
  let first = true;
  for (const service of view.services) {
    for (const a of service.answers) {
      // Printed inside a one-element list, it comes out indented as in the document.
      const inList = JSON.stringify({ a: [a] }, null, 2);
      yield `${first ? head : ','}\n${escapeUnsafe(inList.slice(IN_LIST_HEAD, -IN_LIST_TAIL))}`;
      first = false;
    }
  }
  yield first ? `${head}]\n}\n` : '\n  ]\n}\n';
}

const joined = (view: AnswersView) => [...answersText(view)].join('');

/** A profile as JSON, in the profile's own field names. */
export function profileJson(p: Profile) {
  return {
    id: p.id,
    variant: p.variant?.name ?? null,
    name: p.name,
    category: p.category,
    asOf: p.asOf,
    summary: p.summary,
    status: p.status,
    discontinuedOn: p.discontinuedOn,
    file: p.file,
    parties: p.parties.map((x) => ({
      id: x.id,
      kind: x.kind,
      name: x.name,
      note: x.note,
      stance: Object.fromEntries([...x.stance].map(([id, s]) => [id, s])),
      sources: x.sources,
      verified: x.verified,
    })),
    keys: p.keys.map((k) => ({ id: k.id, heldBy: k.heldBy, note: k.note, sources: k.sources, verified: k.verified })),
    data: p.forms.map((f) => ({
      id: f.id,
      kind: f.kind,
      place: f.place,
      seenBy: f.seenBy,
      encryptedWith: f.encryptedWith,
      containsKeys: f.containsKeys,
      note: f.note,
      sources: f.sources,
      verified: f.verified,
    })),
    variants: p.variants.map((v) => ({ name: v.name, summary: v.summary, sources: v.sources, verified: v.verified })),
    sources: p.sources.map((s) => ({ id: s.id, title: s.title, url: s.url, date: s.date, accessed: s.accessed, publisher: s.publisher, note: s.note })),
  };
}

export const json: Formatter = {
  compare: joined,
  ask: joined,
  stream: answersText,
  list: (view: ListView) =>
    print({
      schemaVersion: SCHEMA_VERSION,
      services: view.services.map(({ profile: p, origin }) => ({
        id: p.id,
        name: p.name,
        category: p.category,
        asOf: p.asOf,
        status: p.status,
        discontinuedOn: p.discontinuedOn,
        summary: p.summary,
        origin,
        file: p.file,
        variants: p.variants.map((v) => ({ name: v.name, summary: v.summary })),
      })),
    }),
  show: (view: ShowView) => print({ schemaVersion: SCHEMA_VERSION, service: profileJson(view.profile) }),
  validate: (view: ValidateView) => {
    const files = view.files.map((f) => ({
      file: f.file,
      type: f.type,
      id: f.id,
      valid: !f.findings.some((x) => x.severity === 'error'),
      findings: f.findings.map((x) => ({ ...x, message: describe(x) })),
    }));
    return print({ schemaVersion: SCHEMA_VERSION, valid: files.every((f) => f.valid), files });
  },
};
