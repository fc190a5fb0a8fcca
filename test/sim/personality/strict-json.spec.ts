/**
 * The strict JSON reader agrees with JSON.parse on valid text and names the line and column of the first
 * syntax error or duplicate key (RFC 8259, docs/lab-view.md 11.2).
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { lineAndColumn, parseStrictJson } from '../../../sim/personality/strict-json.js';

function problemOf(text: string): string {
  const r = parseStrictJson(text);
  if (r.ok) throw new Error(`expected a syntax problem in ${JSON.stringify(text)}`);
  return `${r.problem.line}:${r.problem.column}: ${r.problem.message}`;
}

describe('sim/personality strict-json', () => {
  it('reads what JSON.parse reads, for any JSON value and indentation', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const r = parseStrictJson(text);
        expect(r.ok).to.equal(true);
        if (r.ok) expect(r.value).to.deep.equal(JSON.parse(text));
      }),
    );
  });

  it('keeps "__proto__" as an ordinary key', () => {
    const r = parseStrictJson('{"__proto__": {"x": 1}}');
    expect(r.ok).to.equal(true);
    if (r.ok) {
      expect(Object.keys(r.value as object)).to.deep.equal(['__proto__']);
      expect(Object.getPrototypeOf(r.value)).to.equal(Object.prototype);
    }
  });

  it('ignores a byte-order mark', () => {
    const r = parseStrictJson('\uFEFF{"a": 1}');
    expect(r).to.deep.equal({ ok: true, value: { a: 1 } });
  });

  it('names line and column of syntax errors', () => {
    expect(problemOf('{\n  "a": 1\n  "b": 2\n}')).to.equal(
      `3:3: expected ',' or '}' after a property value, got "\\""`,
    );
    expect(problemOf('{"a": [1, 2,]}')).to.equal('1:13: expected a value, got "]"');
    expect(problemOf('{"a": 1,}')).to.equal(`1:9: expected a property name in double quotes, got "}"`);
    expect(problemOf("{'a': 1}")).to.equal(`1:2: expected a property name in double quotes, got "'"`);
    expect(problemOf('{"a" 1}')).to.equal(`1:6: expected ':' after the property name, got "1"`);
    expect(problemOf('[1 2]')).to.equal(`1:4: expected ',' or ']' after an array element, got "2"`);
    expect(problemOf('{"a": 01}')).to.equal(`1:8: expected ',' or '}' after a property value, got "1"`);
    expect(problemOf('{"a": tru}')).to.equal('1:7: expected a value, got "t"');
    expect(problemOf('{"a": "x')).to.equal('1:7: unterminated string');
    expect(problemOf('{"a": "x\ny"}')).to.equal(
      '1:9: invalid character in string: "\\n" (escape it or close the string)',
    );
    expect(problemOf('{"a": 1} x')).to.equal('1:10: expected the end of the file after the top-level value, got "x"');
    expect(problemOf('')).to.equal('1:1: expected a value, got the end of the file');
    expect(problemOf('{"a": \n')).to.equal('2:1: expected a value, got the end of the file');
  });

  it('rejects duplicate keys at the position of the second one', () => {
    expect(problemOf('{\n  "a": 1,\n  "b": {"c": 1, "c": 2}\n}')).to.equal(
      '3:17: duplicate key "c" in the same object',
    );
  });

  it('converts offsets to 1-based lines and columns', () => {
    expect(lineAndColumn('ab\ncd', 0)).to.deep.equal({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).to.deep.equal({ line: 2, column: 2 });
  });
});
