/**
 * The sg version 3 request header, `struct sg_io_hdr`, as a pure codec: the layout is computed from the C
 * declaration's field list with the LP64 rules (natural alignment, 8-byte pointers; x86-64 and arm64 Linux), so
 * the 88-byte size and every offset follow from the header, not from numbers typed in by hand. The SG_IO ioctl
 * reads the request fields and writes the result fields of the same block.
 * Spec: Linux include/uapi/scsi/sg.h (struct sg_io_hdr, SG_IO 0x2285, SG_GET_VERSION_NUM 0x2282, SG_DXFER_*,
 * SG_INFO_*); the Linux SCSI generic HOWTO (sg v3 interface: interface_id 'S', resid, sb_len_wr, info);
 * System V AMD64 ABI 3.1.2 (scalar sizes and alignment); docs/sg.md section 2.
 */

/** ioctl request numbers of the sg driver (also served by ch and st nodes through the SCSI midlayer). */
export const SgIoctl = {
  /** Executes one command, blocking until it completes (sg v3). */
  SG_IO: 0x2285,
  /** Writes the driver version as an int (e.g. 30536 for 3.5.36); any SCSI node of a kernel with sg v3 answers it. */
  SG_GET_VERSION_NUM: 0x2282,
  /** Writes, as an int, how many scatter-gather elements one command may use (the queue's max segments). */
  SG_GET_SG_TABLESIZE: 0x227f,
  /** Writes, as an int, the largest transfer of one command in bytes (the request queue's max sectors). */
  BLKSECTGET: 0x1267,
} as const;

/** sg's default scatter_elem_sz (module parameter): bytes of one element of an indirect data buffer. */
export const SG_DEFAULT_SCATTER_ELEM_SZ = 32768;

/** dxfer_direction values. */
export const SgDxfer = {
  NONE: -1,
  TO_DEV: -2,
  FROM_DEV: -3,
} as const;

/** interface_id of the v3 interface: the character 'S'. */
export const SG_INTERFACE_ID = 0x53;

/** `info` bit: something other than GOOD happened (status, host or driver status); SG_INFO_CHECK. */
export const SG_INFO_CHECK = 0x1;

/** The C scalar kinds of the header, with their LP64 size (alignment equals size). */
const C_SIZES = { int: 4, uint: 4, uchar: 1, ushort: 2, pointer: 8 } as const;
type CKind = keyof typeof C_SIZES;

/** The fields of struct sg_io_hdr in declaration order, with their C kinds (include/uapi/scsi/sg.h). */
export const SG_IO_HDR_FIELDS = [
  ['interface_id', 'int'],
  ['dxfer_direction', 'int'],
  ['cmd_len', 'uchar'],
  ['mx_sb_len', 'uchar'],
  ['iovec_count', 'ushort'],
  ['dxfer_len', 'uint'],
  ['dxferp', 'pointer'],
  ['cmdp', 'pointer'],
  ['sbp', 'pointer'],
  ['timeout', 'uint'],
  ['flags', 'uint'],
  ['pack_id', 'int'],
  ['usr_ptr', 'pointer'],
  ['status', 'uchar'],
  ['masked_status', 'uchar'],
  ['msg_status', 'uchar'],
  ['sb_len_wr', 'uchar'],
  ['host_status', 'ushort'],
  ['driver_status', 'ushort'],
  ['resid', 'int'],
  ['duration', 'uint'],
  ['info', 'uint'],
] as const satisfies readonly (readonly [string, CKind])[];

/** A field name of struct sg_io_hdr. */
export type SgIoHdrField = (typeof SG_IO_HDR_FIELDS)[number][0];

/** A C struct layout: total size and the offset of each field. */
export interface StructLayout {
  readonly size: number;
  readonly offsets: Readonly<Record<SgIoHdrField, number>>;
}

/** Lays out the fields with natural alignment; the size is rounded up to the largest alignment (C rules). */
function layOut(): StructLayout {
  let offset = 0;
  let maxAlign = 1;
  const offsets = {} as Record<SgIoHdrField, number>;
  for (const [name, kind] of SG_IO_HDR_FIELDS) {
    const size = C_SIZES[kind];
    offset = Math.ceil(offset / size) * size;
    offsets[name] = offset;
    offset += size;
    maxAlign = Math.max(maxAlign, size);
  }
  return { size: Math.ceil(offset / maxAlign) * maxAlign, offsets };
}

/** The LP64 layout this codec reads and writes: 88 bytes. */
export const SG_IO_HDR_LAYOUT: StructLayout = layOut();

/** The kind of a field, for a binding that declares the same struct to its FFI. */
export function sgIoHdrFieldKind(field: SgIoHdrField): CKind {
  const entry = SG_IO_HDR_FIELDS.find(([name]) => name === field);
  if (!entry) throw new RangeError(`no field ${field} in struct sg_io_hdr`);
  return entry[1];
}

/** The request part of the header (pointers are filled in by the binding that owns the memory). */
export interface SgIoRequest {
  readonly dxferDirection: number;
  readonly cmdLen: number;
  readonly mxSbLen: number;
  readonly dxferLen: number;
  /** Milliseconds; 0xffffffff would mean no time-out, which this transport never asks for. */
  readonly timeoutMs: number;
  readonly flags?: number;
  readonly packId?: number;
  /** Addresses of the data, CDB and sense buffers (0 until a binding places them). */
  readonly dxferp?: bigint;
  readonly cmdp?: bigint;
  readonly sbp?: bigint;
}

