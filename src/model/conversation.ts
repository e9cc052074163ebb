/**
 * A conversation, composed from its participants' profiles (MODEL.md
 * section 7): one profile the engine answers like any other.
 *
 * Per participant, one copy each: parties of kind `user` and `host`; keys a
 * `user` party holds; forms with place `device` or `backup`, and forms seen
 * only by per-participant parties; `per_participant` on a party, key or form
 * says otherwise. Shared: every other party, key and form. A shared form
 * sealed with a per-participant key is copied once per participant, each
 * copy sealed with that participant's key (a message encrypted to each
 * recipient's devices).
 *
 * References are resolved in one participant's frame: a copy for
 * participant i names participant i's copies of what is per participant and
 * the shared element otherwise; a shared element names, for each
 * participant who has it, that participant's copies (a shared key held by
 * `user` is held by every participant's devices). A single party named by a
 * shared element's control (`code_from`, `directory`) is resolved in the
 * frame of the first participant who has the element.
 *
 * An element is per participant where any participant's profile makes it
 * so; an element only some participants' settings have is there for those
 * participants. A shared element two participants' settings define
 * differently is a problem naming both, except a shared key's `held_by`,
 * which is the union.
 *
 * Pure, and linear in the participants times the profile.
 */
import type { Copy, Form, Key, KindInfo, Participant, Party, Profile, Source, VariantInfo } from './profile.js';
import type { PartyKind, Place } from './vocabulary.js';

/** A conversation has at most this many participants. */
export const MAX_PARTICIPANTS = 32;

/** The id of participant `participant`'s copy of an element. `#` is in no profile id, so it is unique. */
export const copyId = (id: string, participant: number): string => `${id}#${participant}`;

/** The id a reference names in a profile: the copy's, where it names a participant's copy. */
export const idOf = (id: string, participant: number | undefined): string => (participant === undefined ? id : copyId(id, participant));

/** How answers name an element: its own id, and the participant whose copy it is. */
export const refOf = (x: { id: string; copy?: Copy }): { id: string; participant?: number } =>
  x.copy ? { id: x.copy.of, participant: x.copy.participant } : { id: x.id };

/** A participant as answers list it: its service, its variant, and the path it was named by (null for a catalog id). */
export interface ParticipantRef {
  service: string;
  variant: string | null;
  file: string | null;
}

/** A conversation's participants as answers list them (MODEL.md section 5); null for a service alone. */
export function participantsOf(profile: Profile): ParticipantRef[] | null {
  return profile.participants?.map((p) => ({ service: p.profile.id, variant: p.profile.variant?.name ?? null, file: p.file })) ?? null;
}

/**
 * Who an answer or a finding is about: the service; its variant, in a
 * conversation the one every participant has (null where they differ); and
 * a conversation's participants (null for a service alone).
 */
export function identityOf(profile: Profile): { service: string; variant: string | null; participants: ParticipantRef[] | null } {
  const participants = participantsOf(profile);
  if (!participants) return { service: profile.id, variant: profile.variant?.name ?? null, participants: null };
  const variants = new Set(participants.map((p) => p.variant));
  return { service: profile.id, variant: variants.size === 1 ? participants[0]!.variant : null, participants };
}

/** The settings a profile is answered with, each once: its variant, or each participant's in a conversation. */
export function settingsOf(profile: Profile): VariantInfo[] {
  const all = profile.participants ? profile.participants.map((p) => p.profile.variant) : [profile.variant];
  return [...new Map(all.filter((v) => v !== null).map((v) => [v.name, v])).values()];
}

const PER_KINDS: ReadonlySet<PartyKind> = new Set(['user', 'host']);
const PER_PLACES: ReadonlySet<Place> = new Set(['device', 'backup']);

/** Where in a profile an element lives, as the profile file writes it. */
export type Section = 'parties' | 'keys' | 'data' | 'kinds';

export type ConversationProblem =
  /** A participant names another service than the first. */
  | { code: 'mixed-services'; participant: number; service: string; first: string }
  | { code: 'too-many-participants'; count: number; limit: number }
  | { code: 'no-participants' }
  /** A shared element two participants' settings define differently: `field` as the profile file writes it. */
  | { code: 'shared-differs'; section: Section; id: string; field: string; participants: [number, number] };

export type Composition = { profile: Profile; problems: [] } | { profile: null; problems: ConversationProblem[] };

/**
 * The conversation of these participants, every one the same service. A
 * conversation of one is that participant's profile as it is (so it answers
 * exactly as the service alone), marked with its participant.
 */
export function composeConversation(participants: readonly Participant[]): Composition {
  if (participants.length === 0) return { profile: null, problems: [{ code: 'no-participants' }] };
  if (participants.length > MAX_PARTICIPANTS) {
    return { profile: null, problems: [{ code: 'too-many-participants', count: participants.length, limit: MAX_PARTICIPANTS }] };
  }
  const profiles = participants.map((p) => p.profile);
  const first = profiles[0]!;
  const mixed: ConversationProblem[] = profiles.flatMap((p, i) =>
    p.id === first.id ? [] : [{ code: 'mixed-services' as const, participant: i + 1, service: p.id, first: first.id }],
  );
  if (mixed.length > 0) return { profile: null, problems: mixed };
  if (profiles.length === 1) return { profile: { ...first, participants: [...participants] }, problems: [] };
  return new Composer(profiles).compose(participants);
}

