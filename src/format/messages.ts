/**
 * The wording of findings. Findings are data (a code and arguments); this is
 * the one place that turns them into sentences.
 */
import type { PolicyFinding } from '../engine/policy.js';
import type { Finding, FindingArg } from '../model/finding.js';
import { visible } from './text.js';

const q = (v: FindingArg | undefined) => `'${String(v)}'`;
const list = (v: FindingArg | undefined) => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));
const mean = (f: Finding) => (f.args['suggestion'] !== undefined ? ` (did you mean ${q(f.args['suggestion'])}?)` : '');
const where = (f: Finding) => (f.path ? ` at ${f.path}` : '');

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
      : `expected ${article(String(f.args['expected']))}, found ${article(String(f.args['found']))}${where(f)}` +
        (f.args['found'] === 'number' && /date|as_of|discontinued_on/.test(f.path) ? " (quote it: '2015')" : ''),
  'missing-field': (f) => `missing required field ${q(f.args['field'])}${where(f)}`,
  'unknown-field': (f) => `unknown field ${q(f.args['field'])}${mean(f)}; allowed here: ${list(f.args['allowed'])}`,
  'forbidden-field': (f) =>
    f.path.startsWith('variants.')
      ? `a variant cannot set ${q(f.args['field'])}`
      : `${q(f.args['field'])} cannot be set here${where(f)}${f.args['field'] === 'party_kinds' ? '; it goes only with forbid: party-reads' : ''}`,
  'bad-id': (f) => `${q(f.args['value'])} is not a valid id: use lower-case letters, digits and hyphens`,
  'bad-date': (f) => `${q(f.args['value'])} is not a date: use YYYY-MM-DD`,
  'bad-value': (f) => `${q(f.args['value'])} is not allowed${where(f)}${mean(f)}; use one of: ${list(f.args['allowed'])}`,
  'unknown-kind': (f) => `unknown kind ${q(f.args['value'])}${mean(f)}; kinds are: ${list(f.args['allowed'])}`,
  'empty-value': (f) => `empty text${where(f)}`,
  'unknown-party': (f) => `${q(f.args['id'])} is not defined in parties${mean(f)}`,
  'unknown-key': (f) => `${q(f.args['id'])} is not defined in keys${mean(f)}`,
  'unknown-source': (f) => `${q(f.args['id'])} is not defined in sources${mean(f)}`,
  'unknown-scenario': (f) =>
    f.args['where'] === 'rule'
      ? `unknown scenario ${q(f.args['id'])}${mean(f)}; use one of: ${list(f.args['allowed'])}`
      : `stance for unknown scenario ${q(f.args['id'])}${mean(f)}; it is never shown`,
  'uncompellable-kind': (f) => `${q(f.args['value'])} parties are the authority's own or anyone's: they are never compelled`,
  'duplicate-entry': (f) => `${q(f.args['id'])} is listed twice`,
  'duplicate-id': (f) => `id ${q(f.args['id'])} is already used by ${f.args['other']}`,
  'unusual-kind': (f) => `data kind ${q(f.args['value'])} is new to this profile; did you mean ${q(f.args['suggestion'])}?`,
  'inconsistent-status': () => "discontinued_on is set but status is not 'discontinued'",
  'uncited-claim': (f) => `${f.args['what']} ${q(f.args['id'])} cites no source; cite one, or mark it verified: false`,
  'unused-source': (f) => `source ${q(f.args['id'])} is not cited by any party, key, form, stance or variant`,
  'incomplete-source': (f) => `source ${q(f.args['id'])} has no ${list(f.args['missing']).replace(', ', ' and no ')}`,
  'missing-as-of': () => 'no as_of: say the date the facts describe (YYYY-MM-DD)',
  'stale-profile': (f) => `as_of ${f.args['asOf']} is ${f.args['age']} days old, more than --max-age (${f.args['maxAge']} days)`,
  'too-many-variants': (f) =>
    `too many variants for a profile this large: ${f.args['variants']} variants, each checked against ${f.args['nodes']} YAML nodes; keyholder checks at most ${f.args['limit']} (variants times nodes)`,
};

function article(word: string): string {
  if (word === 'null') return 'nothing (null)';
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** The sentence for a finding, with the variant and relocated position it concerns. */
export function describe(f: Finding): string {
  let text = TEXT[f.code](f);
  if (f.args['variant'] !== undefined) text = `variant ${q(f.args['variant'])}: ${text}`;
  if (f.args['at'] !== undefined) text += ` (line ${String(f.args['at']).replace(':', ', column ')}, once the variant is applied)`;
  return text;
}

/** `file:line:col code: message`, the form editors and CI logs link from. */
export function findingLine(f: Finding): string {
  const severity = f.severity === 'warning' ? ' (warning)' : '';
  return visible(`${f.file}:${f.line}:${f.col} ${f.code}${severity}: ${describe(f)}`);
}

const CLAIM: Record<string, string> = { form: 'form', key: 'key', party: 'party', variant: 'variant' };

/** The sentence for a policy finding: which service, and what it does that the rule forbids. */
export function describeBreach(f: PolicyFinding): string {
  const service = f.variant ? `${f.service}@${f.variant}` : f.service;
  const when = f.scenario === 'by-design' ? 'by design' : `under ${f.scenario}`;
  const { form, via = [], viaTotal, parties = [], claim = '' } = f.args;
  switch (f.code) {
    case 'authority-reads': {
      const more = viaTotal === null ? ' (and more)' : viaTotal !== undefined && viaTotal > via.length ? ` (and ${viaTotal - via.length} more)` : '';
      const ways = via.length === 1 && via[0]!.length === 0 ? 'needing no one' : `via ${via.map((set) => set.join(' + ')).join(', or ')}${more}`;
      return visible(`${service}: ${when} the authority can read ${f.data} in ${q(form)}, ${ways}`);
    }
    case 'party-reads': {
      const who = parties.map((p) => `${p.party} (${p.kind})`).join(', ');
      return visible(`${service}: by design ${who} ${parties.length === 1 ? 'reads' : 'read'} ${f.data} in ${q(form)}`);
    }
    case 'unverified': {
      const [type = '', id = ''] = [claim.slice(0, claim.indexOf(':')), claim.slice(claim.indexOf(':') + 1)];
      return visible(`${service}: the ${f.data} answer (${when}) rests on ${CLAIM[type] ?? type} ${q(id)}, which no source confirms`);
    }
  }
}
