/**
 * The committed fixtures/schema/library.schema.json is what the zod schema generates today
 * (regenerate with `npm run fixtures:schema`), and the bundled fixtures satisfy its basic structure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { FIXTURE_JSON_SCHEMA_PATH, fixtureJsonSchemaText } from '../../../sim/personality/fixture-json-schema.js';
import { defaultFixturesDir } from '../../../sim/personality/fixtures-dir.js';
import { listFixtures } from '../../../sim/personality/load-personality.js';

describe('sim/personality fixture JSON schema', () => {
  const root = join(defaultFixturesDir(), '..', '..');
  const committed = readFileSync(join(root, FIXTURE_JSON_SCHEMA_PATH), 'utf8');

  it('is up to date with the zod schema (run `npm run fixtures:schema` when this fails)', () => {
    expect(committed).to.equal(fixtureJsonSchemaText());
  });

  it('declares the required top-level fields and forbids unknown ones', () => {
    const schema = JSON.parse(committed) as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, unknown>;
    };
    expect(schema.additionalProperties).to.equal(false);
    expect(schema.required).to.include.members([
      'name',
      'inquiry',
      'elements',
      'importExport',
      'door',
      'prevent',
      'inventory',
      'sources',
    ]);
    for (const f of listFixtures()) {
      const fixture = JSON.parse(readFileSync(f.file, 'utf8')) as Record<string, unknown>;
      for (const key of schema.required) expect(fixture, `${f.id}.${key}`).to.have.property(key);
      for (const key of Object.keys(fixture)) expect(schema.properties, `${f.id}.${key}`).to.have.property(key);
    }
  });
});
