/**
 * What every command starts from: the orders (built-in and `--scenarios`),
 * the jurisdictions (the catalog's and `--jurisdictions`), the catalog and
 * the `--profiles` folders, all validated; and the lookups that turn
 * command-line names into profiles, orders and data kinds.
 *
 * The catalog comes compiled (see catalog.ts), each profile read only when
 * asked for; YAML is read, with the parser loaded on demand, only for the
 * user's own files, or for a catalog whose compiled form is missing or stale.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { findDuplicates, hasErrors, reportable, sortedErrors, type Finding } from '../model/finding.js';
import type { LoadedProfile } from '../model/load.js';
import type { Profile } from '../model/profile.js';
import { closest } from '../model/suggest.js';
import { STANDARD_KINDS, type Jurisdiction, type Order } from '../model/vocabulary.js';
import { openCompiledCatalog } from './catalog.js';
import { FindingsError, ManyErrors, UsageError } from './errors.js';
import { LAST_DAY_MS, isoDay } from '../model/freshness.js';
import { isFile, userPath } from './files.js';
import type { Io } from './io.js';
import { parseConversationArg, parseServiceArg, type ConversationArg, type ParticipantArg, type ServiceArg } from './service-arg.js';
import { composeConversation, MAX_PARTICIPANTS, type ConversationProblem, type Section } from '../model/conversation.js';
import { readStdin, STDIN_ARG, STDIN_FILE } from './stdin.js';
import { append } from '../model/append.js';
import { whichParticipants } from '../format/messages.js';

export interface SourceOptions {
  profiles: string[];
  scenarios: string[];
  /** Folders of the user's own jurisdiction files. */
  jurisdictions?: string[];
}

export type Origin = 'catalog' | 'profiles';

export interface Context {
  io: Io;
  /** The built-in orders, then those of `--scenarios`. */
  orders: Order[];
  /** The catalog's jurisdictions, then those of `--jurisdictions` (read from the compiled catalog when first asked for). */
  readonly jurisdictions: Jurisdiction[];
  /** The ids of those jurisdictions, without reading them. */
  readonly jurisdictionIds: string[];
  /** One of those jurisdictions, read alone when first asked for. */
  jurisdiction(id: string): Jurisdiction | undefined;
  /** Every order id a stance or a rule may name: the orders, then every instrument. */
  readonly orderIds: ReadonlySet<string>;
  /** Every service id: the catalog's, then each `--profiles` folder's, in order. */
  ids: string[];
  /** A service by id, read when first asked for. */
  get(id: string): LoadedProfile | undefined;
  /** Every service, with where it came from. */
  all(): { loaded: LoadedProfile; origin: Origin }[];
  /** Warnings found while loading, by file. */
  warnings: Finding[];
}

/**
 * Loads everything a command needs. Any error stops the run with every
 * finding (exit 2): an invalid profile is never answered.
 */
