/**
 * A custody diagram, the one picture every graph format draws: parties,
 * keys and forms as nodes; who holds which key, which key seals which form,
 * which form carries which key and who sees which form as edges. Under an
 * order it adds the order, the ways in with what each yields, or the builds,
 * and gives every node its state under that order, in words as well as in
 * style, so no format has to say it with colour alone.
 *
 * Built from any profile and its answer (a service, a variant or a
 * conversation): parties and forms are matched to the answer's references
 * through the profile's own analysis, never by parsing names.
 */
import type { Answer, Build, FormRef, PartyRef } from '../../engine/answer-types.js';
import { analysisOf, rolesUnder } from '../../engine/answer.js';
import type { Profile } from '../../model/profile.js';
import { idOf, refOf } from '../../model/conversation.js';
import type { Order } from '../../model/vocabulary.js';
import { detectedBy, formList, looseForms, namer, parties as partyList, positionWords, visible, type Namer } from '../text.js';

/** What one graph command draws: a profile, and the order and answer it is drawn under (none: by design). */
export interface GraphView {
  /** How the service was named: `imessage@adp`, or its file as output names it. */
  label: string;
  profile: Profile;
  order: Order | null;
  answer: Answer | null;
}

export type NodeKind = 'party' | 'key' | 'form' | 'order' | 'way' | 'build' | 'more';

/**
 * A node's state under the order drawn; `plain` by design. Each is said in
 * the node's words and drawn with its own line, colour only besides.
 */
export type NodeState =
  | 'plain'
  /** A party the order compels. */
  | 'compelled'
  /** A compelled party in a way in, or one that could build. */
  | 'way-in'
  /** A party beyond the order's reach. */
  | 'beyond'
  /** A party whose keys and sight the authority has without an order (authority, public). */
  | 'own'
  /** A form the authority reads: handed over and opened, or after a build. */
  | 'readable'
  /** A form handed over that stays sealed. */
  | 'sealed'
  /** A form a compelled party sees that the order does not reach. */
  | 'unreached'
  /** A key that keeps a form sealed. */
  | 'withheld';

export interface DiagramNode {
  /** An id of the diagram's own (`party1`, `key2`, `form3`, `way1`): never text from the profile. */
  id: string;
  kind: NodeKind;
  state: NodeState;
  /** The name from the profile (or the order's name, or the way's number). */
  title: string;
  /** Further lines: the kind of party or data, and the state in words. */
  lines: string[];
}

export type Relation = 'holds' | 'seals' | 'carries' | 'sees' | 'compels' | 'hands over' | 'needs no one' | 'yields' | 'builds' | 'targets' | 'then reads';

export interface DiagramEdge {
  from: string;
  to: string;
  relation: Relation;
  /** strong: a way in or a build; weak: a key carried, an order's reach; normal otherwise. */
  weight: 'strong' | 'normal' | 'weak';
}

