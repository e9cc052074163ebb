/**
 * The shape of every file keyholder reads, defined once. These objects are
 * JSON Schema (draft 2020-12 subset): the validator in `shape.ts` walks the
 * YAML tree against them to report `file:line:col` findings, and the build
 * publishes them as `schema/*.schema.json` (`json-schemas.ts`). TypeScript
 * types of the raw files are derived from them with `Static`, so the three
 * cannot drift.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { RULE_SEVERITIES } from './severity.js';
import {
  BUILD_ACTIONS,
  BY_DESIGN,
  DATE_PATTERN,
  FORBIDS,
  ID_PATTERN,
  JURISDICTION_PATTERN,
  PARTIAL_DATE_PATTERN,
  PARTY_KINDS,
  PLACES,
  POSITIONS,
  REACHES,
  RETENTIONS,
  SCOPES,
  STANDARD_KINDS,
  STATUSES,
  TEXT_PATTERN,
  type Forbid,
} from './vocabulary.js';


function stringEnum<T extends readonly string[]>(values: T, description: string) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], description });
}

/** Schemas whose failures get their own finding code (see `shape.ts`). */
export const Id = Type.String({ pattern: ID_PATTERN, description: 'An id: lower-case letters, digits and hyphens.' });
export const IsoDate = Type.String({ pattern: DATE_PATTERN, description: 'A date, YYYY-MM-DD.' });
export const PartialDate = Type.String({
  pattern: PARTIAL_DATE_PATTERN,
  description: 'When it was published: YYYY-MM-DD, or YYYY-MM or YYYY where only that is known.',
});
export const PartyKindSchema = stringEnum(PARTY_KINDS, 'What kind of party this is.');
export const PlaceSchema = stringEnum(PLACES, 'Where this form of the data lives.');
export const PositionSchema = stringEnum(POSITIONS, "The party's stated position.");
export const StatusSchema = stringEnum(STATUSES, 'Whether the service still runs.');
export const RetentionSchema = stringEnum(
  RETENTIONS,
  'stored: a record that exists now (a mailbox, a log, a backup); passing: seen only in passing and not kept. Default by place: transit is passing, the rest stored.',
);
export const JurisdictionCode = Type.String({
  pattern: JURISDICTION_PATTERN,
  description: 'An ISO 3166-1 alpha-2 code in lower case (ca, pk, us), or uk or eu.',
});

const IdList = (description: string) => Type.Array(Id, { description });
const Text = (description: string) => Type.String({ minLength: 1, pattern: TEXT_PATTERN, description });

const provenance = {
  sources: Type.Optional(IdList('Ids of entries in the top-level `sources` that support this claim.')),
  verified: Type.Optional(
    Type.Boolean({ description: 'false where no source confirms this claim yet; answers resting on it say "unverified".' }),
  ),
};
const note = Type.Optional(Text('A short explanation, in plain words.'));

function idRecord<T extends TSchema>(value: T, description: string) {
  return Type.Record(Id, value, { additionalProperties: false, description });
}

export const StanceSchema = Type.Object(
  { position: PositionSchema, note, ...provenance },
  {
    additionalProperties: false,
    description:
      "A party's stated policy for one order: a mapping with position (comply, partial or refuse), and optionally note, sources and verified. Shown beside the answer, never folded into it.",
  },
);

/**
 * What a party controls that an order to build access could use (MODEL.md
 * section 6): a key directory, the software another party runs, a setting.
 */
export const ControlSchema = Type.Object(
  {
    party: Type.String({ pattern: ID_PATTERN, description: 'The party that controls it.' }),
    detected_by: Type.Optional(
      Type.Array(Id, {
        minItems: 1,
        description: 'Parties (by id) or kinds of party who could notice a change, or [nobody]. Absent: unknown, listed as unverified.',
      }),
    ),
    note,
    ...provenance,
  },
  { additionalProperties: false },
);

const perParticipant = Type.Optional(
  Type.Boolean({ description: 'In a conversation: one copy per participant (true) or one shared by all (false). Default: by the rules of MODEL.md section 7.' }),
);

