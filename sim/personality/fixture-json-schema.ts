/**
 * The JSON Schema of the fixture format, generated from the zod schema (fixture-schema.ts) with
 * z.toJSONSchema, for editors: fixtures point at it with "$schema": "../schema/library.schema.json".
 * scripts/write-fixture-schema.ts writes it to fixtures/schema/library.schema.json; a test keeps the
 * committed copy up to date. Design: docs/toolchain.md (zod row: z.toJSONSchema gives editors a schema).
 */
import { z } from 'zod';
import { libraryFixtureSchema } from './fixture-schema.js';

/** Repository-relative path of the committed JSON Schema. */
export const FIXTURE_JSON_SCHEMA_PATH = 'fixtures/schema/library.schema.json';

/** The JSON Schema text (2-space indented, trailing newline) for the fixture file format. */
export function fixtureJsonSchemaText(): string {
  const schema = z.toJSONSchema(libraryFixtureSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