/** Per participant, its elements by id. */
interface Frame {
  parties: Map<string, Party>;
  keys: Map<string, Key>;
  forms: Map<string, Form>;
}

class Composer {
  private readonly frames: Frame[];
  private readonly partyPer = new Map<string, boolean>();
  private readonly keyPer = new Map<string, boolean>();
  private readonly formPer = new Map<string, boolean>();
  private readonly problems: ConversationProblem[] = [];

  constructor(private readonly profiles: readonly Profile[]) {
    this.frames = profiles.map((p) => ({
      parties: new Map(p.parties.map((x) => [x.id, x])),
      keys: new Map(p.keys.map((x) => [x.id, x])),
      forms: new Map(p.forms.map((x) => [x.id, x])),
    }));
    // Which ids are per participant: so in any participant's profile.
    const mark = (into: Map<string, boolean>, id: string, per: boolean) => into.set(id, (into.get(id) ?? false) || per);
    for (const p of profiles) for (const x of p.parties) mark(this.partyPer, x.id, x.perParticipant ?? PER_KINDS.has(x.kind));
    this.frames.forEach((frame, i) => {
      for (const x of profiles[i]!.keys) mark(this.keyPer, x.id, x.perParticipant ?? x.heldBy.some((h) => frame.parties.get(h)?.kind === 'user'));
    });
    for (const p of profiles) {
      for (const x of p.forms) {
        const onlyPer = x.seenBy.length > 0 && x.seenBy.every((h) => this.partyPer.get(h));
        mark(this.formPer, x.id, x.perParticipant ?? ((x.place !== null && PER_PLACES.has(x.place)) || onlyPer));
      }
    }
  }

  /** A party id as participant i's profile names it, in the composed profile. */
  private party = (i: number) => (id: string) => (this.partyPer.get(id) ? copyId(id, i + 1) : id);
  private key = (i: number) => (id: string) => (this.keyPer.get(id) ? copyId(id, i + 1) : id);

  compose(participants: readonly Participant[]): Composition {
    const [first] = this.profiles as [Profile];
    const parties = this.each('parties', (p) => p.parties, (f) => f.parties, this.partyPer, (x, i) => this.copyParty(x, i), (x, h) => this.shareParty(x, h));
    const keys = this.each('keys', (p) => p.keys, (f) => f.keys, this.keyPer, (x, i) => this.copyKey(x, i), (x, h) => this.shareKey(x, h));
    const forms = this.forms();
    const kinds = this.union('kinds', (p) => p.kinds);
    if (this.problems.length > 0) return { profile: null, problems: this.problems };
    const sources = new Map<string, Source>();
    for (const p of this.profiles) for (const s of p.sources) if (!sources.has(s.id)) sources.set(s.id, s);
    return {
      profile: {
        ...first,
        kinds,
        parties,
        keys,
        forms,
        sources: [...sources.values()],
        variant: null,
        participants: [...participants],
      },
      problems: [],
    };
  }

  /** Every id of a section, in the first participant's order, then those only later ones have, as they come. */
  private ids<T extends { id: string }>(list: (p: Profile) => readonly T[]): string[] {
    const seen = new Set<string>();
    for (const p of this.profiles) for (const x of list(p)) seen.add(x.id);
    return [...seen];
  }

  /** The participants (by index) who have this element, with theirs. */
  private holders<T>(id: string, get: (f: Frame) => ReadonlyMap<string, T>): [number, T][] {
    const out: [number, T][] = [];
    this.frames.forEach((f, i) => {
      const x = get(f).get(id);
      if (x !== undefined) out.push([i, x]);
    });
    return out;
  }

  /**
   * A section composed: each per-participant id copied for each participant
   * who has it, next to each other; each shared one once, checked the same
   * for everyone.
   */
  private each<T extends { id: string }>(
    section: 'parties' | 'keys',
    list: (p: Profile) => readonly T[],
    get: (f: Frame) => ReadonlyMap<string, T>,
    per: ReadonlyMap<string, boolean>,
    copy: (x: T, i: number) => T,
    share: (x: T, holders: [number, T][]) => T,
  ): T[] {
    return this.ids(list).flatMap((id) => {
      const holders = this.holders(id, get);
      if (per.get(id)) return holders.map(([i, x]) => copy(x, i));
      this.same(section, id, holders, section === 'keys' ? IGNORED_KEY_FIELDS : IGNORED_FIELDS);
      return [share(holders[0]![1], holders)];
    });
  }

  private copyParty(x: Party, i: number): Party {
    const party = this.party(i);
    return { ...x, id: copyId(x.id, i + 1), copy: { of: x.id, participant: i + 1 }, codeFrom: x.codeFrom && { ...x.codeFrom, party: party(x.codeFrom.party) } };
  }

