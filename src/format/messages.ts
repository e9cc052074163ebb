/**
 * The wording of findings. Findings are data (a code and arguments); this is
 * the one place that turns them into sentences.
 */
import type { PolicyFinding } from '../engine/policy.js';
import type { Finding, FindingArg } from '../model/finding.js';
import type { Rule } from '../model/policy.js';
import type { Profile } from '../model/profile.js';
import { buildAction, claimWords, formList, namer, participantLabel, visible, waysIn } from './text.js';

const q = (v: FindingArg | undefined) => `'${String(v)}'`;
const list = (v: FindingArg | undefined) => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));
const mean = (f: Finding) => (f.args['suggestion'] !== undefined ? ` (did you mean ${q(f.args['suggestion'])}?)` : '');
const where = (f: Finding) => (f.path ? ` at ${f.path}` : '');
/** `; use one of: a, b`, or nothing where there is no list to give: never an empty one. */
const oneOf = (v: FindingArg | undefined) => (Array.isArray(v) && v.length > 0 ? `; use one of: ${list(v)}` : '');
const CODES = 'use an ISO 3166-1 alpha-2 code in lower case, or uk or eu';

const TEXT: Record<Finding['code'], (f: Finding) => string> = {
  'unreadable-file': (f) => `cannot read this file: ${f.args['reason']}`,
  'file-too-large': (f) => `file is ${f.args['size']} bytes; keyholder reads files up to ${f.args['limit']} bytes (1 MiB)`,
  'not-utf8': (f) => `file is not UTF-8 text (first bad byte at offset ${f.args['offset']})`,
  'empty-file': () => 'file is empty; a profile is a YAML mapping with id, name, parties, keys and data',
  'yaml-syntax': (f) => `YAML syntax: ${f.args['detail']}`,
  'duplicate-key': () => 'this key appears twice in the same mapping',
  'yaml-tag': (f) =>
    `YAML tag ${q(f.args['tag'])} is not allowed: a profile is plain data (text, numbers, true/false, null, lists and mappings); remove the tag, or quote the value if the '!' is part of the text`,
  'alias-limit': (f) => `too many YAML aliases: keyholder expands at most ${f.args['limit']} in a file`,
  'too-many-anchors': (f) => `too many YAML anchors: keyholder allows at most ${f.args['limit']} in a file`,
  'too-many-nodes': (f) => `too many YAML nodes: keyholder reads at most ${f.args['limit']} in a file (keys, values, lists and mappings, every alias expanded)`,
  'too-many-lines': (f) => `too many lines: keyholder reads at most ${f.args['limit']} lines of a file (blank lines and comments count)`,
  'too-deep': (f) => `nesting deeper than ${f.args['limit']} levels`,
  'too-many-findings': (f) => {
    const more = Number(f.args['more']);
    const errors = Number(f.args['errors']);
    const kinds = errors === more ? (more === 1 ? 'an error' : 'all errors') : errors === 0 ? (more === 1 ? 'a warning' : 'all warnings') : `${errors} of them errors`;
    return `and ${more} more finding${more === 1 ? '' : 's'} from here on (${kinds}), not shown: keyholder shows the first ${f.args['limit']} of a file`;
  },
  'wrong-type': (f) =>
    f.args['expected'] === 'plain-key'
      ? 'mapping keys must be plain text'
      : f.args['fields'] !== undefined
        ? `expected a mapping with ${fields(f)}; found ${article(String(f.args['found']))}${where(f)}`
        : `expected ${article(String(f.args['expected']))}, found ${article(String(f.args['found']))}${where(f)}` +
        (f.args['found'] === 'number' && /date|as_of|discontinued_on/.test(f.path) ? " (quote it: '2015')" : ''),
  'missing-field': (f) =>
    `missing required field ${q(f.args['field'])}${where(f)}` +
    (f.args['because'] === 'contested' ? ' (contested: true needs a note saying what is contested)' : ''),
  'unknown-field': (f) => `unknown field ${q(f.args['field'])}${mean(f)}; allowed here: ${list(f.args['allowed'])}`,
  'forbidden-field': (f) =>
    f.args['with'] !== undefined
      ? `${q(f.args['field'])} is the v1 name of ${q(f.args['with'])}; give one of them, not both`
      : f.path.startsWith('variants.')
      ? `a variant cannot set ${q(f.args['field'])}`
      : `${q(f.args['field'])} cannot be set here${where(f)}${f.args['field'] === 'party_kinds' ? '; it goes only with forbid: party-reads' : ''}`,
  'bad-id': (f) => `${q(f.args['value'])} is not a valid id: use lower-case letters, digits and hyphens`,
  'bad-date': (f) => `${q(f.args['value'])} is not a date: use YYYY-MM-DD`,
  'bad-value': (f) =>
    f.args['expected'] === 'jurisdiction'
      ? `${q(f.args['value'])} is not a jurisdiction code${where(f)}${mean(f)}; ${CODES}`
      : `${q(f.args['value'])} is not allowed${where(f)}${mean(f)}${oneOf(f.args['allowed'])}`,
  'unknown-kind': (f) => `unknown kind ${q(f.args['value'])}${mean(f)}; kinds are: ${list(f.args['allowed'])}`,
  'empty-value': (f) => `empty text${where(f)}`,
  'empty-list': (f) => `${f.path ? q(f.path) : 'this list'} needs at least one entry`,
  'unknown-party': (f) => `${q(f.args['id'])} is not defined in parties${mean(f)}`,
  'unknown-key': (f) => `${q(f.args['id'])} is not defined in keys${mean(f)}`,
  'unknown-source': (f) => `${q(f.args['id'])} is not defined in sources${mean(f)}`,
  'unknown-order': (f) =>
    f.args['where'] === 'rule'
      ? `unknown order ${q(f.args['id'])}${mean(f)}; use one of: ${list(f.args['allowed'])} (keyholder orders lists them all)`
      : `stance for unknown order ${q(f.args['id'])}${mean(f)}; a stance names a built-in order, an instrument of a jurisdiction, or an order of --scenarios` +
        (f.args['allowed'] !== undefined ? `; orders: ${list(f.args['allowed'])}` : ''),
  'unknown-data-kind': (f) => `unknown data kind ${q(f.args['id'])}${mean(f)}; kinds here: ${list(f.args['allowed'])}`,
  'unknown-jurisdiction': (f) =>
    f.args['preferred']
      ? `${q(f.args['value'])} names the United Kingdom, whose jurisdiction file is ${q(f.args['suggestion'])}: write ${q(f.args['suggestion'])}, or no uk instrument reaches this party`
      : `${q(f.args['value'])} is not a jurisdiction${mean(f)}; ${CODES}`,
  'bad-instrument-id': (f) => `instrument id ${q(f.args['value'])} must start with the jurisdiction's id: ${q(`${f.args['jurisdiction']}-`)}`,
  'bad-reach': (f) =>
    f.args['reason'] === 'build-mixed'
      ? 'reaches: [build] is an order to build access; it cannot also reach records or live data (make two orders)'
      : 'allows goes only with reaches: [build]',
  'bad-detector': (f) =>
    f.args['reason'] === 'nobody-with-others'
      ? "detected_by: [nobody] means no one could notice; it cannot list others too"
      : `${q(f.args['id'])} is neither a party of this profile nor a kind of party${mean(f)}; detected_by lists parties, kinds of party, or nobody`,
  'bad-kind': (f) => `${q(f.args['value'])} is a standard kind; kinds declares the kinds a profile adds`,
  'free-scope': (f) => `scope ${q(f.args['value'])} is words, not account or bulk: this order inherits no stance (write account or bulk)`,
  unsupported: (f) => `${f.args['what']} is not supported yet`,
  'uncompellable-kind': (f) => `${q(f.args['value'])} parties are the authority's own or anyone's: they are never compelled`,
  'duplicate-entry': (f) => `${q(f.args['id'])} is listed twice`,
  'duplicate-id': (f) => `id ${q(f.args['id'])} is already used by ${f.args['other']}`,
  'unusual-kind': (f) => `data kind ${q(f.args['value'])} is new to this profile; did you mean ${q(f.args['suggestion'])}?`,
  'undeclared-kind': (f) =>
    `data kind ${q(f.args['value'])} is not declared: an order that lists the kinds it covers never reaches it (declare it: kinds: { ${f.args['value']}: { like: content } })`,
  'inconsistent-status': () => "discontinued_on is set but status is not 'discontinued'",
  'inconsistent-source': (f) => `source ${q(f.args['id'])} has a url and says offline: true; offline marks a document with no public address (remove one)`,
  'no-sources': () => 'this profile cites no source for any claim; validate --strict would fail it (cite a source, or mark claims verified: false)',
  'uncited-claim': (f) => `${f.args['what']} ${q(f.args['id'])} cites no source; cite one, or mark it verified: false`,
  'defaulted-retention': (f) =>
    `form ${q(f.args['id'])} is seen by a provider or host but does not say whether it is kept: write retention: stored or passing (the place's default, ${f.args['retention']}, is a claim no source made)`,
  'unplaced-party': (f) => `${f.args['kind']} ${q(f.args['id'])} has no jurisdictions: say where it must answer to orders (ca, us, eu, …)`,
  'unused-source': (f) => `source ${q(f.args['id'])} is not cited by any party, key, form, stance or variant`,
  'incomplete-source': (f) =>
    `source ${q(f.args['id'])} has no ${list(f.args['missing']).replace(', ', ' and no ')}` +
    (list(f.args['missing']).startsWith('url') ? ' (for a document with no public address, say offline: true and where to find it in the note)' : ''),
  'missing-as-of': () => 'no as_of: say the date the facts describe (YYYY-MM-DD)',
  'stale-profile': (f) => `as_of ${f.args['asOf']} is ${f.args['age']} days old, more than --max-age (${f.args['maxAge']} days)`,
  'historical-profile': (f) =>
    `as_of ${f.args['asOf']} is ${f.args['age']} days old, but the service was discontinued${f.args['discontinuedOn'] ? ` on ${f.args['discontinuedOn']}` : ''}: its facts are history, not out of date`,
  'unconfirmed-profile': (f) =>
    `as_of ${f.args['asOf']} is ${f.args['age']} days old, and no source says whether the service still runs: ${f.args['why']}`,
  'unknown-override': (f) => {
    const where = f.args['where'] === 'the profile' ? 'the base profile has' : `${f.args['where']} in the base profile has`;
    return f.args['action'] === 'delete'
      ? `deletes ${q(f.args['id'])}, but ${where} no such entry${mean(f)}; a variant can delete only what exists`
      : `overrides ${q(f.args['id'])}, but ${where} no such entry${mean(f)}; to add a new one, give all its required fields`;
  },
  'too-many-variants': (f) =>
    `too many variants for a profile this large: ${f.args['variants']} variants, each checked against ${f.args['nodes']} YAML nodes; keyholder checks at most ${f.args['limit']} (variants times nodes)`,
};

