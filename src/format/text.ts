/**
 * The words every human-readable format uses for an answer, so the table,
 * the report and the Markdown say the same thing.
 */
import { freshness, monthsBetween, STALE_AFTER_YEARS, type Freshness } from '../model/freshness.js';
import type {
  Answer,
  AuthorityAnswer,
  BeyondBuild,
  Build,
  FormRef,
  KindAnswer,
  PartyRef,
  ReadableForm,
  Remaining,
  StanceRef,
  Unreached,
  Way,
  WhyNot,
} from '../engine/answer-types.js';
import { append } from '../model/append.js';
import { idOf, participantsOf, refOf, settingsOf } from '../model/conversation.js';
import type { Profile, Source } from '../model/profile.js';
import type { SourcesView } from './views.js';
import type { Order } from '../model/vocabulary.js';

/**
 * Characters that show as nothing, or change how what follows is shown:
 * format characters (bidirectional overrides and marks, zero-width spaces
 * and joiners, the byte order mark, soft hyphens, tag characters), line and
 * paragraph separators, and the Hangul fillers. A regular expression class,
 * for the formats that each neutralise them in their own way.
 */
export const INVISIBLE = '\\p{Cf}\\p{Zl}\\p{Zp}\\u115f\\u1160\\u3164\\uffa0';

const UNSAFE = new RegExp(`[\\p{Cc}${INVISIBLE}]`, 'gu');

/**
 * Control characters (so every ANSI escape) and invisible characters from a
 * profile, a policy or a file name, shown as visible escapes so they can
 * neither steer a terminal or a log nor hide in it: ESC becomes `\x1b`, a
 * zero-width space `\u{200b}`.
 */
