/**
 * Turns zod issues into one line per problem, "field.path: expected X, got Y", and formats field paths the
 * way fixture authors write them in "sources" ("elements.drives[0].address").
 * Design: docs/architecture.md style rule 4; zod 4 issue format (docs/toolchain.md, zod row).
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** Formats a path as `a.b[0].c`; the empty path is "(top level)". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(top level)' : out;
}

/** Appends a key or index to a formatted path. */
export function childPath(parent: string, part: string | number): string {
  if (typeof part === 'number') return `${parent}[${part}]`;
  return parent === '' ? part : `${parent}.${part}`;
}

/** Describes a JSON value for a "got ..." clause: numbers and short strings as written, others by kind. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}...` : JSON.stringify(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** The value at `path` inside `root`, or undefined when any step is missing. */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, part)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

const FALLBACK: Readonly<Record<string, string>> = {
  invalid_type: 'a value of another type',
  too_small: 'a larger value',
  too_big: 'a smaller value',
  invalid_format: 'a value in another format',
  invalid_value: 'one of the allowed values',
  not_multiple_of: 'another multiple',
  invalid_key: 'a valid key',
  invalid_element: 'a valid element',
  invalid_union: 'one of the allowed forms',
  custom: 'a valid value',
};

/** The "expected ..." text of an issue: the schema's own message when it gave one. */
function expectation(issue: Issue): string {
  if (issue.message.startsWith('expected ')) return issue.message;
  return `expected ${FALLBACK[issue.code] ?? 'a valid value'}`;
}

/** How badly a union branch failed: a wrong type or unknown keys at the branch's root weigh most. */
function branchScore(issues: readonly Issue[]): number {
  let score = issues.length;
  for (const i of issues) {
    if (i.path.length !== 0) continue;
    if (i.code === 'unrecognized_keys') score += 100 * i.keys.length;
    if (i.code === 'invalid_type') score += 1000;
  }
  return score;
}

function formatIssue(issue: Issue, input: unknown, prefix: readonly PropertyKey[], out: string[]): void {
  const path = [...prefix, ...issue.path];
  const value = valueAt(input, path);
  if (issue.code === 'unrecognized_keys') {
    const within = issue.message.startsWith('expected ')
      ? ` (expected ${issue.message.slice('expected '.length)})`
      : '';
    for (const key of issue.keys) out.push(`${formatPath([...path, key])}: unknown field${within}`);
    return;
  }
  if (
    issue.code === 'invalid_union' &&
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    issue.errors.length > 0
  ) {
    // A union of object forms (an entry or a run of entries): report the problems of the closest form.
    let best: readonly Issue[] = issue.errors[0] ?? [];
    for (const branch of issue.errors) if (branchScore(branch) < branchScore(best)) best = branch;
    for (const inner of best) formatIssue(inner, input, path, out);
    return;
  }
  const where = formatPath(path);
  if (value === undefined) out.push(`${where}: ${expectation(issue)}, but the field is missing`);
  else out.push(`${where}: ${expectation(issue)}, got ${describeValue(value)}`);
}

/**
 * Formats zod issues about `input` as lines `file: path: expected X, got Y` (one per problem, duplicates
 * dropped, in the order zod found them).
 */
export function formatSchemaIssues(issues: readonly Issue[], input: unknown, file: string): string[] {
  const lines: string[] = [];
  for (const issue of issues) formatIssue(issue, input, [], lines);
  return [...new Set(lines)].map((line) => `${file}: ${line}`);
}