/** `position (comply, partial or refuse), and optionally note, sources, verified`: the fields a mapping takes. */
function fields(f: Finding): string {
  const name = (field: string) => {
    const values = f.args[`values:${field}`];
    return Array.isArray(values) ? `${field} (${values.slice(0, -1).join(', ')} or ${values[values.length - 1]})` : field;
  };
  const required = (f.args['fields'] as readonly string[]).map(name);
  const optional = ((f.args['optional'] ?? []) as readonly string[]).map(name);
  if (required.length === 0) return `any of ${optional.join(', ')}`;
  return optional.length === 0 ? required.join(', ') : `${required.join(', ')}, and optionally ${optional.join(', ')}`;
}

function article(word: string): string {
  if (word === 'null') return 'nothing (null)';
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** Where in a conversation: "participant 2 of 'imessage+./x.yaml'", "participants 3 to 5 of '…'" (`count` from `first`). */
export const whichParticipants = (conversation: string, first: number, count = 1): string =>
  `${count > 1 ? `participants ${first} to ${first + count - 1}` : `participant ${first}`} of ${q(conversation)}`;

/** The sentence for a finding, with the participant, variant and relocated position it concerns. */
export function describe(f: Finding): string {
  let text = TEXT[f.code](f);
  if (f.args['variant'] !== undefined) text = `variant ${q(f.args['variant'])}: ${text}`;
  if (f.args['conversation'] !== undefined) text = `${whichParticipants(String(f.args['conversation']), Number(f.args['participant']), Number(f.args['participants']))}: ${text}`;
  if (f.args['at'] !== undefined) text += ` (line ${String(f.args['at']).replace(':', ', column ')}, once the variant is applied)`;
  return text;
}

/** `file:line:col code: message`, the form editors and CI logs link from. */
export function findingLine(f: Finding): string {
  const severity = f.severity === 'warning' ? ' (warning)' : '';
  return visible(`${f.file}:${f.line}:${f.col} ${f.code}${severity}: ${describe(f)}`);
}

/** How a finding names its service: `imessage@adp`, or a conversation's participants joined by `+`. */
export const subjectLabel = (f: Pick<PolicyFinding, 'service' | 'variant' | 'participants'>): string =>
  f.participants ? f.participants.map(participantLabel).join('+') : f.variant ? `${f.service}@${f.variant}` : f.service;

/**
 * The sentence for a policy finding: which service, and what it does that
 * the rule forbids, with forms and parties named as `ask` names them (each
 * participant's copy in a conversation with whose it is: "in participant
 * 2's iCloud Backup, via Apple"), from the profile the finding is about.
 */
export function describeBreach(f: PolicyFinding, profile: Profile): string {
  const service = subjectLabel(f);
  const when = f.order === 'by-design' ? 'by design' : `under ${f.order}`;
  const { waysTotal, parties = [], claim = '', refs = {} } = f.args;
  const n = namer(profile);
  switch (f.code) {
    case 'authority-reads':
      return visible(`${service}: ${when} the authority can read ${f.data} in ${n.form(refs.form!)}, ${waysIn(refs.ways!, n, waysTotal)}`);
    case 'party-reads': {
      const who = parties.map((p) => `${n.party(p)} (${p.kind})`).join(', ');
      return visible(`${service}: by design ${who} ${parties.length === 1 ? 'reads' : 'read'} ${f.data} in ${n.form(refs.form!)}`);
    }
    case 'build-reads':
    case 'undetected-build': {
      const b = f.args.build!;
      const who = b.detectedBy === null ? 'no source says who could notice' : b.detectedBy[0] === 'nobody' ? 'no one could notice' : `noticed by ${b.detectedBy.map((x) => n.who(x)).join(', ')}`;
      return visible(`${service}: under ${f.order} ${n.party(refs.build!)} could ${buildAction(refs.build!, n)} and read ${f.data} in ${formList(refs.forms!, n)}; ${who}`);
    }
    case 'unverified': {
      const rests = claim.startsWith('detection:') ? `a build, and no source says ${claimWords(claim, n)}` : `${claimWords(claim, n)}, which no source confirms`;
      return visible(`${service}: the ${f.data} answer (${when}) rests on ${rests}`);
    }
  }
}

/** What a policy rule checks and how a service passes it, in words: for SARIF's rule descriptions and help. */
export function explainRule(r: Rule): { checks: string; passes: string } {
  const data = r.data;
  const under = r.order === null ? 'under each order checked' : `under ${r.order}`;
  switch (r.forbid) {
    case 'authority-reads':
      return r.order === 'by-design'
        ? {
            checks: `A service breaks it where the authority can read ${data} with no one compelled, through what authority and public parties hold; each form of the ${data} it can read is a finding, at that form's line.`,
            passes: `To pass, no authority or public party (a key built into every handset, say) may hold a way to the ${data}.`,
          }
        : {
            checks: `A service breaks it where, ${under}, the authority can read ${data}; each form of the ${data} it can read is a finding, at that form's line, naming the ways in that yield it.`,
            passes: `To pass, every form of the ${data} within the order's reach must stay sealed by a key that no party the order compels holds.`,
          };
    case 'party-reads': {
      const kinds = r.partyKinds.join(' or ');
      return {
        checks: `A service breaks it where, by design, a ${kinds} party reads ${data}; each form such a party reads is a finding, at that form's line.`,
        passes: `To pass, each form of the ${data} that a ${kinds} party sees must be sealed by a key it does not hold.`,
      };
    }
    case 'unverified':
      return {
        checks: `A service breaks it where the ${data} answer (${r.order === 'by-design' ? 'by design' : under}) rests on a claim marked verified: false; each such claim is a finding, at its line.`,
        passes: 'To pass, cite a source for the claim in the profile, or model the service without it.',
      };
    case 'build-reads':
    case 'undetected-build': {
      const which = r.forbid === 'build-reads' ? 'a build' : 'a build no one could notice (or of which no source says who could)';
      return {
        checks: `A service breaks it where, ${r.order === null ? 'under each order to build access checked (build-order where none is)' : under}, ${which} would let a compelled party read ${data}; each such build is a finding, at the line of the control fact it uses (a key directory, the code a party runs, a setting that can be withdrawn).`,
        passes:
          r.forbid === 'build-reads'
            ? `To pass, no party an order to build access compels may control a way to the ${data}: no key directory, client code or withdrawable setting that opens it.`
            : `To pass, every such build must be noticeable: cite who could detect it (users comparing safety numbers, reproducible builds, key transparency).`,
      };
    }
  }
}
