/**
 * 32-bit serial number arithmetic for CmdSN, StatSN, DataSN and R2TSN.
 * Spec: RFC 7143 4.2.2.1 ("compared using serial number arithmetic"), RFC 1982 3.1 and 3.2 with SERIAL_BITS = 32
 * (docs/iscsi.md 7.2).
 */

const HALF = 0x80000000;

/** `a + n` modulo 2**32. */
export function serialAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

/** `b - a` as a signed distance in (-2**31, 2**31]; positive when b is after a. */
export function serialDistance(a: number, b: number): number {
  return (b - a) | 0;
}

/** a < b in serial arithmetic (undefined for values exactly 2**31 apart: reported false). */
export function serialLt(a: number, b: number): boolean {
  const d = (b - a) >>> 0;
  return d !== 0 && d < HALF;
}

/** a <= b in serial arithmetic. */
export function serialLe(a: number, b: number): boolean {
  return a >>> 0 === b >>> 0 || serialLt(a, b);
}

/** a > b in serial arithmetic. */
export function serialGt(a: number, b: number): boolean {
  return serialLt(b, a);
}

/** Whether `sn` lies in the closed window [low, high]. */
export function serialInWindow(sn: number, low: number, high: number): boolean {
  return serialLe(low, sn) && serialLe(sn, high);
}