export async function loadContext(io: Io, options: SourceOptions): Promise<Context> {
  const compiled = await openCompiledCatalog();
  const userJurisdictions = options.jurisdictions ?? [];
  const yaml =
    compiled && options.scenarios.length === 0 && options.profiles.length === 0 && userJurisdictions.length === 0 ? null : await import('./cold.js');

  // Orders and jurisdictions: the built-in ones (compiled, or from YAML), then the user's.
  let orders = compiled?.orders ?? [];
  // The compiled catalog's jurisdictions are read only if asked for (a run
  // of the built-in orders over the catalog never does).
  let jurisdictions: Jurisdiction[] | null = compiled ? null : [];
  const places = () => (jurisdictions ??= compiled!.jurisdictions);
  let idSet: ReadonlySet<string> | undefined;
  const orderIds = () => (idSet ??= new Set([...orders, ...places().flatMap((j) => j.instruments)].map((o) => o.id)));
  const problems: Finding[] = [];
  if (yaml) {
    const loaded = yaml.loadOrderFiles(io, options.scenarios, !compiled);
    const given = yaml.loadJurisdictionFiles(io, userJurisdictions, !compiled);
    orders = [...orders, ...loaded.orders];
    jurisdictions = [...places(), ...given.jurisdictions];
    const every = [...orders, ...jurisdictions.flatMap((j) => j.instruments)];
    append(problems, [...loaded.findings, ...given.findings, ...yaml.duplicateOrders(every, [...loaded.findings, ...given.findings])]);
    append(problems, findDuplicates(jurisdictions));
    if (hasErrors(problems)) throw new FindingsError(sortedErrors(problems));
  }

  // The catalog: compiled and read lazily, or every file from YAML.
  const cache = new Map<string, LoadedProfile>();
  const origin = new Map<string, Origin>();
  let catalogIds: string[];
  if (compiled) {
    catalogIds = compiled.ids;
  } else {
    const loaded = yaml!.loadProfileFiles(io, yaml!.catalogFiles(), orderIds());
    append(problems, loaded.findings);
    for (const p of loaded.profiles) cache.set(p.id, p);
    catalogIds = loaded.profiles.map((p) => p.id);
  }
  catalogIds.forEach((id) => origin.set(id, 'catalog'));
  const get = (id: string): LoadedProfile | undefined => {
    let p = cache.get(id);
    if (!p && compiled && origin.get(id) === 'catalog') {
      p = compiled.load(id);
      cache.set(id, p);
    }
    return p;
  };

  // The user's folders: every file, checked, and no id used twice.
  const userIds: string[] = [];
  if (options.profiles.length > 0) {
    const found = yaml!.profileFolderFiles(io, options.profiles);
    const loaded = yaml!.loadProfileFiles(io, found.files, orderIds());
    append(problems, [...found.findings, ...loaded.findings]);
    const catalog = new Set(catalogIds);
    const placed = loaded.profiles.map((p) => ({ id: p.id, file: p.file, pos: p.idPos }));
    const clashing = [...new Set(placed.filter((p) => catalog.has(p.id)).map((p) => p.id))];
    const firsts = clashing.map((id) => get(id)!).map((p) => ({ id: p.id, file: p.file, pos: p.idPos }));
    append(problems, findDuplicates([...firsts, ...placed]));
    for (const p of loaded.profiles) {
      if (origin.has(p.id)) continue;
      cache.set(p.id, p);
      origin.set(p.id, 'profiles');
      userIds.push(p.id);
    }
  }
  if (hasErrors(problems)) throw new FindingsError(sortedErrors(problems));
  const ids = [...catalogIds, ...userIds];
  return {
    io,
    orders,
    get jurisdictions() {
      return places();
    },
    get jurisdictionIds() {
      return jurisdictions ? jurisdictions.map((j) => j.id) : compiled!.jurisdictionIds;
    },
    jurisdiction: (id) => (jurisdictions ? jurisdictions.find((j) => j.id === id) : compiled!.jurisdiction(id)),
    get orderIds() {
      return orderIds();
    },
    ids,
    get,
    all: () => ids.map((id) => ({ loaded: get(id)!, origin: origin.get(id)! })),
    warnings: problems,
  };
}

export interface ResolvedService {
  label: string;
  profile: Profile;
  /** For a service named by path, the file as output names it (userPath; `<stdin>` for `-`); for a conversation, the file every participant names, if one does. */
  file: string | null;
  /** The loaded file: for a conversation, the first participant's. */
  loaded: LoadedProfile;
  /** For a conversation: each participant, repeats included, in order. */
  participants?: ResolvedService[];
}

/** The profile files a resolved service was read from: each participant's, for a conversation. */
export const filesOf = (r: ResolvedService): string[] => [...new Set((r.participants ?? [r]).map((p) => p.loaded.file))];

/**
 * `--profiles` names folders. A file there is a usage error that says so
 * (not "a part of the path is not a folder"), as is a folder that is not
 * there; each is reported.
 */
export function checkProfileFolders(dirs: readonly string[], cwd: string): void {
  const problems = dirs.flatMap((dir) => {
    if (isFile(dir, cwd)) {
      const asService = dir.includes('/') ? dir : `./${dir}`;
      return [new UsageError(`--profiles wants a folder, and '${dir}' is a file`, `Name the file where a service goes (${asService}), or give --profiles its folder (${dirname(dir)}).`)];
    }
    return existsSync(resolve(cwd, dir)) ? [] : [new UsageError(`--profiles '${dir}': no such folder`)];
  });
  if (problems.length > 1) throw new ManyErrors(problems);
  if (problems.length === 1) throw problems[0];
}

