/**
 * XML escaping for the JUnit file: the five predefined entities, and characters XML 1.0 forbids (C0 controls other
 * than tab, newline and carriage return; lone surrogates) replaced by U+FFFD. Spec: XML 1.0 section 2.2 (Char),
 * 2.4 (character data), 3.3.3 (attribute values).
 */

const FORBIDDEN =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text escaped for element content or a double-quoted attribute value. */
export function xmlText(s: string): string {
  return s
    .replace(FORBIDDEN, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An attribute value; newlines kept as character references so readers keep them. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