export interface Diagram {
  /** "BlackBerry Enterprise Server (bes), by design" or "…, under Blanket order". */
  title: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

/** Ways in drawn at most: more would bury the custody they come from; `keyholder ask` lists them all. */
export const MAX_WAYS = 12;

const refKey = (r: { party: string; participant?: number | undefined }) => (r.participant === undefined ? r.party : `${r.party}\u0000${r.participant}`);
const formKey = (r: FormRef) => (r.participant === undefined ? r.form : `${r.form}\u0000${r.participant}`);

const SCOPE = { account: 'for one account', bulk: 'for every account' } as const;
const BUILT = { 'ghost-key': 'ghost key', code: 'changed software', withdraw: 'setting withdrawn' } as const;

/** The diagram of a profile, by design, or under an order with its answer. */
export function diagram(view: GraphView): Diagram {
  const { profile, order, answer } = view;
  const analysis = analysisOf(profile);
  const { custody } = analysis;
  const n = namer(profile);
  const roles = order ? rolesUnder(analysis, order) : null;

  const partyId = new Map(analysis.refs.map((r, p) => [refKey(r), `party${p + 1}`]));
  const formId = new Map(analysis.formRefs.map((r, f) => [formKey(r), `form${f + 1}`]));
  const keyId = new Map(profile.keys.map((k, i) => [k.id, `key${i + 1}`]));

  // What the answer says of each form and key, over every kind of data.
  const readable = new Set<string>();
  const built = new Set<string>();
  const sealed = new Map<string, string[]>();
  const unreached = new Map<string, string>();
  const withheld = new Set<string>();
  const inWays = new Set<string>();
  for (const k of answer?.data ?? []) {
    for (const r of k.authority?.readable ?? []) readable.add(formKey(r));
    for (const w of k.authority?.whyNot ?? []) sealed.set(formKey(w), w.missing.map((m) => n.key(m.key, m.participant)));
    for (const u of k.authority?.unreached ?? []) unreached.set(formKey(u), u.why === 'kind' ? 'not reached: kind not covered' : u.retention === 'passing' ? 'not reached: passes, not kept' : 'not reached: a record');
    for (const b of k.builds ?? []) for (const f of b.newly) built.add(formKey(f));
  }
  // A key keeps data sealed where a form it seals stays sealed whoever complies.
  for (const k of answer?.data ?? []) {
    for (const w of k.authority?.whyNot ?? []) if (!readable.has(formKey(w))) for (const m of w.missing) withheld.add(idOf(m.key, m.participant));
  }

  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const ways = waysOf(answer);
  for (const w of ways.list) for (const p of w.parties) inWays.add(refKey(p));
  const builds = buildsOf(answer);
  for (const b of builds) inWays.add(refKey(b));

  // Parties, with their stance for the order beside their state.
  const stances = new Map((answer?.data[0]?.stances ?? []).map((s) => [refKey(s), s]));
  profile.parties.forEach((party, p) => {
    const ref = analysis.refs[p]!;
    const lines: string[] = [party.kind];
    let state: NodeState = 'plain';
    if (roles) {
      if (roles.own[p]) (state = 'own'), lines.push("the authority's own");
      else if (roles.compelled[p] && inWays.has(refKey(ref))) (state = 'way-in'), lines.push(builds.length > 0 ? 'compelled · could build' : 'compelled · way in');
      else if (roles.compelled[p]) (state = 'compelled'), lines.push('compelled');
      else if (roles.beyond[p]) (state = 'beyond'), lines.push(`beyond reach (${roles.why[p]!.join(', ')})`);
    }
    const s = stances.get(refKey(ref));
    if (s) lines.push(positionWords(s));
    nodes.push({ id: partyId.get(refKey(ref))!, kind: 'party', state, title: n.party(ref), lines: [lines.join(' · ')] });
  });

  profile.keys.forEach((key, k) => {
    const state: NodeState = withheld.has(key.id) ? 'withheld' : 'plain';
    const lines = [key.retention === 'passing' ? 'key, never stored' : 'key'];
    if (state === 'withheld') lines.push('keeps data sealed');
    const { id: keyName, participant } = refOf(key);
    nodes.push({ id: keyId.get(key.id)!, kind: 'key', state, title: n.key(keyName, participant), lines });
    for (const holder of custody.heldBy[k]!) edges.push({ from: partyId.get(refKey(analysis.refs[holder]!))!, to: keyId.get(key.id)!, relation: 'holds', weight: 'normal' });
  });

  profile.forms.forEach((form, f) => {
    const ref = analysis.formRefs[f]!;
    const id = formId.get(formKey(ref))!;
    const facts = [form.kind, form.place, form.retention === 'passing' ? 'passing' : 'kept'].filter(Boolean).join(' · ');
    let state: NodeState = 'plain';
    const lines = [facts];
    const key = formKey(ref);
    if (readable.has(key)) (state = 'readable'), lines.push('readable under this order');
    else if (built.has(key)) (state = 'readable'), lines.push('readable after a build');
    else if (sealed.has(key)) (state = 'sealed'), lines.push(`sealed: needs ${sealed.get(key)!.join(' and ')}`);
    else if (unreached.has(key)) (state = 'unreached'), lines.push(unreached.get(key)!);
    nodes.push({ id, kind: 'form', state, title: n.form(ref), lines });
    for (const p of custody.seenBy[f]!) edges.push({ from: partyId.get(refKey(analysis.refs[p]!))!, to: id, relation: 'sees', weight: 'normal' });
    for (const k of custody.enc[f]!) edges.push({ from: `key${k + 1}`, to: id, relation: 'seals', weight: 'normal' });
    for (const k of custody.contains[f]!) edges.push({ from: id, to: `key${k + 1}`, relation: 'carries', weight: 'weak' });
  });

  if (!order) return { title: `${profile.name} (${view.label}), by design`, nodes, edges };
  orderPart(order, ways, builds, { nodes, edges, n, partyId, formId, keyId, compelled: analysis.refs.filter((_, p) => roles!.compelled[p]) });
  // An answer names only what its profile has; an edge to anything else (a profile composed in a way this does not know) is left out rather than drawn to nowhere.
  const drawn = new Set(nodes.map((x) => x.id));
  return { title: `${profile.name} (${view.label}), under ${order.name}`, nodes, edges: edges.filter((e) => drawn.has(e.from) && drawn.has(e.to)) };
}

interface Drawing {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  n: Namer;
  partyId: ReadonlyMap<string, string>;
  formId: ReadonlyMap<string, string>;
  keyId: ReadonlyMap<string, string>;
  compelled: PartyRef[];
}

/** The order, whom it compels, and its ways in with what each yields, or its builds with what each then reads. */
function orderPart(order: Order, ways: { list: DrawnWay[]; more: boolean }, builds: readonly Build[], d: Drawing): void {
  const { nodes, edges, n, partyId, formId, keyId } = d;
  const party = (r: { party: string; participant?: number | undefined }) => partyId.get(refKey(r)) ?? '';
  const form = (r: FormRef) => formId.get(formKey(r)) ?? '';
  nodes.push({ id: 'order', kind: 'order', state: 'plain', title: order.name, lines: [orderWords(order)] });
  for (const p of d.compelled) edges.push({ from: 'order', to: party(p), relation: 'compels', weight: 'weak' });

  ways.list.slice(0, MAX_WAYS).forEach((w, i) => {
    const id = `way${i + 1}`;
    const who = w.parties.length === 0 ? 'needing no one' : `via ${partyList(w.parties, n).replace(/, /g, ' + ')}`;
    nodes.push({ id, kind: 'way', state: 'plain', title: `way in ${i + 1}`, lines: [who, `yields ${w.kinds.join(', ')}`] });
    if (w.parties.length === 0) edges.push({ from: 'order', to: id, relation: 'needs no one', weight: 'strong' });
    for (const p of w.parties) edges.push({ from: party(p), to: id, relation: 'hands over', weight: 'strong' });
    for (const f of w.reads) edges.push({ from: id, to: form(f), relation: 'yields', weight: 'strong' });
  });
  const hidden = Math.max(0, ways.list.length - MAX_WAYS);
  if (hidden > 0 || ways.more) {
    nodes.push({ id: 'more', kind: 'more', state: 'plain', title: hidden > 0 ? `and ${hidden} more ways in` : 'and more ways in', lines: ['keyholder ask lists them'] });
  }

  builds.forEach((b, i) => {
    const id = `build${i + 1}`;
    const target = b.action === 'withdraw' ? ` ${b.target}` : '';
    nodes.push({ id, kind: 'build', state: 'plain', title: `build: ${BUILT[b.action]}${target}`, lines: [[b.scope ? SCOPE[b.scope] : null, detectedBy(b.detectedBy)].filter(Boolean).join(' · '), `then reads ${formList(b.newly, n)}`] });
    edges.push({ from: party(b), to: id, relation: 'builds', weight: 'strong' });
    if (b.action === 'ghost-key') edges.push({ from: id, to: keyId.get(b.target) ?? '', relation: 'targets', weight: 'weak' });
    if (b.action === 'code') edges.push({ from: id, to: party({ party: b.target }), relation: 'targets', weight: 'weak' });
    for (const f of b.newly) edges.push({ from: id, to: form(f), relation: 'then reads', weight: 'strong' });
  });
}

/** "one account · records and live", "every account · build". */
function orderWords(order: Order): string {
  const scope = order.scope === 'account' ? 'one account' : order.scope === 'bulk' ? 'every account' : 'scope not given';
  const reach = order.reaches.includes('build') ? 'orders a build' : order.reaches.map((r) => (r === 'records' ? 'records kept' : 'what passes')).join(' and ');
  return [order.id, order.jurisdiction ? `in ${order.jurisdiction}` : null, scope, reach].filter(Boolean).join(' · ');
}

interface DrawnWay {
  parties: PartyRef[];
  reads: FormRef[];
  kinds: string[];
}

/**
 * The ways in over every kind, as the text formats list them: each kind's
 * ways, then the sets of each form no single way yields (so no readable
 * form is lost), one node a set of parties, with everything it yields.
 * `more` where the answer itself stopped counting.
 */
function waysOf(answer: Answer | null): { list: DrawnWay[]; more: boolean } {
  const byParties = new Map<string, DrawnWay>();
  let more = false;
  const add = (parties: readonly PartyRef[], reads: readonly FormRef[], kind: string) => {
    const key = parties.map(refKey).join('\u0001');
    let way = byParties.get(key);
    if (!way) byParties.set(key, (way = { parties: [...parties], reads: [], kinds: [] }));
    for (const f of reads) if (!way.reads.some((x) => formKey(x) === formKey(f))) way.reads.push(f);
    if (!way.kinds.includes(kind)) way.kinds.push(kind);
  };
  for (const k of answer?.data ?? []) {
    const a = k.authority;
    if (!a) continue;
    for (const w of a.ways) add(w.parties, w.reads, k.kind);
    const loose = looseForms(a);
    for (const r of loose) for (const set of r.via) add(set, [r], k.kind);
    more ||= a.waysTotal === null || a.waysTotal > a.ways.length || !a.waysExact || loose.some((r) => r.viaTotal === null || r.viaTotal > r.via.length || !r.viaExact);
  }
  return { list: [...byParties.values()], more };
}

/** Every build under a build order, once across the kinds it yields, with everything it then reads. */
function buildsOf(answer: Answer | null): Build[] {
  const byAction = new Map<string, Build>();
  for (const k of answer?.data ?? []) {
    for (const b of k.builds ?? []) {
      const key = `${refKey(b)}\u0001${b.action}\u0001${b.target}`;
      const seen = byAction.get(key);
      if (!seen) byAction.set(key, { ...b, newly: [...b.newly] });
      else for (const f of b.newly) if (!seen.newly.some((x) => formKey(x) === formKey(f))) seen.newly.push(f);
    }
  }
  return [...byAction.values()];
}

const BREAKS = /\r\n?|[\n\t\u2028\u2029]/g;
/** Lone surrogates and the noncharacters XML cannot hold. */
const UNREPRESENTABLE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufdd0-\ufdef\ufffe\uffff]/g;

/**
 * Text from a profile as one line of a label, in any format: line breaks
 * and tabs as spaces, control and invisible characters as visible escapes
 * (`\x1b`, `\u{202e}`), and what XML cannot hold likewise. Each format then
 * escapes what is special to it.
 */
export function oneLine(text: string): string {
  return visible(text.replace(BREAKS, ' ')).replace(UNREPRESENTABLE, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}