export const PartySchema = Type.Object(
  {
    kind: PartyKindSchema,
    name: Type.Optional(Text('Display name.')),
    note,
    jurisdictions: Type.Optional(
      Type.Array(JurisdictionCode, {
        description:
          'Where the party must answer to orders: incorporated, present, or reached because it serves users there. Absent: local to every order (the target\'s carrier, the enterprise running the server).',
      }),
    ),
    stance: Type.Optional(idRecord(StanceSchema, 'Stated policy, by order id (a built-in order, an instrument, or an order of --scenarios).')),
    code_from: Type.Optional(ControlSchema),
    per_participant: perParticipant,
    ...provenance,
  },
  { additionalProperties: false },
);

export const KeySchema = Type.Object(
  {
    name: Type.Optional(Text('Display name.')),
    held_by: IdList('Parties that hold this key. May be empty.'),
    retention: Type.Optional(RetentionSchema),
    directory: Type.Optional(ControlSchema),
    per_participant: perParticipant,
    note,
    ...provenance,
  },
  { additionalProperties: false },
);

export const FormSchema = Type.Object(
  {
    name: Type.Optional(Text('Display name.')),
    kind: Type.String({
      pattern: ID_PATTERN,
      description: 'What the data is: content, metadata, subscriber, or a kind the profile declares in `kinds` (kebab-case).',
    }),
    place: Type.Optional(PlaceSchema),
    retention: Type.Optional(RetentionSchema),
    kept: Type.Optional(Text('For how long it is kept: an ISO 8601 duration (P25D) or words. Shown, used in no rule.')),
    seen_by: IdList('Parties that see or store this form, readable or not.'),
    encrypted_with: Type.Optional(IdList('Every layer of encryption; empty: plaintext to whoever sees it.')),
    contains_keys: Type.Optional(IdList('Keys that whoever can read this form learns.')),
    per_participant: perParticipant,
    note,
    ...provenance,
  },
  { additionalProperties: false },
);

export const KindSchema = Type.Object(
  {
    like: stringEnum(STANDARD_KINDS, 'The standard kind this one counts as for orders.'),
    name: Type.Optional(Text('Display name.')),
    note,
  },
  { additionalProperties: false },
);

export const SourceSchema = Type.Object(
  {
    title: Text('Title of the document.'),
    url: Type.Optional(Text('Where to read it.')),
    offline: Type.Optional(
      Type.Boolean({
        description:
          'true for a real document with no public address (print, a court filing, a letter): the note says where to find it. A source has a url or is offline; validate --strict fails one with neither.',
      }),
    ),
    date: Type.Optional(PartialDate),
    accessed: Type.Optional(IsoDate),
    publisher: Type.Optional(Text('Who published it.')),
    note,
  },
  { additionalProperties: false },
);

/** Fields of a profile that describe the service (all but `id`, `variants`, `sources`). */
const serviceFields = {
  name: Text('Display name of the service.'),
  category: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'Free kebab-case category.' })),
  as_of: Type.Optional(IsoDate),
  summary: Type.Optional(Text('One line a person reads first.')),
  status: Type.Optional(StatusSchema),
  discontinued_on: Type.Optional(IsoDate),
  status_note: Type.Optional(Text('Why the status is what it is; required with status: unconfirmed (what the sources say, and what none says).')),
  kinds: Type.Optional(idRecord(KindSchema, 'Data kinds the profile adds, each with the standard kind it counts as for orders.')),
  parties: idRecord(PartySchema, 'Who takes part; the order here is the display order.'),
  keys: idRecord(KeySchema, 'Keys and who holds them.'),
  data: idRecord(FormSchema, 'Each place the data exists, in one form.'),
};

/**
 * A variant's overrides: the same fields as the profile, each optional, and
 * any of them (at any depth) `null` to delete. Derived from the profile's own
 * schema so the two cannot disagree; the merged result is validated again.
 */