  private shareParty(x: Party, holders: [number, Party][]): Party {
    const party = this.party(holders[0]![0]);
    return x.codeFrom ? { ...x, codeFrom: { ...x.codeFrom, party: party(x.codeFrom.party) } } : x;
  }

  private copyKey(x: Key, i: number): Key {
    const party = this.party(i);
    return {
      ...x,
      id: copyId(x.id, i + 1),
      copy: { of: x.id, participant: i + 1 },
      heldBy: x.heldBy.map(party),
      directory: x.directory && { ...x.directory, party: party(x.directory.party) },
    };
  }

  /** A shared key: held by whoever holds it in any participant's profile, each in that participant's frame. */
  private shareKey(x: Key, holders: [number, Key][]): Key {
    const heldBy = new Set<string>();
    for (const [i, k] of holders) for (const h of k.heldBy) heldBy.add(this.party(i)(h));
    const party = this.party(holders[0]![0]);
    return { ...x, heldBy: [...heldBy], directory: x.directory && { ...x.directory, party: party(x.directory.party) } };
  }

  /** Forms: per participant, shared and copied for each participant's key, or shared. */
  private forms(): Form[] {
    return this.ids((p) => p.forms).flatMap((id) => {
      const holders = this.holders(id, (f) => f.forms);
      const copyFor = ([i, x]: [number, Form]): Form => ({ ...this.resolve(x, [i]), id: copyId(x.id, i + 1), copy: { of: x.id, participant: i + 1 } });
      if (this.formPer.get(id)) return holders.map(copyFor);
      this.same('data', id, holders, IGNORED_FIELDS);
      const [, x] = holders[0]!;
      if (x.encryptedWith.some((k) => this.keyPer.get(k))) return holders.map(copyFor);
      return [this.resolve(x, holders.map(([i]) => i))];
    });
  }

  /** A form's references, in the frames of these participants together. */
  private resolve(x: Form, frames: readonly number[]): Form {
    const all = (ids: readonly string[], of: (i: number) => (id: string) => string) => {
      if (!ids.some((id) => of(frames[0]!)(id) !== id)) return ids as string[];
      const out = new Set<string>();
      for (const i of frames) for (const id of ids) out.add(of(i)(id));
      return [...out];
    };
    return { ...x, seenBy: all(x.seenBy, this.party), encryptedWith: all(x.encryptedWith, this.key), containsKeys: all(x.containsKeys, this.key) };
  }

  /** Kinds a profile declares: every participant's, each the same wherever declared. */
  private union(section: 'kinds', list: (p: Profile) => readonly KindInfo[]): KindInfo[] {
    return this.ids(list).map((id) => {
      const holders: [number, KindInfo][] = [];
      this.profiles.forEach((p, i) => {
        const x = list(p).find((k) => k.id === id);
        if (x) holders.push([i, x]);
      });
      this.same(section, id, holders, IGNORED_FIELDS);
      return holders[0]![1];
    });
  }

  /** A shared element must be the same for every participant who has it: the first difference is a problem naming both. */
  private same<T>(section: Section, id: string, holders: readonly [number, T][], ignored: ReadonlySet<string>): void {
    const [i, x] = holders[0]!;
    for (const [j, y] of holders.slice(1)) {
      const field = difference(x, y, ignored);
      if (field !== null) {
        this.problems.push({ code: 'shared-differs', section, id, field: yamlName(field), participants: [i + 1, j + 1] });
        return;
      }
    }
  }
}

/**
 * Fields no answer shows or rests on: where an element is written, what
 * composition itself sets, and prose (a note, how long a form is kept, as
 * words): these are the first participant's who has the element.
 */
const IGNORED_FIELDS: ReadonlySet<string> = new Set(['pos', 'copy', 'note', 'kept']);
/** A shared key's holders are the union of every participant's. */
const IGNORED_KEY_FIELDS: ReadonlySet<string> = new Set([...IGNORED_FIELDS, 'heldBy']);

/** The first field in which two elements differ, or null where they are the same. */
function difference(a: unknown, b: unknown, ignored: ReadonlySet<string>): string | null {
  if (a === b) return null;
  const fields = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
  for (const field of fields) {
    if (ignored.has(field)) continue;
    if (!equal((a as Record<string, unknown>)[field], (b as Record<string, unknown>)[field])) return field;
  }
  return null;
}

/** Deep equality over what a profile holds: scalars, lists, maps (stances) and records; positions are not facts. */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !equal(v, b.get(k))) return false;
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!(Array.isArray(a) && Array.isArray(b)) || a.length !== b.length) return false;
    return a.every((x, i) => equal(x, b[i]));
  }
  return difference(a, b, IGNORED_FIELDS) === null;
}

/** A field as the profile file writes it: `seenBy` is `seen_by`; a defaulted retention is still `retention`. */
function yamlName(field: string): string {
  if (field === 'retentionDefaulted') return 'retention';
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
