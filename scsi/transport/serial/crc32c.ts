/**
 * CRC-32C (Castagnoli): the frame check of the serial framing.
 * Spec: docs/serial-framing.md section 3.4 (parameters: reflected polynomial 82F63B78h, initial value and final
 * XOR FFFFFFFFh; check value of "123456789" is E3069283h).
 */

/** Parameters of the CRC, as the framing spec states them. */
export const Crc32cParameters = {
  /** The Castagnoli polynomial 1EDC6F41h, bit-reversed for the LSB-first table algorithm. */
  REFLECTED_POLYNOMIAL: 0x82f63b78,
  INITIAL: 0xffffffff,
  FINAL_XOR: 0xffffffff,
  /** CRC-32C of the ASCII bytes "123456789". */
  CHECK: 0xe3069283,
} as const;

function buildTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ Crc32cParameters.REFLECTED_POLYNOMIAL : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** Read-only lookup table, computed once; nothing writes to it after this line. */
const TABLE: Readonly<Uint32Array> = buildTable();

/**
 * CRC-32C of `bytes`. Pass the CRC of the preceding bytes as `previous` to continue a computation:
 * `crc32c(b, crc32c(a))` equals `crc32c(a ‖ b)`.
 */
export function crc32c(bytes: Uint8Array, previous = 0): number {
  let c = (previous ^ Crc32cParameters.FINAL_XOR) >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    c = (TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  }
  return (c ^ Crc32cParameters.FINAL_XOR) >>> 0;
}
