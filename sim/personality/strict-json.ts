/**
 * A strict JSON reader for fixture files: it reports the line and column of the first syntax error
 * (Node 20's JSON.parse does not always say where) and rejects duplicate keys (JSON.parse silently keeps
 * the last one, which hides copy-paste mistakes in fixtures).
 * Spec: RFC 8259 (JSON grammar); docs/lab-view.md 11.2; design: docs/architecture.md style rule 4 (library models are
 * data).
 */

/** A syntax problem at a position in the text (line and column count from 1). */
export interface JsonSyntaxProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Outcome of {@link parseStrictJson}. */
export type StrictJsonResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: JsonSyntaxProblem };

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING_BODY = /(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*/y;

/** Describes the text at `offset` for a message: the next character, or the end of the file. */
function describeAt(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the file';
  const ch = text[offset] ?? '';
  if (ch === '\n') return 'a line break';
  return JSON.stringify(ch);
}

/** Recursive-descent JSON reader over one text; one instance per parse (no shared state). */
class Reader {
  private pos = 0;

  constructor(private readonly text: string) {}

  readDocument(): unknown {
    this.skipSpace();
    const value = this.readValue();
    this.skipSpace();
    if (this.pos < this.text.length)
      this.fail(`expected the end of the file after the top-level value, got ${describeAt(this.text, this.pos)}`);
    return value;
  }

  private fail(message: string, offset = this.pos): never {
    throw new JsonSyntaxError(offset, message);
  }

  private skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.pos++;
      else break;
    }
  }

  private readValue(): unknown {
    const ch = this.text[this.pos];
    if (ch === '{') return this.readObject();
    if (ch === '[') return this.readArray();
    if (ch === '"') return this.readString();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.readNumber();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.fail(`expected a value, got ${describeAt(this.text, this.pos)}`);
  }

  private readObject(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const seen = new Set<string>();
    this.pos++; // '{'
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"')
        this.fail(`expected a property name in double quotes, got ${describeAt(this.text, this.pos)}`);
      const keyOffset = this.pos;
      const key = this.readString();
      if (seen.has(key)) this.fail(`duplicate key ${JSON.stringify(key)} in the same object`, keyOffset);
      seen.add(key);
      this.skipSpace();
      if (this.text[this.pos] !== ':')
        this.fail(`expected ':' after the property name, got ${describeAt(this.text, this.pos)}`);
      this.pos++;
      this.skipSpace();
      Object.defineProperty(result, key, {
        value: this.readValue(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === '}') {
        this.pos++;
        return result;
      }
      this.fail(`expected ',' or '}' after a property value, got ${describeAt(this.text, this.pos)}`);
    }
  }

  private readArray(): unknown[] {
    const result: unknown[] = [];
    this.pos++; // '['
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      result.push(this.readValue());
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === ']') {
        this.pos++;
        return result;
      }
      this.fail(`expected ',' or ']' after an array element, got ${describeAt(this.text, this.pos)}`);
    }
  }

  private readString(): string {
    const start = this.pos;
    STRING_BODY.lastIndex = start + 1;
    STRING_BODY.exec(this.text);
    const end = STRING_BODY.lastIndex;
    if (this.text[end] !== '"') {
      if (end >= this.text.length) this.fail('unterminated string', start);
      this.fail(`invalid character in string: ${JSON.stringify(this.text[end])} (escape it or close the string)`, end);
    }
    this.pos = end + 1;
    return JSON.parse(this.text.slice(start, end + 1)) as string;
  }

  private readNumber(): number {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m === null) return this.fail(`expected a number, got ${describeAt(this.text, this.pos)}`);
    this.pos += m[0].length;
    return Number(m[0]);
  }
}

/** Converts a character offset to a 1-based line and column. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parses JSON text strictly. Never throws: a syntax error or a duplicate key is returned with its line
 * and column. A leading byte-order mark is ignored.
 */
export function parseStrictJson(text: string): StrictJsonResult {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, value: new Reader(body).readDocument() };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const { line, column } = lineAndColumn(body, e.offset);
    return { ok: false, problem: { line, column, message: e.message } };
  }
}