export function visible(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** `visible`, line by line: for messages of several lines, such as commander's. */
export const visibleLines = (text: string): string => text.split('\n').map(visible).join('\n');

/**
 * How a profile's parties, keys and forms are named to people: the `name`
 * the profile gives, or the id where it gives none. In a conversation a
 * per-participant copy is named for its participant: "participant 2's iCloud
 * Backup", and a participant's own devices (the one `user` party) "participant
 * 2 (adp)", with the participant's setting.
 */
export interface Namer {
  party(ref: PartyRef): string;
  form(ref: FormRef): string;
  key(id: string, participant?: number): string;
  /** A setting (variant) by its label, "Advanced Data Protection"; by its name where it has none. */
  setting(name: string, participant?: number): string;
  /** A party id by its name; anything else (a kind of party, a tag such as key-transparency) as written. */
  who(id: string): string;
  /** The party, key or form a claim names, by its id in the profile: in a conversation, every participant's copy at once. */
  element(type: 'party' | 'key' | 'form', id: string): string;
}

/** One namer a profile: formatters ask for it cell by cell. */
const namers = new WeakMap<Profile, Namer>();

export function namer(profile: Profile): Namer {
  let made = namers.get(profile);
  if (!made) namers.set(profile, (made = makeNamer(profile)));
  return made;
}

function makeNamer(profile: Profile): Namer {
  const parties = new Map(profile.parties.map((p) => [p.id, p]));
  const forms = new Map(profile.forms.map((f) => [f.id, f.name ?? refOf(f).id]));
  const keys = new Map(profile.keys.map((k) => [k.id, k.name ?? refOf(k).id]));
  const users = new Set(profile.parties.filter((p) => p.kind === 'user').map((p) => refOf(p).id));
  const side = (name: string, participant: number | undefined) => (participant === undefined ? name : `participant ${participant}'s ${name}`);
  const settingOf = (name: string, participant: number | undefined) =>
    [participant === undefined ? profile.variant : profile.participants?.[participant - 1]?.profile.variant, ...profile.variants].find((v) => v?.name === name);
  // A claim is made once for an element and all its copies, under the id the profile gives it.
  const elements = {
    party: new Map(profile.parties.map((p) => [refOf(p).id, p.name ?? refOf(p).id])),
    key: new Map(profile.keys.map((k) => [refOf(k).id, k.name ?? refOf(k).id])),
    form: new Map(profile.forms.map((f) => [refOf(f).id, f.name ?? refOf(f).id])),
  };
  return {
    party: (ref) => {
      const x = parties.get(idOf(ref.party, ref.participant));
      if (ref.participant !== undefined && x?.kind === 'user' && users.size === 1) return participantName(profile, ref.participant);
      return side(x?.name ?? ref.party, ref.participant);
    },
    form: (ref) => side(forms.get(idOf(ref.form, ref.participant)) ?? ref.form, ref.participant),
    key: (id, participant) => side(keys.get(idOf(id, participant)) ?? id, participant),
    setting: (name, participant) => settingOf(name, participant)?.label ?? name,
    who: (id) => parties.get(id)?.name ?? KIND_WORDS[id] ?? id,
    element: (type, id) => elements[type].get(id) ?? id,
  };
}

/** A kind of party named where a party goes: who could notice a build. */
const KIND_WORDS: Record<string, string> = {
  user: 'users',
  customer: 'customers',
  provider: 'the provider',
  network: 'networks',
  host: 'hosts',
  authority: 'authorities',
  public: 'anyone who checks',
};

/** "participant 2 (adp)": a participant, with its setting ("default" for the base profile). */
export function participantName(profile: Profile, participant: number): string {
  const setting = profile.participants?.[participant - 1]?.profile.variant?.name ?? 'default';
  return `participant ${participant} (${setting})`;
}

/** A participant as it was named: `imessage@adp`, `./mine.yaml`. */
export const participantLabel = (p: { service: string; variant: string | null; file: string | null }): string => `${p.file ?? p.service}${p.variant ? `@${p.variant}` : ''}`;

/** "1 imessage@adp; 2–4 imessage": a conversation's participants, a run of the same one as a range. */
export function participantsLine(profile: Profile): string | null {
  const list = participantsOf(profile);
  if (!list) return null;
  const runs: { from: number; to: number; label: string }[] = [];
  list.forEach((p, i) => {
    const label = participantLabel(p);
    const last = runs.at(-1);
    if (last && last.label === label) last.to = i + 1;
    else runs.push({ from: i + 1, to: i + 1, label });
  });
  return runs.map((r) => `${r.from === r.to ? r.from : `${r.from}–${r.to}`} ${r.label}`).join('; ');
}

/**
 * The lines under a service's title that say what it is answered with: its
 * setting; for a conversation, its participants and each one's setting.
 */
export function settingLines(profile: Profile): string[] {
  const participants = participantsLine(profile);
  const settings = settingsOf(profile).flatMap((v) => (v.summary ? [`setting${participants ? ` ${v.name}` : ''}: ${v.summary}`] : []));
  return participants ? [`participants: ${participants}`, ...settings] : settings;
}

/** Ids as names: for the formats read by programs and spreadsheets; a participant's copy as `<id>#<participant>`. */
export const ID_NAMER: Namer = {
  party: (ref) => idOf(ref.party, ref.participant),
  form: (ref) => idOf(ref.form, ref.participant),
  key: (id, participant) => idOf(id, participant),
  setting: (name) => name,
  who: (id) => id,
  element: (_, id) => id,
};

export const parties = (refs: readonly PartyRef[], n: Namer): string => refs.map((r) => n.party(r)).join(', ');
const formList = (refs: readonly FormRef[], n: Namer): string => refs.map((r) => n.form(r)).join(', ');

/** "(and 12 more)", "(and more: counting stopped)", and where the smallest were not proven, that smaller ways may exist. */
export function more(shown: number, total: number | null, exact = true): string {
  const count = total === null ? ' (and more: counting stopped)' : total > shown ? ` (and ${total - shown} more)` : '';
  return count + (exact ? '' : ' (smaller ways may exist: the search was cut off)');
}

/** "via A, or via B + C", for a list of sets; a party with one of the `stances` given has it beside it. */
export function waysIn(sets: readonly (readonly PartyRef[])[], n: Namer, total: number | null = sets.length, exact = true, stances: readonly StanceRef[] = []): string {
  if (sets.length === 1 && sets[0]!.length === 0) return 'needing no one';
  return `via ${sets.map((s) => s.map((p) => withStance(p, stances, n)).join(' + ')).join(', or ')}${more(sets.length, total, exact)}`;
}

/** The first line of a cell: what the authority can do with this kind of data. */
export function verdict(kind: KindAnswer): string {
  const a = kind.authority;
  if (!kind.modelled) return 'not modelled';
  if (!kind.reached) return 'not covered by this order';
  if (!a) return (kind.builds ?? []).length > 0 ? 'readable after a build' : (kind.buildsBeyondReach ?? []).length > 0 ? 'no build within reach' : 'no build yields it';
  return a.canRead ? 'readable' : 'not readable';
}

const ACTION: Record<Build['action'], string> = {
  'ghost-key': 'add a ghost key to its directory of',
  code: 'ship changed software to',
  withdraw: 'withdraw the setting',
};

/** Who could notice a build, in words. */
export function detectedBy(by: readonly string[] | null, n: Namer = ID_NAMER): string {
  if (by === null) return 'who could notice: no source says';
  return by.length === 1 && by[0] === 'nobody' ? 'no one could notice' : `could be noticed by ${by.map((x) => n.who(x)).join(', ')}`;
}

/** A build and what it yields: "Apple could add a ghost key to its directory of Device keys (refuses): reads Message in transit; noticed by …". */
export function buildLine(b: Build, n: Namer): string {
  const stances = b.stances.length > 0 ? ` (${b.stances.map(positionWords).join('; ')})` : '';
  return `${n.party(b)}${stances} ${buildDoes(b, n)}`;
}

/** What a build does, after "could": "ship changed software to participant 2 (default)". */
export function buildAction(b: Pick<Build, 'action' | 'target' | 'targetParticipant' | 'kind'>, n: Namer): string {
  const target =
    b.action === 'ghost-key'
      ? n.key(b.target, b.targetParticipant)
      : b.action === 'code'
        ? n.party({ party: b.target, kind: b.kind, ...(b.targetParticipant === undefined ? {} : { participant: b.targetParticipant }) })
        : `${n.setting(b.target, b.targetParticipant)}${b.targetParticipant === undefined ? '' : ` of participant ${b.targetParticipant}`}`;
  return `${ACTION[b.action]} ${target}`;
}

/** What a build is and yields, after the party: "could ship changed software to …: then reads …; who could notice". */
function buildDoes(b: Build, n: Namer): string {
  const scope = b.scope === 'account' ? 'for one account' : b.scope === 'bulk' ? 'for every account' : '';
  // A withdrawn setting protects what was made before it went: only what comes after is read.
  const then = b.action === 'withdraw' ? 'then, for new data, reads' : 'then reads';
  return `could ${buildAction(b, n)}${scope ? ` ${scope}` : ''}: ${then} ${formList(b.newly, n)}; ${detectedBy(b.detectedBy, n)}`;
}

/** A stance's note, for a reader: "BlackBerry's stance (refuses): Would neither hand over …". */
const stanceNote = (s: StanceRef, n: Namer): string | null => (s.note ? `${n.party(s)}'s stance (${positionWords(s)}): ${s.note}` : null);

/**
 * Whether a stance's note is yet to be given: `shown` holds the notes given
 * for an order (as `<order> <note>`); a stance is the same for every kind,
 * so a detailed view gives its note once. With no `shown`, always.
 */
function fresh(s: StanceRef, text: string, shown: Set<string> | undefined): boolean {
  const key = `${s.order}\u0000${text}`;
  if (shown?.has(key)) return false;
  shown?.add(key);
  return true;
}

const sameParty = (x: Pick<PartyRef, 'party' | 'participant'>) => (y: StanceRef) => x.party === y.party && x.participant === y.participant;

/**
 * The stances a cell shows, as `kindLines` gives them: beside the way in or
 * the build of their party, beside the ways of a readable form
 * (`besideReadable`; `full`, every readable form, else those no way in
 * yields whole), or on lines of their own (`looseStances`). A party's stance
 * shown nowhere (beside ways it has nothing to do with, it would mislead) is
 * not among them. Matched by party: a stance is the same in every line.
 */
export function shownStances(kind: KindAnswer, full = false): StanceRef[] {
  if (!kind.modelled) return [];
  const a = kind.authority;
  const beside = a
    ? [...a.ways.flatMap((w) => w.stances), ...(full ? a.readable : looseForms(a)).flatMap((r) => besideReadable(r, kind))]
    : (kind.builds ?? []).flatMap((b) => b.stances);
  const on = [...beside, ...looseStances(kind)];
  return kind.stances.filter((s) => on.some(sameParty(s)));
}

/**
 * The note of each stance shown (`shownStances`), a line each, once for the
 * notes `shown`. What a party said it would do, in the profile's words, is
 * what a reader quotes; the position alone says too little. A stance not
 * shown has its note given by nothing either.
 */
export function stanceNotes(kind: KindAnswer, n: Namer, shown?: Set<string>, full = false): string[] {
  return shownStances(kind, full).flatMap((s) => {
    const text = stanceNote(s, n);
    return text && fresh(s, text, shown) ? [text] : [];
  });
}

/** A note of the profile's on what a line shows: the control fact a build rests on, or a stance. */
export interface Note {
  about: 'build' | 'stance';
  text: string;
}

/** A line of `kindLines`, with the profile's notes on what it shows. */
export interface NotedLine extends KindLine {
  notes: Note[];
}

/**
 * The lines of `kindLines`, each with the profile's notes on what it shows:
 * a build (within reach or beyond), the note of the control fact it rests
 * on, which says how it could be done and who could notice it, and how; the
 * first line that shows a stance (a build, a way in or a readable form's
 * ways with its party beside them, or the stance's own line), the stance's
 * note, once for the notes `shown`. A stance no line shows has no note.
 */
export function withNotes(kind: KindAnswer, lines: readonly KindLine[], n: Namer, shown?: Set<string>): NotedLine[] {
  // kindLines gives one line each, in the order of the answer's lists: a build, a build beyond reach, a way in,
  // a readable form (`reads`: every one; `also`: those no way in yields whole), a stance on its own line.
  const a = kind.authority;
  const builds: Partial<Record<KindLineTag, Build[]>> = { build: [...(kind.builds ?? [])], beyond: [...(kind.buildsBeyondReach ?? [])] };
  // What each line shows of the stances; a build beyond reach shows none (`beyondBuildLine`).
  const shows: Partial<Record<KindLineTag, StanceRef[][]>> = {
    build: (kind.builds ?? []).map((b) => b.stances),
    way: (a?.ways ?? []).map((w) => w.stances),
    reads: (a?.readable ?? []).map((r) => besideReadable(r, kind)),
    also: (a ? looseForms(a) : []).map((r) => besideReadable(r, kind)),
    stance: looseStances(kind).map((s) => [s]),
  };
  const out = lines.map((l) => {
    const build = builds[l.tag]?.shift();
    const line: NotedLine = { ...l, notes: build?.note ? [{ about: 'build', text: build.note }] : [] };
    return { line, shows: shows[l.tag]?.shift() ?? [] };
  });
  for (const s of kind.modelled ? kind.stances : []) {
    const text = stanceNote(s, n);
    const at = out.find((o) => o.shows.some(sameParty(s)));
    if (text && at && fresh(s, text, shown)) at.line.notes.push({ about: 'stance', text });
  }
  return out.map((o) => o.line);
}

/** A line of a cell, or a note of the profile's (`note`). */
export interface LineOrNote {
  tag: KindLineTag | 'note';
  text: string;
  sources: string[];
}

/**
 * `withNotes`, written out for a detailed view: each build's note under it;
 * the stances' notes together, before the unverified claims, where they do
 * not come between a build and the next.
 */
export function notesWritten(kind: KindAnswer, lines: readonly KindLine[], n: Namer, shown?: Set<string>): LineOrNote[] {
  const noted = withNotes(kind, lines, n, shown);
  const note = (x: Note): LineOrNote => ({ tag: 'note', text: x.text, sources: [] });
  const stances = noted.flatMap((l) => l.notes).filter((x) => x.about === 'stance').map(note);
  const out: LineOrNote[] = [];
  for (const { notes, ...l } of noted) {
    if (l.tag === 'unverified') append(out, stances.splice(0));
    out.push(l);
    append(out, notes.filter((x) => x.about === 'build').map(note));
  }
  return append(out, stances);
}

const POSITION: Record<StanceRef['position'], string> = {
  comply: 'complies',
  partial: 'complies in part',
  refuse: 'refuses',
};

/** A stance in words, for beside its party: "refuses", "complies, as for lawful-request". */
export const positionWords = (s: StanceRef): string => `${POSITION[s.position]}${s.inheritedFrom ? `, as for ${s.inheritedFrom}` : ''}`;

/** "BlackBerry refuses", "Apple complies (as for lawful-request)". */
export const stance = (s: StanceRef, n: Namer): string =>
  `${n.party(s)} ${POSITION[s.position]}${s.inheritedFrom ? ` (as for ${s.inheritedFrom})` : ''}`;

/**
 * The stances a cell shows on lines of their own. Where the order yields
 * something (a way in, or a build), a stance is shown only beside the way or
 * build of its party: a party in none has nothing to do with what is read,
 * and its stance beside it would mislead. Where nothing is yielded, every
 * stance is shown, for it may say why ("BlackBerry refuses"). JSON keeps
 * them all.
 */
export function looseStances(kind: KindAnswer): StanceRef[] {
  if (!kind.modelled) return [];
  const yields = kind.authority ? kind.authority.ways.length > 0 : (kind.builds ?? []).length > 0;
  return yields ? [] : kind.stances;
}

/** A build's control fact, by its code (`directory:<key>`, `code_from:<party>`, `withdrawable_by:<setting>`): what it names, and in words. */
const CONTROL: Record<string, { of: 'key' | 'party' | 'setting'; who: (x: string) => string; notice: (x: string) => string }> = {
  directory: { of: 'key', who: (x) => `who hands out the public keys of ${x}`, notice: (x) => `who could notice a ghost key in the directory of ${x}` },
  code_from: { of: 'party', who: (x) => `who ships the software of ${x}`, notice: (x) => `who could notice changed software shipped to ${x}` },
  withdrawable_by: { of: 'setting', who: (x) => `who can withdraw the setting ${x}`, notice: (x) => `who could notice the setting ${x} withdrawn` },
};

/** `type:id` as its two parts. */
const splitClaim = (claim: string): [string, string] => {
  const at = claim.indexOf(':');
  return at < 0 ? [claim, ''] : [claim.slice(0, at), claim.slice(at + 1)];
};

function controlWords(code: string, said: 'who' | 'notice', n: Namer): string | null {
  const [type, id] = splitClaim(code);
  const c = Object.hasOwn(CONTROL, type) ? CONTROL[type]! : null;
  return c ? c[said](c.of === 'setting' ? n.setting(id) : n.element(c.of, id)) : null;
}

/**
 * An unverified claim in words, with the profile's names: `form:chat-backup`
 * is "Chat backup", `retention:chat-backup` "retention of Chat backup",
 * `detection:code_from:user` "who could notice changed software shipped to
 * Users' devices". JSON and CSV keep the codes; a code this does not know is
 * shown as it is.
 */
export function claimWords(claim: string, n: Namer): string {
  const [type, id] = splitClaim(claim);
  switch (type) {
    case 'party':
    case 'key':
    case 'form':
      return n.element(type, id);
    case 'retention':
      return `retention of ${n.element('form', id)}`;
    case 'variant':
      return `the setting ${n.setting(id)}`;
    case 'instrument':
      return `the instrument ${id}`;
    case 'jurisdiction':
      return `the jurisdiction ${id}`;
    case 'detection':
      return controlWords(id, 'notice', n) ?? claim;
    default:
      return controlWords(claim, 'who', n) ?? claim;
  }
}

/** A kind's unverified claims in words, for tables, Markdown and the report. */
export const unverifiedWords = (kind: KindAnswer, n: Namer): string => kind.unverified.map((c) => claimWords(c, n)).join(', ');

/** A party of a way in, with its stance for the order beside it: "BlackBerry (refuses)". */
function withStance(p: PartyRef, stances: readonly StanceRef[], n: Namer): string {
  const s = stances.find(sameParty(p));
  return s ? `${n.party(p)} (${positionWords(s)})` : n.party(p);
}

/** A way in and what it yields, each of its parties with its stance beside it. */
export function wayLine(way: Way, n: Namer): string {
  const who = way.parties.length === 0 ? 'needing no one' : `via ${way.parties.map((p) => withStance(p, way.stances, n)).join(' + ')}`;
  return `${who}: ${formList(way.reads, n)}`;
}

/** Each way in with its yield, then how many more. */
export function wayLines(a: AuthorityAnswer, n: Namer): string[] {
  const lines = a.ways.map((w) => wayLine(w, n));
  const tail = more(a.ways.length, a.waysTotal, a.waysExact).trim();
  if (tail) lines.push(tail);
  return lines;
}

/**
 * A readable form with its own ways in: "Message in transit: via A + B
 * (complies), or A + C"; `stances` are those to show beside their parties
 * here (`besideReadable`).
 */
export function readableLine(r: ReadableForm, n: Namer, stances: readonly StanceRef[] = []): string {
  return `${n.form(r)}: ${waysIn(r.via, n, r.viaTotal, r.viaExact, stances)}`;
}

/**
 * The stances to show beside the ways of a readable form: those of its
 * parties that are in no way in (a party that reads only with others, for
 * one form), whose stance no way line shows.
 */
export function besideReadable(r: ReadableForm, kind: KindAnswer): StanceRef[] {
  const key = (p: { party: string; participant?: number }) => idOf(p.party, p.participant);
  const inWays = new Set((kind.authority?.ways ?? []).flatMap((w) => w.parties.map(key)));
  const inForm = new Set(r.via.flatMap((set) => set.map(key)));
  return kind.stances.filter((s) => inForm.has(key(s)) && !inWays.has(key(s)));
}

/** The readable forms that no single way in yields whole: read only through larger sets. */
export function looseForms(a: AuthorityAnswer): ReadableForm[] {
  return a.readable.filter((r) => !a.ways.some((w) => w.reads.some((x) => x.form === r.form && x.participant === r.participant)));
}

export function sealed(w: WhyNot, n: Namer): string {
  const keys = w.missing.map((m) => `${n.key(m.key, m.participant)} (${m.holders.length > 0 ? `held by ${parties(m.holders, n)}` : 'held by no one'})`);
  return `${n.form(w)} sealed: needs ${keys.join(' and ')}`;
}

/**
 * The unreached forms a reader is told of: where the order does not cover
 * the kind at all, the verdict says so once, and its forms are not listed
 * one by one (JSON keeps them).
 */
export const shownUnreached = (kind: KindAnswer): Unreached[] => (kind.reached ? (kind.authority?.unreached ?? []) : []);

export function unreachedLine(u: Unreached, n: Namer): string {
  if (u.why === 'kind') return `${n.form(u)} not reached: the order does not cover this kind of data`;
  return u.retention === 'passing'
    ? `${n.form(u)} not reached: it passes without being kept, and the order reaches only records`
    : `${n.form(u)} not reached: it is a record, and the order reaches only what passes from now on`;
}

/** A build the order cannot make a party beyond its reach do: "beyond reach: Signal (answers to us only) could add …". */
export function beyondBuildLine(b: BeyondBuild, n: Namer): string {
  return `beyond reach: ${beyondParty(b, n)} ${buildDoes(b, n)}`;
}

/** What a line of `kindLines` is, for a format to mark it its own way. */
export type KindLineTag = 'build' | 'beyond' | 'way' | 'more' | 'reads' | 'also' | 'sealed' | 'unreached' | 'rest' | 'stance' | 'unverified';

export interface KindLine {
  tag: KindLineTag;
  text: string;
  /** The profile's sources the line rests on (a stance's), for a format that cites them. */
  sources: string[];
}

/**
 * What a cell says of one kind under one order after its verdict, a line
 * each, in the order every format gives them: each build, or each way in
 * with what it yields and how many more; the forms read only through larger
 * sets (`full`: every readable form with its own ways); what stays sealed;
 * what the order does not reach; what is left; where nothing is yielded, the
 * stances (`looseStances`); unverified claims, in words.
 */
export function kindLines(kind: KindAnswer, n: Namer, order: Order | undefined, siblings: readonly Order[], full = false): KindLine[] {
  const out: KindLine[] = [];
  const line = (tag: KindLineTag, text: string, sources: readonly string[] = []) => out.push({ tag, text, sources: [...sources] });
  const a = kind.authority;
  if (!a) {
    for (const b of kind.builds ?? []) line('build', buildLine(b, n), b.stances.flatMap((s) => s.sources));
    for (const b of kind.buildsBeyondReach ?? []) line('beyond', beyondBuildLine(b, n));
  } else if (kind.modelled) {
    for (const w of a.ways) line('way', wayLine(w, n), w.stances.flatMap((s) => s.sources));
    const tail = more(a.ways.length, a.waysTotal, a.waysExact).trim();
    if (tail) line('more', tail);
    for (const r of full ? a.readable : looseForms(a)) {
      const stances = besideReadable(r, kind);
      line(full ? 'reads' : 'also', readableLine(r, n, stances), stances.flatMap((s) => s.sources));
    }
    for (const w of a.whyNot) line('sealed', sealed(w, n));
    for (const u of shownUnreached(kind)) line('unreached', unreachedLine(u, n));
    const rest = lastResortLine(a, n, order, siblings);
    if (rest) line('rest', rest);
  }
  for (const s of looseStances(kind)) line('stance', stance(s, n), s.sources);
  if (kind.unverified.length > 0) line('unverified', unverifiedWords(kind, n));
  return out;
}

/** A party beyond reach, and why. */
function beyondParty(r: Pick<Remaining['parties'][number], 'beyond' | 'jurisdictions' | 'party' | 'kind' | 'participant'>, n: Namer): string {
  const why = r.beyond.map((b) => (b === 'kind' ? 'a kind of party the order does not compel' : `answers to ${r.jurisdictions.join(', ') || 'no listed jurisdiction'} only`));
  return `${n.party(r)} (${why.join('; ')})`;
}

/**
 * Where the authority cannot read, what is left, in words: who beyond the
 * order would be enough (and which of the other orders shown compel them),
 * another order, or only a ban.
 */
export function lastResortLine(a: AuthorityAnswer, n: Namer, order?: Order, siblings: readonly Order[] = []): string | null {
  switch (a.lastResort) {
    case null:
      return null;
    case 'beyond-reach': {
      if (a.remaining.length === 0) {
        // Even from them, this order would not reach it: it takes an order that reaches them and more.
        const holders = a.holdersBeyond ?? [];
        if (holders.length === 0) return 'beyond reach: parties the order does not compel hold it';
        return `beyond reach: ${holders.map((p) => beyondParty(p, n)).join(', or ')} holds it, in a form this order does not reach`;
      }
      const sets = a.remaining.map((r) => r.parties.map((p) => beyondParty(p, n)).join(' + ')).join(', or ');
      const reaching = withinReachOf(a, order, siblings);
      return `beyond reach: ${sets}${more(a.remaining.length, a.remainingTotal, a.remainingExact)}${reaching ? `; ${reaching}` : ''}`;
    }
    case 'another-order': {
      // Why this order falls short, from what it left unreached: the kind, or how long the data is kept.
      const why = new Set(a.unreached.map((u) => (u.why === 'kind' ? 'kind' : u.retention)));
      const wants = [
        why.has('kind') ? 'covered this kind of data' : null,
        why.has('passing') ? 'reached what passes from now on' : null,
        why.has('stored') ? 'reached records kept' : null,
      ].filter(Boolean);
      return `another order would reach it: the same parties hold it${wants.length > 0 ? `, and an order that ${wants.join(' and ')} would yield it` : ''}`;
    }
    case 'ban':
      return 'only the users hold the way in: what is left is a ban';
  }
}

/** Of the other orders shown, those of the same jurisdiction that compel a party beyond reach by its kind. */
function withinReachOf(a: AuthorityAnswer, order: Order | undefined, siblings: readonly Order[]): string | null {
  if (!order) return null;
  const kinds = new Set(a.remaining.flatMap((r) => r.parties.filter((p) => p.beyond.includes('kind')).map((p) => p.kind)));
  if (kinds.size === 0) return null;
  const others = siblings.filter((o) => o !== order && o.jurisdiction === order.jurisdiction && !o.reaches.includes('build') && o.compels.some((k) => kinds.has(k)));
  if (others.length === 0) return order.jurisdiction ? `no ${order.jurisdiction} order shown here compels them` : null;
  return `compelled one by one under ${others.map((o) => `${o.id} (${o.scope === 'bulk' ? 'every account' : 'one account'})`).join(', ')}`;
}

/** A service's state worth a reader's attention beside its name. */
export function statusNote(profile: Pick<Profile, 'status' | 'discontinuedOn'>): string | null {
  if (profile.status === 'unconfirmed') return 'may no longer run';
  if (profile.status !== 'discontinued') return null;
  return profile.discontinuedOn ? `discontinued ${profile.discontinuedOn}` : 'discontinued';
}

/** How old facts are, for people: months up to two years ("0 mo", "23 mo"), then years ("4 y"); null where undated. */
export function ageWords(asOf: string | null, today: string | null | undefined): string | null {
  if (!asOf || !today) return null;
  const months = monthsBetween(asOf, today);
  return months < 24 ? `${months} mo` : `${Math.floor(months / 12)} y`;
}

/**
 * What a reader must know about the age of a service's facts, or null: a
 * discontinued service is history (its facts describe it as it ran); a live
 * one with facts over two years old must be checked before it is relied on.
 */
export function freshnessNote(who: string, asOf: string | null, f: Freshness): string | null {
  if (f.status === 'discontinued') {
    return `${who}: discontinued${f.discontinuedOn ? ` on ${f.discontinuedOn}` : ''}; its facts${asOf ? ` (as of ${asOf})` : ''} describe the service as it ran`;
  }
  const unsure = f.status === 'unconfirmed' ? `; no source says whether the service still runs (${f.statusNote ?? 'status unconfirmed'})` : '';
  if (!f.stale) return unsure ? `${who}: facts${asOf ? ` as of ${asOf}` : ''}${unsure}` : null;
  return `${who}: facts as of ${asOf}, over ${STALE_AFTER_YEARS} years old; check them before you rely on them${unsure}`;
}

/**
 * One note per service the answers are about, in the order first shown:
 * variants of a service that share its dates share its note
 * (`bbm, bbm@org-pin-key: discontinued on …`).
 */
export function freshnessNotes(services: readonly { label: string; profile: Profile; answers: readonly Answer[] }[], today: string | null | undefined): string[] {
  const groups = new Map<string, { labels: string[]; asOf: string | null; f: Freshness }>();
  for (const s of services) {
    const f = s.answers[0]?.freshness ?? freshness(s.profile, today ?? null);
    const key = `${s.profile.id}\u0000${s.profile.asOf}\u0000${f.status}\u0000${f.discontinuedOn}`;
    const group = groups.get(key);
    if (group) group.labels.push(s.label);
    else groups.set(key, { labels: [s.label], asOf: s.profile.asOf, f });
  }
  return [...groups.values()].flatMap(({ labels, asOf, f }) => freshnessNote(labels.join(', '), asOf, f) ?? []);
}

/** When a source was published, or, for an undated page, when it was read. */
export const sourceDate = (s: Source): string | null => s.date ?? (s.accessed ? `accessed ${s.accessed}` : null);

/** Where to read a source: its url, or that it is offline material; null where it says neither (validate --strict fails it). */
export const sourceWhere = (s: Source): string | null => s.url ?? (s.offline ? 'offline material' : null);

/** What a list of sources holds, in one line: "137 sources of 35 services; 2 offline material; 1 cited by no claim". */
export function sourcesTotal(view: SourcesView): string {
  const all = view.services.flatMap((s) => s.sources);
  const offline = all.filter((c) => !c.source.url && c.source.offline).length;
  const nowhere = all.filter((c) => !sourceWhere(c.source)).length;
  const uncited = all.filter((c) => c.citedBy.length === 0).length;
  const n = view.services.length;
  return [
    `${all.length} source${all.length === 1 ? '' : 's'} of ${n} service${n === 1 ? '' : 's'}`,
    offline > 0 ? `${offline} offline material` : null,
    nowhere > 0 ? `${nowhere} with no url` : null,
    uncited > 0 ? `${uncited} cited by no claim` : null,
  ]
    .filter(Boolean)
    .join('; ');
}

/** An order in one line: its name, statute, scope, whom it compels, what it reaches, its data, its dates. */
export function orderLine(o: Order): string {
  const scope = o.scope === 'account' ? 'one named account' : o.scope === 'bulk' ? 'every account at once' : 'scope not given';
  const reach = o.reaches.includes('build')
    ? `orders a build (${o.allows.join(', ')})`
    : `reaches ${o.reaches.map((r) => (r === 'records' ? 'records kept' : 'what passes from the order on')).join(' and ')}`;
  const dates = [o.inForce ? `in force ${o.inForce}` : null, o.lapsed ? `lapsed ${o.lapsed}` : null, o.contested ? 'contested' : null].filter(Boolean);
  return [
    `${o.name}${o.statute ? ` (${o.statute})` : ''}`,
    scope,
    `compels ${o.compels.join(', ')}`,
    reach,
    o.data ? `data: ${o.data.join(', ')}` : 'every kind of data',
    ...dates,
    o.verified ? null : 'unverified',
  ]
    .filter(Boolean)
    .join('; ');
}

export { formList };
