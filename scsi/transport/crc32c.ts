/**
 * CRC32C (Castagnoli), shared by the transports: the iSCSI header and data digest and the serial framing's frame
 * check. Reflected polynomial 82F63B78h, initial value and final XOR FFFFFFFFh; iSCSI sends the digest least
 * significant byte first.
 * Spec: RFC 7143 13.1 (HeaderDigest and DataDigest), RFC 3720 appendix B.4 (test vectors); docs/iscsi.md 7.1,
 * docs/serial-framing.md section 3.4.
 *
 * Slicing-by-8 over eight 256-entry tables, built once at load time and never written afterwards.
 */

const POLYNOMIAL = 0x82f63b78;

function buildTables(): readonly Int32Array[] {
  const tables: Int32Array[] = [];
  const first = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLYNOMIAL : c >>> 1;
    first[n] = c;
  }
  tables.push(first);
  for (let t = 1; t < 8; t++) {
    const prev = tables[t - 1] as Int32Array;
    const next = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      const p = prev[n] as number;
      next[n] = (p >>> 8) ^ (first[p & 0xff] as number);
    }
    tables.push(next);
  }
  return Object.freeze(tables);
}

const TABLES = buildTables();
const [T0, T1, T2, T3, T4, T5, T6, T7] = TABLES as [
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
];

/**
 * Continues a CRC32C over `data`. `crc` is the running value as returned by a previous call (start with 0); the
 * result is the finished CRC of everything fed so far, as an unsigned 32-bit number.
 */
export function crc32cUpdate(crc: number, data: Uint8Array): number {
  let c = ~crc;
  let i = 0;
  const n = data.length;
  const end8 = n - (n % 8);
  while (i < end8) {
    const lo =
      c ^
      ((data[i] as number) |
        ((data[i + 1] as number) << 8) |
        ((data[i + 2] as number) << 16) |
        ((data[i + 3] as number) << 24));
    c =
      (T7[lo & 0xff] as number) ^
      (T6[(lo >>> 8) & 0xff] as number) ^
      (T5[(lo >>> 16) & 0xff] as number) ^
      (T4[lo >>> 24] as number) ^
      (T3[data[i + 4] as number] as number) ^
      (T2[data[i + 5] as number] as number) ^
      (T1[data[i + 6] as number] as number) ^
      (T0[data[i + 7] as number] as number);
    i += 8;
  }
  while (i < n) {
    c = (T0[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
    i++;
  }
  return ~c >>> 0;
}

/** CRC32C of `data`, as an unsigned 32-bit number (0x8A9136AA for 32 zero bytes). */
export function crc32c(data: Uint8Array): number {
  return crc32cUpdate(0, data);
}

/** The 4 digest bytes as they travel on the wire (least significant byte first, RFC 3720 B.4, docs/iscsi.md 7.1). */
export function digestBytes(crc: number): Buffer {
  const out = Buffer.allocUnsafe(4);
  out.writeUInt32LE(crc >>> 0, 0);
  return out;
}