/**
 * Turns a command-line name into a profile: an id from the catalog or
 * `--profiles`, a file, or a conversation of them (`imessage@adp+imessage`),
 * composed into one profile.
 */
export async function resolveService(ctx: Context, arg: string): Promise<ResolvedService> {
  const exists = (p: string) => isFile(p, ctx.io.cwd);
  const conversation = parseConversationArg(arg, exists, MAX_PARTICIPANTS);
  if (conversation) return resolveConversation(ctx, arg, conversation);
  return resolveParsed(ctx, arg, parseServiceArg(arg, exists), null, new Map());
}

/** Which participants of a conversation a name stands for: `count` of them from `first` (1-based). */
interface Where {
  conversation: string;
  first: number;
  count: number;
}

/**
 * One service as parsed. `where` names the participants of a conversation it
 * is, for messages (a problem in its file too); `files` holds each file read
 * so far in this name (or why it could not be), so a file named by several
 * participants is read, and reported, once.
 */
async function resolveParsed(ctx: Context, arg: string, parsed: ServiceArg, where: Where | null, files: Map<string, LoadedProfile | FindingsError>): Promise<ResolvedService> {
  let label = arg;
  let loaded: LoadedProfile;
  let file: string | null = null;
  const at = where ? `${whichParticipants(where.conversation, where.first, where.count)}: ` : '';
  const inConversation = (f: Finding): Finding => (where ? { ...f, args: { ...f.args, conversation: where.conversation, participant: where.first, participants: where.count } } : f);
  if (parsed.type === 'path' || parsed.id === STDIN_ARG) {
    file = parsed.type === 'path' ? userPath(parsed.path, ctx.io.cwd) : STDIN_FILE;
    let known = files.get(file);
    if (!known) {
      const { loadProfileFile, loadProfileRead } = await import('./cold.js');
      const result = parsed.type === 'path' ? loadProfileFile(parsed.path, file, ctx.io, ctx.orderIds) : loadProfileRead(await readStdin(ctx.io), file, ctx.orderIds);
      if (result.profile) append(ctx.warnings, result.findings);
      files.set(file, (known = result.profile ?? new FindingsError(sortedErrors(result.findings).map(inConversation))));
    }
    if (known instanceof FindingsError) throw known;
    loaded = known;
    // Named as the file is shown, so no output holds where a checkout lies on disk.
    label = parsed.variant === null ? file : `${file}@${parsed.variant}`;
  } else {
    const found = ctx.get(parsed.id);
    if (!found) {
      const suggestion = closest(parsed.id, ctx.ids);
      throw new UsageError(
        `${at}unknown service '${parsed.id}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
        "Run 'keyholder list' to see the services, or name a profile file by its path.",
      );
    }
    loaded = found;
  }
  if (parsed.variant === null) return { label, profile: loaded.base, file, loaded };
  const profile = loaded.variants.get(parsed.variant);
  if (!profile) {
    const names = [...loaded.variants.keys()];
    const suggestion = closest(parsed.variant, names);
    const did = suggestion ? ` (did you mean '${suggestion}'?)` : '';
    throw new UsageError(
      where ? `${at}unknown variant '${parsed.variant}' of ${loaded.id}${did}` : `'${loaded.id}' has no variant '${parsed.variant}'${did}`,
      names.length > 0 ? `Variants of '${loaded.id}': ${names.join(', ')}.` : `'${loaded.id}' has no variants.`,
    );
  }
  return { label, profile, file, loaded };
}

const CONVERSATION_HINT = "Join a conversation's participants with '+', each a service with its own setting (imessage@adp+imessage), and repeat one with *N (imessage@adp+imessage*3), up to 32 in all.";

/**
 * A conversation (MODEL.md section 7): each participant resolved, every one
 * the same service, composed into one profile. Every problem with any
 * participant is reported, each naming the participant.
 */
export async function resolveConversation(ctx: Context, arg: string, conversation: ConversationArg): Promise<ResolvedService> {
  const who = (first: number, count = 1) => whichParticipants(arg, first, count);
  const failed: (UsageError | FindingsError)[] = conversation.problems.map((p) => new UsageError(`${who(p.participant)}: ${p.message}`, CONVERSATION_HINT));
  const files = new Map<string, LoadedProfile | FindingsError>();
  const parts: { part: ParticipantArg; resolved: ResolvedService }[] = [];
  for (const part of conversation.participants) {
    try {
      parts.push({ part, resolved: await resolveParsed(ctx, part.text, part.parsed, { conversation: arg, first: part.first, count: part.count }, files) });
    } catch (error) {
      if (!(error instanceof UsageError || error instanceof FindingsError)) throw error;
      // A file several participants name is reported once.
      if (!failed.includes(error)) failed.push(error);
    }
  }
  const service = parts[0]?.resolved.loaded.id;
  for (const { part, resolved } of parts) {
    if (resolved.loaded.id === service) continue;
    failed.push(
      new UsageError(
        `${who(part.first, part.count)}: ${resolved.loaded.id} is another service than participant ${parts[0]!.part.first}'s ${service}; every participant names the same one`,
        'A conversation across services (a bridge between two providers) is beyond the model: name one service for every participant.',
      ),
    );
  }
  if (failed.length > 0) throw failed.length === 1 ? failed[0] : new ManyErrors(failed);
  const participants = parts.flatMap(({ part, resolved }) => Array.from({ length: part.count }, () => resolved));
  const composed = composeConversation(participants.map((r) => ({ profile: r.profile, base: r.loaded.base, file: r.file })));
  if (!composed.profile) {
    const problems = composed.problems.map((p) => new UsageError(`'${arg}': ${conversationProblem(p, participants)}`, SHARED_HINT));
    throw problems.length === 1 ? problems[0] : new ManyErrors(problems);
  }
  const paths = new Set(participants.map((r) => r.file));
  // As written, unless a participant's file is shown by another name (userPath).
  const written = ({ part, resolved }: (typeof parts)[number]) => (part.parsed.type === 'path' ? resolved.label : part.text);
  const renamed = parts.some((p) => written(p) !== p.part.text);
  const label = renamed ? parts.map((p) => (p.part.count > 1 ? `${written(p)}*${p.part.count}` : written(p))).join('+') : arg;
  return { label, profile: composed.profile, file: paths.size === 1 ? participants[0]!.file : null, loaded: participants[0]!.loaded, participants };
}

