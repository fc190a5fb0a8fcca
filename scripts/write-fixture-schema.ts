/**
 * Writes fixtures/schema/library.schema.json from the zod schema of the library fixture format
 * (sim/personality/fixture-schema.ts). Run with `npm run fixtures:schema` after changing the schema.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_JSON_SCHEMA_PATH, fixtureJsonSchemaText } from '../sim/personality/fixture-json-schema.js';
import { findRepositoryRoot } from '../sim/personality/fixtures-dir.js';

const root = findRepositoryRoot(dirname(fileURLToPath(import.meta.url)));
if (root === undefined) throw new Error('write-fixture-schema: cannot find the repository root');
const target = join(root, FIXTURE_JSON_SCHEMA_PATH);
writeFileSync(target, fixtureJsonSchemaText());
console.log(`wrote ${target}`);
