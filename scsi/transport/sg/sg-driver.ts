/**
 * The operating-system calls the sg transport makes, behind one interface so that the transport runs without a
 * kernel in tests: stat and open of the node, the SG_GET_VERSION_NUM and SG_IO ioctls, close. The koffi binding
 * (koffi-sg-driver.ts) is the real implementation; a fake kernel backed by a simulator is another.
 * Spec: Linux SCSI generic HOWTO (open flags, SG_IO blocking semantics, SG_GET_VERSION_NUM); POSIX open(2),
 * fstat(2), ioctl(2) errno values; docs/sg.md section 2.
 */

/** What stat(2) says about a path. */
export interface SgNodeStat {
  readonly kind: 'char' | 'block' | 'file' | 'directory' | 'other';
  /** Device number parts (0 unless a device node). */
  readonly major: number;
  readonly minor: number;
  /** Permission bits (mode & 0o7777). */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

/** The memory one SG_IO uses, owned by the caller; the driver copies results back into `data` and `sense`. */
export interface SgIoBuffers {
  readonly cdb: Buffer;
  /** Data-out (TO_DEV) or room for data-in (FROM_DEV); absent with no transfer. */
  readonly data?: Buffer | undefined;
  readonly sense: Buffer;
}

/**
 * The system calls of the sg transport. Every method that fails throws (or rejects with) an Error whose `code` is
 * the errno name (ENOENT, EACCES, ENODEV, ENXIO, ENOTTY...).
 */
export interface SgDriver {
  /** stat(2) of the path (follows symbolic links). */
  stat(path: string): SgNodeStat;
  /** open(2) with O_RDWR | O_NONBLOCK; returns the file descriptor. */
  open(path: string): number;
  /** ioctl(fd, SG_GET_VERSION_NUM): the sg driver version (e.g. 30536). */
  versionNum(fd: number): number;
  /**
   * ioctl(fd, SG_IO, header) off the event loop: `header` is an encoded sg_io_hdr whose pointer fields the driver
   * fills with the addresses of `buffers`; it resolves once the kernel wrote the result fields into `header`.
   */
  sgIo(fd: number, header: Buffer, buffers: SgIoBuffers): Promise<void>;
  /**
   * The most data one SG_IO can move on this node, in bytes, or undefined when unknown. sg copies through a
   * buffer of at most SG_GET_SG_TABLESIZE elements of scatter_elem_sz bytes (/sys/module/sg/parameters), and the
   * request queue caps a command at BLKSECTGET bytes; a larger dxfer_len fails with ENOMEM (or EINVAL).
   */
  maxTransferLength?(fd: number): number | undefined;
  /** close(2). */
  close(fd: number): void;
  /** Name of a group id (from the group database), if known. */
  groupName(gid: number): string | undefined;
  /** The process's effective user id. */
  effectiveUid(): number;
}

/** An error of a system call, with its errno name as `code` (like Node's own system errors). */
export class SgSystemError extends Error {
  constructor(
    readonly code: string,
    readonly syscall: string,
    detail?: string,
  ) {
    super(`${syscall}: ${code}${detail ? ` (${detail})` : ''}`);
    this.name = 'SgSystemError';
  }
}

/** The errno name of a thrown value, if it has one. */
export function errnoOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Character device majors of SCSI nodes that accept SG_IO (Documentation/admin-guide/devices.txt); only sg and ch nodes are opened. */
export const ScsiCharMajor = {
  SG: 21,
  CH: 86,
  ST: 9,
} as const;