const SHARED_HINT =
  "A setting that changes what participants share (how a message travels, the kind of chat) is the conversation's: give every participant the same one.";

const SECTION: Record<Section, string> = { parties: 'party', keys: 'key', data: 'form', kinds: 'kind' };

/** A composition problem in words. */
function conversationProblem(p: ConversationProblem, participants: readonly ResolvedService[]): string {
  switch (p.code) {
    case 'shared-differs': {
      const [a, b] = p.participants.map((n) => `${n} (${participants[n - 1]!.label})`);
      return `participants ${a} and ${b} differ on ${SECTION[p.section]} '${p.id}' (${p.field}), which they share`;
    }
    case 'mixed-services':
      return `participant ${p.participant} names ${p.service}, not ${p.first}`;
    case 'too-many-participants':
      return `${p.count} participants: a conversation has at most ${p.limit}`;
    case 'no-participants':
      return 'no participants';
  }
}

/**
 * Turns every name into a profile. A name that cannot be (unknown, or a bad
 * file) does not hide the others: every one is reported.
 */
export async function resolveServices(ctx: Context, names: readonly string[]): Promise<ResolvedService[]> {
  const resolved: ResolvedService[] = [];
  const failed: (UsageError | FindingsError)[] = [];
  for (const name of names) {
    try {
      resolved.push(await resolveService(ctx, name));
    } catch (error) {
      if (error instanceof ManyErrors) append(failed, error.errors);
      else if (error instanceof UsageError || error instanceof FindingsError) failed.push(error);
      else throw error;
    }
  }
  if (failed.length > 1) throw new ManyErrors(failed);
  if (failed.length === 1) throw failed[0];
  return resolved;
}

/**
 * The orders to answer (MODEL.md section 5): those named (`--order`, or v1's
 * `--scenario`), then every instrument of each jurisdiction named (`--in`),
 * in file order, each once. With neither: the built-in orders that are
 * defaults (lawful-request, blanket-order), then those of `--scenarios`.
 * Every unknown name is reported at once.
 */
