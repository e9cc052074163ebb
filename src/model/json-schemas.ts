/**
 * The JSON Schema documents the package ships in `schema/`, so editors can
 * complete and check profiles, scenario files and policies. They are the very
 * objects `shape.ts` validates with, serialised: never written twice.
 */
import type { TSchema } from '@sinclair/typebox';
import { JurisdictionSchema, PolicySchema, ProfileSchema, ScenarioFileSchema } from './schema.js';

export const DIALECT = 'https://json-schema.org/draft/2020-12/schema';

const DOCUMENTS: Record<string, TSchema> = {
  'profile.schema.json': ProfileSchema,
  'scenarios.schema.json': ScenarioFileSchema,
  'policy.schema.json': PolicySchema,
  'jurisdiction.schema.json': JurisdictionSchema,
};

/** File name -> schema document as JSON text. TypeBox's own markers are symbols, so they drop out. */
export function jsonSchemaFiles(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(DOCUMENTS).map(([name, schema]) => [name, `${JSON.stringify({ $schema: DIALECT, ...schema }, null, 2)}\n`]),
  );
}