function overlay(schema: TSchema): TSchema {
  const nullable = (s: TSchema): TSchema => ({ anyOf: [s, { type: 'null' }] }) as unknown as TSchema;
  if (schema['type'] === 'object') {
    const out: Record<string, unknown> = { ...schema };
    delete out['required'];
    if (schema['properties']) {
      const props: Record<string, TSchema> = {};
      for (const [k, v] of Object.entries(schema['properties'] as Record<string, TSchema>)) props[k] = nullable(overlay(v));
      out['properties'] = props;
    }
    if (schema['patternProperties']) {
      const props: Record<string, TSchema> = {};
      for (const [k, v] of Object.entries(schema['patternProperties'] as Record<string, TSchema>)) props[k] = nullable(overlay(v));
      out['patternProperties'] = props;
    }
    return out as TSchema;
  }
  return schema;
}

const serviceOverlay = overlay(Type.Object(serviceFields, { additionalProperties: false })) as TSchema & {
  properties: Record<string, TSchema>;
};

export const VariantSchema = Type.Unsafe<RawVariant>({
  type: 'object',
  additionalProperties: false,
  description: 'A named setting. Its own fields are label, summary, withdrawable_by, sources and verified; every other field overrides the base profile.',
  properties: {
    label: Text('The setting as people name it mid-sentence ("Advanced Data Protection"); answers use it where they name the setting.'),
    summary: Text('One line: what the setting is.'),
    withdrawable_by: ControlSchema,
    ...provenance,
    ...serviceOverlay.properties,
    id: false,
    variants: false,
  },
});

export const ProfileSchema = Type.Object(
  {
    id: Id,
    ...serviceFields,
    variants: Type.Optional(idRecord(VariantSchema, 'Named settings, used as <id>@<name>.')),
    sources: Type.Optional(idRecord(SourceSchema, 'Every source the profile cites.')),
  },
  {
    additionalProperties: false,
    $id: 'https://keyholder.dev/schema/profile.schema.json',
    title: 'keyholder service profile',
    description: 'One communication service: who takes part, which keys exist and who holds them, and every form its data takes.',
  },
);

const orderFields = {
  id: Id,
  name: Text('Display name.'),
  scope: Text(
    'account (one named account) or bulk (every account at once). A v1 scenario file may give words here; such an order inherits no stance.',
  ),
  compels: Type.Array(PartyKindSchema, { minItems: 1, description: 'Kinds of party the authority can compel.' }),
  reaches: Type.Optional(
    Type.Array(stringEnum(REACHES, 'records, live or build.'), {
      minItems: 1,
      description: 'What it reaches: [records], [live], [records, live] (the default) or [build].',
    }),
  ),
  data: Type.Optional(
    Type.Array(Id, { minItems: 1, description: 'The data kinds it covers: content, metadata, subscriber, or a kind a profile adds. Default: every kind.' }),
  ),
  allows: Type.Optional(
    Type.Array(stringEnum(BUILD_ACTIONS, 'ghost-key, code or withdraw.'), {
      minItems: 1,
      description: 'With reaches: [build]: what the law lets it demand.',
    }),
  ),
};

export const ScenarioSchema = Type.Object(
  { ...orderFields, description: Type.Optional(Text('What the order means.')) },
  { additionalProperties: false, description: 'An order: which kinds of party it compels, over which data, reaching what.' },
);

export const ScenarioFileSchema = Type.Object(
  {
    orders: Type.Optional(Type.Array(ScenarioSchema, { description: 'Orders, in display order.' })),
    scenarios: Type.Optional(Type.Array(ScenarioSchema, { description: 'The v1 name of `orders`.' })),
  },
  {
    additionalProperties: false,
    $id: 'https://keyholder.dev/schema/scenarios.schema.json',
    title: 'keyholder orders',
    description: 'Orders of your own (the built-in ones are in data/scenarios.yaml): which kinds of party an authority can compel, over which data.',
  },
);