export function resolveOrders(ctx: Context, ids: readonly string[], places: readonly string[] = []): Order[] {
  if (ids.length === 0 && places.length === 0) return ctx.orders.filter((o) => !o.builtIn || isDefaultOrder(o));
  // Every order, to find those named; `--in` alone reads only the jurisdictions it names.
  const every = ids.length > 0 ? [...ctx.orders, ...ctx.jurisdictions.flatMap((j) => j.instruments)] : [];
  const problems: string[] = [];
  const chosen: Order[] = [];
  const add = (o: Order) => {
    if (!chosen.includes(o)) chosen.push(o);
  };
  for (const id of ids) {
    const found = every.find((o) => o.id === id);
    if (found) add(found);
    else {
      const suggestion = closest(id, every.map((o) => o.id));
      problems.push(`unknown order '${id}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`);
    }
  }
  for (const code of places) {
    const found = ctx.jurisdiction(code);
    if (found) found.instruments.forEach(add);
    else {
      // Codes are lower case: 'US' means 'us', which closest() would not offer.
      const lower = code.toLowerCase();
      const suggestion = lower !== code && ctx.jurisdictionIds.includes(lower) ? lower : closest(lower, ctx.jurisdictionIds);
      problems.push(`unknown jurisdiction '${code}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`);
    }
  }
  if (problems.length > 0) {
    throw new UsageError(
      problems.join('\n'),
      `Orders: ${ctx.orders.map((o) => o.id).join(', ')}, and the instruments of each jurisdiction (${ctx.jurisdictionIds.join(', ')}): run 'keyholder orders'. Add your own with --scenarios <file> or --jurisdictions <dir>.`,
    );
  }
  return chosen;
}

/**
 * Today, YYYY-MM-DD, for the age of a profile's facts: from
 * SOURCE_DATE_EPOCH where set (so generated documents and tests pin the
 * date), else the clock.
 */
export function today(io: Io): string {
  const epoch = io.env['SOURCE_DATE_EPOCH'];
  if (epoch === undefined || epoch === '') return isoDay(Date.now());
  // Malformed, it is an error (reproducible-builds.org: a tool should not guess).
  if (!/^\d{1,15}$/.test(epoch) || Number(epoch) * 1000 > LAST_DAY_MS) {
    throw new UsageError(
      `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, up to the end of 9999, not '${epoch}'`,
      'Facts are aged from that day: unset it to age them from today.',
    );
  }
  return isoDay(Number(epoch) * 1000);
}

/** A built-in order answered when none is named: every one that does not order a build. */
export const isDefaultOrder = (o: Order): boolean => o.builtIn && !o.reaches.includes('build');

/** `--data` kinds: each must be content, metadata, or a kind one of the services has. */
export function resolveKinds(kinds: readonly string[], known: readonly string[]): string[] | undefined {
  if (kinds.length === 0) return undefined;
  for (const kind of kinds) {
    if (known.includes(kind)) continue;
    const suggestion = closest(kind, known);
    throw new UsageError(
      `unknown data kind '${kind}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
      `Kinds here: ${known.join(', ')}.`,
    );
  }
  return [...kinds];
}

/** Data kinds a run knows: the standard ones, then every kind these profiles (and their variants) have. */
export function knownKinds(profiles: Iterable<LoadedProfile>): Set<string> {
  const kinds = new Set<string>(STANDARD_KINDS);
  for (const p of profiles) for (const profile of [p.base, ...p.variants.values()]) for (const f of profile.forms) kinds.add(f.kind);
  return kinds;
}

/** Warnings about the files of the services being answered, and about the user's own order and jurisdiction files, for stderr. */
export function warningsFor(ctx: Context, files: readonly string[]): Finding[] {
  if (ctx.warnings.length === 0) return [];
  const wanted = new Set([...files, ...ctx.orders.filter((o) => !o.builtIn).map((o) => o.file), ...ctx.jurisdictions.map((j) => j.file)]);
  return reportable(ctx.warnings.filter((f) => f.severity === 'warning' && wanted.has(f.file)));
}
