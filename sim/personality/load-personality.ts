/**
 * Loads library fixtures (fixtures/libraries/<id>.json) into resolved Personality objects: strict JSON
 * reading with line/column, schema validation (fixture-schema.ts), citation checks (check-sources.ts),
 * expansion (expand-fixture.ts) and consistency checks (check-elements.ts, check-inventory.ts). Problems
 * are reported together, one line each, in a FixtureError. Synchronous: fixtures are small local files.
 * Design: docs/architecture.md style rule 4 ("library models are data"); numbers: docs/smc-reference.md 3.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkElements } from './check-elements.js';
import { checkInventory } from './check-inventory.js';
import { checkSources } from './check-sources.js';
import { expandFixture } from './expand-fixture.js';
import { FixtureError, FixtureNotFoundError } from './fixture-error.js';
import { formatSchemaIssues } from './fixture-issues.js';
import { libraryFixtureSchema } from './fixture-schema.js';
import { defaultFixturesDir } from './fixtures-dir.js';
import { idOf, resolveFixture } from './fixture-path.js';
import type { Personality } from './personality.js';
import { ProblemList } from './problem-list.js';
import { parseStrictJson } from './strict-json.js';

export { FixtureError, FixtureNotFoundError } from './fixture-error.js';

/** One bundled fixture, as listed by {@link listFixtures}. */
export interface FixtureListing {
  /** File name without .json ("ibm-ts3100"); what loadPersonality accepts. */
  readonly id: string;
  /** The product name from the file (the id when the file has none or cannot be read as JSON). */
  readonly name: string;
  /** Path of the file. */
  readonly file: string;
}

/**
 * Validates and expands an already parsed fixture value. `file` names the fixture in messages and gives
 * the id (its base name without .json). Throws {@link FixtureError} listing every problem found.
 */
export function parsePersonality(json: unknown, file: string): Personality {
  const parsed = libraryFixtureSchema.safeParse(json);
  if (!parsed.success) throw new FixtureError(file, formatSchemaIssues(parsed.error.issues, json, file));
  const fixture = parsed.data;
  const problems = new ProblemList();
  checkSources(fixture, fixture.sources, problems);
  const expanded = expandFixture(fixture, idOf(file), file);
  checkElements(fixture, expanded, problems);
  checkInventory(fixture, expanded, problems);
  if (problems.size > 0) throw new FixtureError(file, problems.toLines(`${file}: `));
  return expanded.personality;
}

/** Parses fixture text (strict JSON: syntax errors and duplicate keys name their line and column). */
export function parsePersonalityText(text: string, file: string): Personality {
  const result = parseStrictJson(text);
  if (!result.ok) {
    const { line, column, message } = result.problem;
    throw new FixtureError(file, [`${file}:${line}:${column}: malformed JSON: ${message}`]);
  }
  return parsePersonality(result.value, file);
}

/** Lists the fixture files of a directory (default: the bundled fixtures/libraries), sorted by id. */
export function listFixtures(fixturesDir: string = defaultFixturesDir()): FixtureListing[] {
  const files = readdirSync(fixturesDir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  return files.map((name) => {
    const file = join(fixturesDir, name);
    const id = idOf(name);
    const result = parseStrictJson(readFileSync(file, 'utf8'));
    const value: unknown = result.ok ? result.value : undefined;
    const title =
      value !== null && typeof value === 'object' && 'name' in value && typeof value.name === 'string'
        ? value.name
        : id;
    return { id, name: title, file };
  });
}

/**
 * Loads a fixture by id ("ibm-ts3100", looked up in `fixturesDir`, default the bundled
 * fixtures/libraries) or by file path (anything containing a slash or ending in .json, relative to the
 * working directory). Throws {@link FixtureError} when the file is missing or has problems.
 */
export function loadPersonality(fileOrId: string, fixturesDir?: string): Personality {
  const { absolute, file, dir } = resolveFixture(fileOrId, fixturesDir);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      throw new FixtureError(file, [`${file}: cannot read the fixture file (${code ?? String(e)})`]);
    const known =
      dir === undefined
        ? ''
        : `; known fixtures: ${
            listFixtures(dir)
              .map((f) => f.id)
              .join(', ') || 'none'
          }`;
    throw new FixtureNotFoundError(file, `${file}: no such fixture file${known}`);
  }
  return parsePersonalityText(text, file);
}