/** The result part of the header, as SG_IO leaves it. */
export interface SgIoReply {
  readonly status: number;
  readonly maskedStatus: number;
  readonly msgStatus: number;
  readonly sbLenWr: number;
  readonly hostStatus: number;
  readonly driverStatus: number;
  readonly resid: number;
  readonly durationMs: number;
  readonly info: number;
}

const O = SG_IO_HDR_LAYOUT.offsets;

function checkField(value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw new RangeError(`sg_io_hdr ${what} must be 0 to ${max}, got ${value}`);
}

/** Encodes a request into a fresh zeroed header (result fields 0). Throws RangeError for out-of-range values. */
export function encodeSgIoHeader(r: SgIoRequest): Buffer {
  checkField(r.cmdLen, 0xff, 'cmd_len');
  checkField(r.mxSbLen, 0xff, 'mx_sb_len');
  checkField(r.dxferLen, 0xffffffff, 'dxfer_len');
  checkField(r.timeoutMs, 0xffffffff, 'timeout');
  const b = Buffer.alloc(SG_IO_HDR_LAYOUT.size);
  b.writeInt32LE(SG_INTERFACE_ID, O.interface_id);
  b.writeInt32LE(r.dxferDirection, O.dxfer_direction);
  b.writeUInt8(r.cmdLen, O.cmd_len);
  b.writeUInt8(r.mxSbLen, O.mx_sb_len);
  b.writeUInt32LE(r.dxferLen, O.dxfer_len);
  b.writeUInt32LE(r.timeoutMs, O.timeout);
  b.writeUInt32LE(r.flags ?? 0, O.flags);
  b.writeInt32LE(r.packId ?? 0, O.pack_id);
  setSgIoPointers(b, { dxferp: r.dxferp ?? 0n, cmdp: r.cmdp ?? 0n, sbp: r.sbp ?? 0n });
  return b;
}

/** Writes the three buffer addresses into an encoded header (what a binding does once it placed the memory). */
export function setSgIoPointers(header: Buffer, p: { dxferp: bigint; cmdp: bigint; sbp: bigint }): void {
  header.writeBigUInt64LE(p.dxferp, O.dxferp);
  header.writeBigUInt64LE(p.cmdp, O.cmdp);
  header.writeBigUInt64LE(p.sbp, O.sbp);
}

/** Reads the request fields back (a fake kernel and the tests use it). Throws RangeError for a short header. */
export function decodeSgIoRequest(b: Buffer): SgIoRequest & { readonly interfaceId: number } {
  if (b.length < SG_IO_HDR_LAYOUT.size)
    throw new RangeError(`sg_io_hdr is ${SG_IO_HDR_LAYOUT.size} bytes, got ${b.length}`);
  return {
    interfaceId: b.readInt32LE(O.interface_id),
    dxferDirection: b.readInt32LE(O.dxfer_direction),
    cmdLen: b.readUInt8(O.cmd_len),
    mxSbLen: b.readUInt8(O.mx_sb_len),
    dxferLen: b.readUInt32LE(O.dxfer_len),
    timeoutMs: b.readUInt32LE(O.timeout),
    flags: b.readUInt32LE(O.flags),
    packId: b.readInt32LE(O.pack_id),
    dxferp: b.readBigUInt64LE(O.dxferp),
    cmdp: b.readBigUInt64LE(O.cmdp),
    sbp: b.readBigUInt64LE(O.sbp),
  };
}

/** The result fields: the reply's property, the header field and its C kind (the one table both directions use). */
const REPLY_FIELDS = [
  ['status', 'status'],
  ['maskedStatus', 'masked_status'],
  ['msgStatus', 'msg_status'],
  ['sbLenWr', 'sb_len_wr'],
  ['hostStatus', 'host_status'],
  ['driverStatus', 'driver_status'],
  ['resid', 'resid'],
  ['durationMs', 'duration'],
  ['info', 'info'],
] as const satisfies readonly (readonly [keyof SgIoReply, SgIoHdrField])[];

function readField(b: Buffer, field: SgIoHdrField): number {
  const at = O[field];
  switch (sgIoHdrFieldKind(field)) {
    case 'uchar':
      return b.readUInt8(at);
    case 'ushort':
      return b.readUInt16LE(at);
    case 'int':
      return b.readInt32LE(at);
    default:
      return b.readUInt32LE(at);
  }
}

function writeField(b: Buffer, field: SgIoHdrField, value: number): void {
  const at = O[field];
  switch (sgIoHdrFieldKind(field)) {
    case 'uchar':
      b.writeUInt8(value, at);
      break;
    case 'ushort':
      b.writeUInt16LE(value, at);
      break;
    case 'int':
      b.writeInt32LE(value, at);
      break;
    default:
      b.writeUInt32LE(value, at);
  }
}

/** Reads the result fields SG_IO wrote. Throws RangeError for a short header. */
export function decodeSgIoReply(b: Buffer): SgIoReply {
  if (b.length < SG_IO_HDR_LAYOUT.size)
    throw new RangeError(`sg_io_hdr is ${SG_IO_HDR_LAYOUT.size} bytes, got ${b.length}`);
  return Object.fromEntries(REPLY_FIELDS.map(([name, field]) => [name, readField(b, field)])) as unknown as SgIoReply;
}

/** Writes result fields into a header (what the kernel does; the fake kernel and the tests use it). */
export function writeSgIoReply(b: Buffer, r: SgIoReply): void {
  for (const [name, field] of REPLY_FIELDS) writeField(b, field, r[name]);
}
