/**
 * CRC-32C (Castagnoli): the frame check of the serial framing.
 * Spec: docs/serial-framing.md section 3.4 (parameters: reflected polynomial 82F63B78h, initial value and final
 * XOR FFFFFFFFh; check value of "123456789" is E3069283h).
 */

import { crc32cUpdate } from '../crc32c.js';

/** Parameters of the CRC, as the framing spec states them. */
export const Crc32cParameters = {
  /** The Castagnoli polynomial 1EDC6F41h, bit-reversed for the LSB-first table algorithm. */
  REFLECTED_POLYNOMIAL: 0x82f63b78,
  INITIAL: 0xffffffff,
  FINAL_XOR: 0xffffffff,
  /** CRC-32C of the ASCII bytes "123456789". */
  CHECK: 0xe3069283,
} as const;

/**
 * CRC-32C of `bytes`. Pass the CRC of the preceding bytes as `previous` to continue a computation:
 * `crc32c(b, crc32c(a))` equals `crc32c(a ‖ b)`. The table code is shared with iSCSI (../crc32c.ts).
 */
export function crc32c(bytes: Uint8Array, previous = 0): number {
  return crc32cUpdate(previous, bytes);
}