export const InstrumentSchema = Type.Object(
  {
    ...orderFields,
    statute: Text('The law it rests on.'),
    in_force: Type.Optional(PartialDate),
    lapsed: Type.Optional(PartialDate),
    contested: Type.Optional(Type.Boolean({ description: 'true where courts have not settled it; the note says what is contested.' })),
    note,
    ...provenance,
  },
  { additionalProperties: false, description: "An instrument of the jurisdiction's law: an order, with its statute and sources." },
);

export const JurisdictionSchema = Type.Object(
  {
    id: JurisdictionCode,
    name: Text('Display name.'),
    note,
    verified: provenance.verified,
    sources: idRecord(SourceSchema, 'Every source the instruments cite.'),
    instruments: Type.Array(InstrumentSchema, { minItems: 1, description: 'Its instruments, in display order; each id starts with the jurisdiction id and a hyphen.' }),
  },
  {
    additionalProperties: false,
    $id: 'https://keyholder.dev/schema/jurisdiction.schema.json',
    title: 'keyholder jurisdiction',
    description: 'One jurisdiction: the instruments its authorities can serve on a communication service, each with its statute and sources.',
  },
);

/** What a rule forbids. */


const forbidding = (value: Forbid) => ({ properties: { forbid: { const: value } }, required: ['forbid'] });

export const RuleSchema = Type.Object(
  {
    id: Id,
    description: Text('What the rule asks for, in one sentence: shown with every finding.'),
    severity: stringEnum(RULE_SEVERITIES, 'How much a broken rule matters: error, warn or info. --fail-on sets which fail the run.'),
    order: Type.Optional(
      Type.String({
        pattern: ID_PATTERN,
        description:
          'by-design (who reads with no one compelled), or the id of an order: lawful-request, blanket-order, an instrument such as us-sca-warrant, or one of --scenarios. Absent: every order the run answers.',
      }),
    ),
    scenario: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'The v1 name of `order`.' })),
    data: Type.String({ pattern: ID_PATTERN, description: 'The data kind the rule is about: content, metadata, or a kind profiles add.' }),
    forbid: stringEnum(
      FORBIDS,
      'authority-reads: the authority can read the data (under the order; by design: with no one compelled). party-reads: a party of one of party_kinds reads it by design. unverified: the answer rests on a claim marked verified: false. build-reads: under an order to build access, a build yields the data. undetected-build: such a build that no one could notice, or of which no source says who could.',
    ),
    party_kinds: Type.Optional(
      Type.Array(PartyKindSchema, { minItems: 1, description: 'With forbid: party-reads: the kinds of party that must not read the data by design.' }),
    ),
  },
  {
    additionalProperties: false,
    // Which fields go together: a schema can say it, so editors and the
    // validator both see it.
    allOf: [
      {
        if: forbidding('party-reads'),
        then: { required: ['party_kinds'], properties: { scenario: { const: BY_DESIGN }, order: { const: BY_DESIGN } } },
        else: { properties: { party_kinds: false } },
      },
    ],
  },
);

export const PolicySchema = Type.Object(
  {
    description: Type.Optional(Text('What the policy is for.')),
    rules: Type.Array(RuleSchema, { minItems: 1, description: 'The rules, each checked against every service; at least one.' }),
  },
  {
    additionalProperties: false,
    $id: 'https://keyholder.dev/schema/policy.schema.json',
    title: 'keyholder policy',
    description: 'Rules that keyholder check applies to every service: who must not be able to read what.',
  },
);

export type RawProfile = Static<typeof ProfileSchema>;
export type RawParty = Static<typeof PartySchema>;
export type RawKey = Static<typeof KeySchema>;
export type RawForm = Static<typeof FormSchema>;
export type RawSource = Static<typeof SourceSchema>;
export type RawStance = Static<typeof StanceSchema>;
export type RawScenarioFile = Static<typeof ScenarioFileSchema>;
export type RawJurisdiction = Static<typeof JurisdictionSchema>;
export type RawPolicy = Static<typeof PolicySchema>;
export interface RawVariant {
  label?: string;
  summary?: string;
  sources?: string[];
  verified?: boolean;
  [override: string]: unknown;
}
