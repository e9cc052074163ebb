/**
 * The version 1 JSON documents, for `--schema-version 1`: scripts written
 * against v1 keep working for one minor release. Each maps a v2 document
 * back to the v1 shape (CHANGELOG.md says what moved): `order` was
 * `scenario`, a way's `parties` were a `via` set, `readable` held bare forms,
 * and v2's new fields are left out. v1 had no conversations: one is printed
 * as an answer about its service, with a participant's copy of a party, key
 * or form named `<id>#<participant>`, as CSV names it.
 */
import type { Answer, FormRef, KindAnswer, PartyRef } from '../engine/answer-types.js';
import { idOf } from '../model/conversation.js';
import type { Change } from '../engine/diff.js';

const party = ({ party: p, kind, participant }: PartyRef) => ({ party: idOf(p, participant), kind });
const form = ({ form: f, place, participant }: FormRef) => ({ form: idOf(f, participant), place });

function kindV1(k: KindAnswer) {
  const a = k.authority!;
  return {
    kind: k.kind,
    modelled: k.modelled,
    byDesign: k.byDesign.map(party),
    authority: {
      canRead: a.canRead,
      via: a.ways.map((w) => w.parties.map(party)),
      viaTotal: a.waysTotal,
      viaExact: a.waysExact,
      whyNot: a.whyNot.map((w) => ({ ...form(w), missing: w.missing.map((m) => ({ key: idOf(m.key, m.participant), holders: m.holders.map(party) })) })),
      remaining: a.remaining.map((r) => r.parties.map(party)),
      remainingTotal: a.remainingTotal,
      remainingExact: a.remainingExact,
      readable: a.readable.map(form),
    },
    stances: k.stances.map((s) => ({ ...party(s), position: s.position, sources: s.sources })),
    sources: k.sources,
    unverified: k.unverified,
  };
}

/** Whether v1 can say this answer at all: v1 had no orders to build access. */
export const sayableInV1 = (a: Answer): boolean => a.build === null;

/** An answer as v1 printed it: subscriber data appears only where a profile has it, as v1 showed any kind a profile added. */
export function answerV1(a: Answer) {
  return {
    service: a.service,
    variant: a.variant,
    file: a.file,
    scenario: a.order,
    asOf: a.asOf,
    data: a.data.filter((k) => k.kind !== 'subscriber' || k.modelled).map(kindV1),
  };
}

/** A conversation's copy as v1 names it, `<id>#<participant>`; anything else as it is. */
function copyV1<T extends { participant?: number }>(ref: T, id: (r: T) => { field: string; value: string }): Omit<T, 'participant'> {
  if (ref.participant === undefined) return ref;
  const { participant: _participant, ...rest } = ref;
  const { field, value } = id(ref);
  return { ...rest, [field]: idOf(value, ref.participant) };
}
const partyCopy = <T extends PartyRef>(r: T) => copyV1(r, (x) => ({ field: 'party', value: x.party }));
const formCopy = <T extends FormRef>(r: T) => copyV1(r, (x) => ({ field: 'form', value: x.form }));

/** A diff change as v1 printed it; v2's new kinds of change (a way's yield, the last resort) did not exist. */
export function changeV1(c: Change): object | null {
  const { order, ...rest } = c;
  const base = { ...rest, scenario: order };
  switch (c.field) {
    case 'ways':
      return { ...base, field: 'via', added: c.added.map((s) => s.map(party)), removed: c.removed.map((s) => s.map(party)), easier: c.easier.map((s) => s.map(party)) };
    case 'yields':
    case 'lastResort':
      return null;
    case 'byDesign':
      return { ...base, added: c.added.map(partyCopy), removed: c.removed.map(partyCopy) };
    case 'remaining':
      return { ...base, added: c.added.map((s) => s.map(partyCopy)), removed: c.removed.map((s) => s.map(partyCopy)) };
    case 'readable':
      return { ...base, added: c.added.map(formCopy), removed: c.removed.map(formCopy) };
    case 'stance':
      // JSON leaves out a field that is undefined.
      return c.participant === undefined ? base : { ...base, party: idOf(c.party, c.participant), participant: undefined };
    default:
      return base;
  }
}
