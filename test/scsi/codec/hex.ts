/** Test helper: bytes from a hex string written with spaces and line breaks as in a spec table. */
export function hex(s: string): Buffer {
  const clean = s.replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) throw new Error(`bad hex vector: ${s}`);
  return Buffer.from(clean, 'hex');
}

/** The bytes as lowercase hex without spaces, for readable chai diffs. */
export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** `n` zero bytes as hex, for writing vectors with long reserved or empty runs. */
export function z(n: number): string {
  return '00 '.repeat(n);
}

/** The ASCII bytes of `s` as hex, for writing text fields of a vector. */
export function a(s: string): string {
  return Buffer.from(s, 'latin1').toString('hex');
}
