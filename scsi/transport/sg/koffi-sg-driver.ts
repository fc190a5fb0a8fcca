/**
 * The real SgDriver: stat, open and close through node:fs, the ioctls through koffi (libc's ioctl). SG_IO runs as
 * koffi's asynchronous call, on a libuv worker thread, so the event loop keeps serving while the kernel executes
 * the command; the header, CDB, data and sense live in memory koffi allocates for the call and are copied back
 * into the caller's buffers when it returns. libc's ioctl is variadic, which koffi cannot call asynchronously; it
 * is declared with its third argument fixed to a pointer, the same registers on x86-64 and arm64 Linux.
 * At load it checks that the platform's C layout of struct sg_io_hdr (computed by koffi from the C types) is the
 * one the codec writes, and refuses otherwise.
 * Spec: Linux include/uapi/scsi/sg.h; koffi 3 documentation ("Asynchronous calls", "Unmanaged memory", "POSIX error
 * codes", struct offsetof/sizeof); System V AMD64 ABI 3.2.3 (variadic calls); docs/sg.md section 2.
 */
import { closeSync, constants, openSync, readFileSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { endianness } from 'node:os';
import { SgSystemError, type SgDriver, type SgIoBuffers, type SgNodeStat } from './sg-driver.js';
import {
  SG_DEFAULT_SCATTER_ELEM_SZ,
  SG_IO_HDR_FIELDS,
  SG_IO_HDR_LAYOUT,
  SgIoctl,
  setSgIoPointers,
  type SgIoHdrField,
} from './sg-io-header.js';

/** koffi's API as this binding uses it (the package's own types are broader). */
interface Koffi {
  load(path: string): { func(signature: string): KoffiFunction };
  struct(fields: Record<string, string>): unknown;
  sizeof(type: unknown): number;
  offsetof(type: unknown, field: string): number;
  alloc(type: string, length: number): unknown;
  free(ptr: unknown): void;
  address(ptr: unknown): bigint;
  view(ptr: unknown, length: number): ArrayBuffer;
  errno(): number;
  readonly os: { readonly errno: Readonly<Record<string, number>> };
}
type KoffiFunction = ((...args: unknown[]) => number) & { async(...args: unknown[]): void };

/** The platform cannot run the sg transport (not Linux, no koffi binary, another struct layout). */
export class SgPlatformError extends Error {
  readonly code = 'ENOTSUP';
  constructor(message: string) {
    super(message);
    this.name = 'SgPlatformError';
  }
}

const C_TYPES = {
  int: 'int',
  uint: 'unsigned int',
  uchar: 'unsigned char',
  ushort: 'unsigned short',
  pointer: 'void *',
} as const;

/** Differences between the platform's struct sg_io_hdr (as koffi lays it out) and the codec's; empty when equal. */
export function layoutDifferences(koffi: Pick<Koffi, 'struct' | 'sizeof' | 'offsetof'>): string[] {
  const type = koffi.struct(Object.fromEntries(SG_IO_HDR_FIELDS.map(([name, kind]) => [name, C_TYPES[kind]])));
  const problems: string[] = [];
  const size = koffi.sizeof(type);
  if (size !== SG_IO_HDR_LAYOUT.size) problems.push(`size ${size} bytes instead of ${SG_IO_HDR_LAYOUT.size}`);
  for (const [name] of SG_IO_HDR_FIELDS) {
    const offset = koffi.offsetof(type, name);
    const expected = SG_IO_HDR_LAYOUT.offsets[name as SgIoHdrField];
    if (offset !== expected) problems.push(`${name} at offset ${offset} instead of ${expected}`);
  }
  return problems;
}

/** sg's scatter_elem_sz module parameter (bytes per element of an indirect buffer), or its default. */
function scatterElementSize(path = '/sys/module/sg/parameters/scatter_elem_sz'): number {
  try {
    const n = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : SG_DEFAULT_SCATTER_ELEM_SZ;
  } catch {
    return SG_DEFAULT_SCATTER_ELEM_SZ;
  }
}

/** Group names by gid from /etc/group. */
function groupName(gid: number, groupFile = '/etc/group'): string | undefined {
  try {
    for (const line of readFileSync(groupFile, 'utf8').split('\n')) {
      const [name, , id] = line.split(':');
      if (id !== undefined && Number(id) === gid && name) return name;
    }
  } catch {
    // no group database: the caller prints the gid
  }
  return undefined;
}

function nodeKind(s: Stats): SgNodeStat['kind'] {
  if (s.isCharacterDevice()) return 'char';
  if (s.isBlockDevice()) return 'block';
  if (s.isFile()) return 'file';
  if (s.isDirectory()) return 'directory';
  return 'other';
}

/** Linux's device number split (glibc gnu_dev_major/minor), for Node's numeric rdev. */
function splitDev(rdev: number): { major: number; minor: number } {
  const dev = BigInt(rdev);
  return {
    major: Number(((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn)),
    minor: Number((dev & 0xffn) | ((dev >> 12n) & ~0xffn)),
  };
}

/**
 * Loads koffi and libc and checks the platform. Throws SgPlatformError (code ENOTSUP) on anything but Linux with
 * the LP64 little-endian layout of struct sg_io_hdr, or when koffi has no binary for this machine.
 */
export function createKoffiSgDriver(): SgDriver {
  if (process.platform !== 'linux')
    throw new SgPlatformError(
      `the sg: transport needs Linux (SCSI generic nodes and the SG_IO ioctl); this is ${process.platform}. Windows SCSI pass-through (IOCTL_SCSI_PASS_THROUGH) is not supported`,
    );
  if (endianness() !== 'LE')
    throw new SgPlatformError('the sg: transport encodes struct sg_io_hdr little-endian; this machine is big-endian');
  let koffi: Koffi;
  try {
    koffi = createRequire(import.meta.url)('koffi') as Koffi;
  } catch (e) {
    throw new SgPlatformError(
      `the sg: transport needs the koffi package with a binary for ${process.platform}-${process.arch}: ${(e as Error).message}`,
    );
  }
  const differences = layoutDifferences(koffi);
  if (differences.length > 0) {
    throw new SgPlatformError(
      `struct sg_io_hdr on ${process.platform}-${process.arch} differs from the ${SG_IO_HDR_LAYOUT.size}-byte LP64 layout the sg: transport encodes (${differences.join('; ')}); refusing rather than sending garbled commands`,
    );
  }
  const libc = koffi.load('libc.so.6');
  const ioctl = libc.func('int ioctl(int fd, unsigned long request, void *arg)');
  const errnoName = (n: number): string => Object.entries(koffi.os.errno).find(([, v]) => v === n)?.[0] ?? `errno ${n}`;

  /** Unmanaged memory holding a copy of `source` (or `length` zero bytes). */
  const place = (length: number, source?: Buffer): { ptr: unknown; bytes: Uint8Array; address: bigint } => {
    const ptr = koffi.alloc('uint8_t', Math.max(1, length));
    const bytes = new Uint8Array(koffi.view(ptr, Math.max(1, length)));
    if (source) bytes.set(source);
    else bytes.fill(0);
    return { ptr, bytes, address: length === 0 ? 0n : koffi.address(ptr) };
  };

  /** An ioctl that writes one int. */
  const intIoctl = (fd: number, request: number, name: string): number => {
    const out = place(4);
    try {
      if (ioctl(fd, request, out.ptr) < 0) throw new SgSystemError(errnoName(koffi.errno()), `ioctl ${name}`);
      return Buffer.from(out.bytes.subarray(0, 4)).readInt32LE(0);
    } finally {
      koffi.free(out.ptr);
    }
  };

  return {
    stat(path) {
      const s = statSync(path);
      return { kind: nodeKind(s), ...splitDev(s.rdev), mode: s.mode & 0o7777, uid: s.uid, gid: s.gid };
    },
    open: (path) => openSync(path, constants.O_RDWR | constants.O_NONBLOCK),
    close: (fd) => closeSync(fd),
    versionNum: (fd) => intIoctl(fd, SgIoctl.SG_GET_VERSION_NUM, 'SG_GET_VERSION_NUM'),
    maxTransferLength(fd) {
      try {
        const elements = intIoctl(fd, SgIoctl.SG_GET_SG_TABLESIZE, 'SG_GET_SG_TABLESIZE');
        const queue = intIoctl(fd, SgIoctl.BLKSECTGET, 'BLKSECTGET');
        const limits = [elements > 0 ? elements * scatterElementSize() : Infinity, queue > 0 ? queue : Infinity];
        const max = Math.min(...limits);
        return Number.isFinite(max) ? max : undefined;
      } catch {
        return undefined;
      }
    },
    sgIo(fd, header, buffers: SgIoBuffers) {
      const data = buffers.data;
      const hdr = place(header.length, header);
      const cdb = place(buffers.cdb.length, buffers.cdb);
      const sense = place(buffers.sense.length);
      const dataMem = place(data?.length ?? 0, data);
      const live = Buffer.from(hdr.bytes.buffer, hdr.bytes.byteOffset, header.length);
      setSgIoPointers(live, { dxferp: dataMem.address, cmdp: cdb.address, sbp: sense.address });
      const release = () => [hdr, cdb, sense, dataMem].forEach((m) => koffi.free(m.ptr));
      return new Promise<void>((resolve, reject) => {
        try {
          ioctl.async(fd, SgIoctl.SG_IO, hdr.ptr, (err: unknown, rc: number) => {
            try {
              if (err) return reject(err instanceof Error ? err : new Error(String(err)));
              if (rc < 0) return reject(new SgSystemError(errnoName(koffi.errno()), 'ioctl SG_IO'));
              header.set(hdr.bytes.subarray(0, header.length));
              buffers.sense.set(sense.bytes.subarray(0, buffers.sense.length));
              if (data) data.set(dataMem.bytes.subarray(0, data.length));
              resolve();
            } finally {
              release();
            }
          });
        } catch (e) {
          release();
          reject(e);
        }
      });
    },
    groupName: (gid) => groupName(gid),
    effectiveUid: () => process.geteuid?.() ?? -1,
  };
}
