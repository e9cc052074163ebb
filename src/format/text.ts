/**
 * The words every human-readable format uses for an answer, so the table,
 * the report and the Markdown say the same thing.
 */
import type {
  AuthorityAnswer,
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
import type { Profile } from '../model/profile.js';
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
 * per-participant copy is named for its participant.
 */
export interface Namer {
  party(ref: PartyRef): string;
  form(ref: FormRef): string;
  key(id: string): string;
}

export function namer(profile: Profile): Namer {
  const parties = new Map(profile.parties.map((p) => [p.id, p.name ?? p.id]));
  const forms = new Map(profile.forms.map((f) => [f.id, f.name ?? f.id]));
  const keys = new Map(profile.keys.map((k) => [k.id, k.name ?? k.id]));
  const side = (name: string, participant: number | undefined) => (participant === undefined ? name : `participant ${participant}'s ${name}`);
  return {
    party: (ref) => side(parties.get(ref.party) ?? ref.party, ref.participant),
    form: (ref) => side(forms.get(ref.form) ?? ref.form, ref.participant),
    key: (id) => keys.get(id) ?? id,
  };
}

/** Ids as names: for the formats read by programs and spreadsheets. */
export const ID_NAMER: Namer = {
  party: (ref) => (ref.participant === undefined ? ref.party : `${ref.party}#${ref.participant}`),
  form: (ref) => (ref.participant === undefined ? ref.form : `${ref.form}#${ref.participant}`),
  key: (id) => id,
};

export const parties = (refs: readonly PartyRef[], n: Namer): string => refs.map((r) => n.party(r)).join(', ');
const group = (set: readonly PartyRef[], n: Namer): string => set.map((r) => n.party(r)).join(' + ');
const formList = (refs: readonly FormRef[], n: Namer): string => refs.map((r) => n.form(r)).join(', ');

/** "(and 12 more)", "(and more: counting stopped)", and where the smallest were not proven, that smaller ways may exist. */
export function more(shown: number, total: number | null, exact = true): string {
  const count = total === null ? ' (and more: counting stopped)' : total > shown ? ` (and ${total - shown} more)` : '';
  return count + (exact ? '' : ' (smaller ways may exist: the search was cut off)');
}

/** "via A, or via B + C", for a list of sets. */
export function waysIn(sets: readonly (readonly PartyRef[])[], n: Namer, total: number | null = sets.length, exact = true): string {
  if (sets.length === 1 && sets[0]!.length === 0) return 'needing no one';
  return `via ${sets.map((s) => group(s, n)).join(', or ')}${more(sets.length, total, exact)}`;
}

/** The first line of a cell: what the authority can do with this kind of data. */
export function verdict(kind: KindAnswer): string {
  const a = kind.authority;
  if (!kind.modelled) return 'not modelled';
  if (!kind.reached) return 'not covered by this order';
  if (!a) return (kind.builds ?? []).length > 0 ? 'readable after a build' : 'no build yields it';
  return a.canRead ? 'readable' : 'not readable';
}

const ACTION: Record<Build['action'], string> = {
  'ghost-key': 'add a ghost key to its directory of',
  code: 'ship changed software to',
  withdraw: 'withdraw the setting',
};

/** Who could notice a build, in words. */
export function detectedBy(by: readonly string[] | null): string {
  if (by === null) return 'who could notice: no source says';
  return by.length === 1 && by[0] === 'nobody' ? 'no one could notice' : `could be noticed by ${by.join(', ')}`;
}

/** A build and what it yields: "Apple could add a ghost key to its directory of Device keys (refuses): reads Message in transit; noticed by …". */
export function buildLine(b: Build, n: Namer): string {
  const target = b.action === 'ghost-key' ? n.key(b.target) : b.action === 'code' ? n.party({ party: b.target, kind: b.kind }) : b.target;
  const stances = b.stances.length > 0 ? ` (${b.stances.map(positionWords).join('; ')})` : '';
  const scope = b.scope === 'account' ? 'for one account' : b.scope === 'bulk' ? 'for every account' : '';
  return `${n.party(b)}${stances} could ${ACTION[b.action]} ${target}${scope ? ` ${scope}` : ''}: then reads ${formList(b.newly, n)}; ${detectedBy(b.detectedBy)}`;
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

/** A party of a way in, with its stance for the order beside it: "BlackBerry (refuses)". */
function withStance(p: PartyRef, stances: readonly StanceRef[], n: Namer): string {
  const s = stances.find((x) => x.party === p.party && x.participant === p.participant);
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

/** A readable form with its own ways in: "Message in transit: via A + B, or A + C". */
export function readableLine(r: ReadableForm, n: Namer): string {
  return `${n.form(r)}: ${waysIn(r.via, n, r.viaTotal, r.viaExact)}`;
}

/** The readable forms that no single way in yields whole: read only through larger sets. */
export function looseForms(a: AuthorityAnswer): ReadableForm[] {
  return a.readable.filter((r) => !a.ways.some((w) => w.reads.some((x) => x.form === r.form && x.participant === r.participant)));
}

export function sealed(w: WhyNot, n: Namer): string {
  const keys = w.missing.map((m) => `${n.key(m.key)} (${m.holders.length > 0 ? `held by ${parties(m.holders, n)}` : 'held by no one'})`);
  return `${n.form(w)} sealed: needs ${keys.join(' and ')}`;
}

export function unreachedLine(u: Unreached, n: Namer): string {
  if (u.why === 'kind') return `${n.form(u)} not reached: the order does not cover this kind of data`;
  return u.retention === 'passing'
    ? `${n.form(u)} not reached: it passes without being kept, and the order reaches only records`
    : `${n.form(u)} not reached: it is a record, and the order reaches only what passes from now on`;
}

/** What a line of `kindLines` is, for a format to mark it its own way. */
export type KindLineTag = 'build' | 'way' | 'more' | 'reads' | 'also' | 'sealed' | 'unreached' | 'rest' | 'stance' | 'unverified';

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
 * what the order does not reach; what is left; the stances of parties in no
 * way in; unverified claims.
 */
export function kindLines(kind: KindAnswer, n: Namer, order: Order | undefined, siblings: readonly Order[], full = false): KindLine[] {
  const out: KindLine[] = [];
  const line = (tag: KindLineTag, text: string, sources: readonly string[] = []) => out.push({ tag, text, sources: [...sources] });
  const a = kind.authority;
  if (!a) {
    for (const b of kind.builds ?? []) line('build', buildLine(b, n), b.stances.flatMap((s) => s.sources));
  } else if (kind.modelled) {
    for (const w of a.ways) line('way', wayLine(w, n), w.stances.flatMap((s) => s.sources));
    const tail = more(a.ways.length, a.waysTotal, a.waysExact).trim();
    if (tail) line('more', tail);
    for (const r of full ? a.readable : looseForms(a)) line(full ? 'reads' : 'also', readableLine(r, n));
    for (const w of a.whyNot) line('sealed', sealed(w, n));
    for (const u of a.unreached) line('unreached', unreachedLine(u, n));
    const rest = lastResortLine(a, n, order, siblings);
    if (rest) line('rest', rest);
    const inWays = new Set(a.ways.flatMap((w) => w.parties.map((p) => p.party)));
    for (const s of kind.stances.filter((x) => !inWays.has(x.party))) line('stance', stance(s, n), s.sources);
  }
  if (kind.unverified.length > 0) line('unverified', kind.unverified.join(', '));
  return out;
}

/** A party beyond reach, and why. */
function beyondParty(r: Remaining['parties'][number], n: Namer): string {
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
      if (a.remaining.length === 0) return 'beyond reach: parties the order does not compel hold it';
      const sets = a.remaining.map((r) => r.parties.map((p) => beyondParty(p, n)).join(' + ')).join(', or ');
      const reaching = withinReachOf(a, order, siblings);
      return `beyond reach: ${sets}${more(a.remaining.length, a.remainingTotal, a.remainingExact)}${reaching ? `; ${reaching}` : ''}`;
    }
    case 'another-order':
      return 'another order would reach it: the same parties hold it, but this order does not reach it (what passed was not kept, or the kind is not covered)';
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
export function statusNote(profile: Profile): string | null {
  if (profile.status !== 'discontinued') return null;
  return profile.discontinuedOn ? `discontinued ${profile.discontinuedOn}` : 'discontinued';
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
