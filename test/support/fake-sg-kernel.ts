/**
 * A fake Linux kernel for the sg transport's tests: an SgDriver whose nodes are SCSI generic devices backed by an
 * in-process ScsiTargetBackend (the simulator). It reads the encoded sg_io_hdr the transport hands it (interface
 * id, direction, lengths, time-out) and writes the result fields as the sg driver does (status, sense with
 * DRIVER_SENSE, resid, host_status DID_TIME_OUT when its own clock passes the header's time-out). Each node is its
 * own I_T nexus at the target (one HBA path each). remove() makes a node vanish: commands in flight and later ones
 * fail with ENODEV, opens with ENOENT, and the target forgets the nexus. `interpose` lets a test answer a command
 * itself (a host or driver status, an errno, a command that never returns).
 * Spec: Linux SCSI generic HOWTO (sg v3 semantics); scsi/transport/sg/sg-driver.ts (the interface it implements).
 */
import type { Clock } from '../../common/clock/clock.js';
import { encodeStandardInquiry, ScsiStatus } from '../../scsi/codec/index.js';
import type { ScsiTargetBackend } from '../../scsi/transport/scsi-target-backend.js';
import {
  decodeSgIoRequest,
  DRIVER_SENSE,
  SG_INTERFACE_ID,
  SgDxfer,
  SgSystemError,
  writeSgIoReply,
  ScsiCharMajor,
  type SgDriver,
  type SgIoBuffers,
  type SgIoReply,
  type SgNodeStat,
} from '../../scsi/transport/sg/index.js';

/** What a test may answer for one command instead of the target: reply fields, an errno, or no answer at all. */
export type Interposed = { readonly reply: Partial<SgIoReply> } | { readonly errno: string } | 'hang' | undefined;

/** One command as the fake kernel saw it. */
export interface SeenCommand {
  readonly path: string;
  readonly cdb: Buffer;
  readonly dxferDirection: number;
  readonly dxferLen: number;
  readonly timeoutMs: number;
}

/** A device node of the fake kernel. */
export interface FakeNode {
  readonly stat: SgNodeStat;
  readonly backend?: ScsiTargetBackend | undefined;
  readonly lun?: number | undefined;
  /** errno that open() fails with (EACCES to model a node the user may not open). */
  openErrno?: string | undefined;
  /** What SG_GET_VERSION_NUM answers (default 30536); a string is an errno. */
  version?: number | string | undefined;
  /**
   * The largest data buffer the node's sg driver builds (FAKE_MAX_TRANSFER is QEMU's virtio-scsi figure, 254 x
   * 32 KiB); a larger dxfer_len fails with ENOMEM, as sg's indirect buffer does. Default: no limit, none said.
   */
  maxTransfer?: number | undefined;
}

interface Open {
  readonly path: string;
  readonly node: FakeNode;
}

/** SCSI_SENSE_BUFFERSIZE of include/scsi/scsi_cmnd.h: the most sense SG_IO ever writes (sb_len_wr). */
export const KERNEL_SENSE_BUFFER_SIZE = 96;

/** The data buffer limit of a fake sg node: 254 scatter elements of 32 KiB. */
export const FAKE_MAX_TRANSFER = 254 * 32 * 1024;

/** A fake kernel with SCSI generic nodes. */
export class FakeSgKernel implements SgDriver {
  private readonly nodes = new Map<string, FakeNode>();
  private readonly fds = new Map<number, Open>();
  private readonly removed = new Set<FakeNode>();
  private readonly inFlight = new Map<FakeNode, Set<(errno: string) => void>>();
  private nextFd = 100;
  /** Every SG_IO, in order. */
  readonly seen: SeenCommand[] = [];
  /** Descriptors closed so far. */
  readonly closed: number[] = [];
  /** Answers a command instead of the target when it returns something. */
  interpose: (command: SeenCommand) => Interposed = () => undefined;
  euid = 1000;
  readonly groups = new Map<number, string>([
    [0, 'root'],
    [6, 'disk'],
    [26, 'tape'],
  ]);

  /** @param clock the clock on which the kernel's per-command time-outs run (the simulator's). */
  constructor(private readonly clock?: Clock) {}

  /** Adds an sg node (char 21:minor) served by `backend`. */
  addSgNode(
    path: string,
    backend: ScsiTargetBackend,
    options: Partial<FakeNode> & { minor?: number; lun?: number } = {},
  ): FakeNode {
    const node: FakeNode = {
      stat: {
        kind: 'char',
        major: ScsiCharMajor.SG,
        minor: options.minor ?? this.nodes.size,
        mode: 0o660,
        uid: 0,
        gid: 6,
      },
      backend,
      lun: options.lun ?? 0,
      ...options,
    };
    this.nodes.set(path, node);
    return node;
  }

  /** Adds any other path (a file, another driver's device). */
  addPath(path: string, stat: SgNodeStat, options: Partial<FakeNode> = {}): FakeNode {
    const node: FakeNode = { stat, ...options };
    this.nodes.set(path, node);
    return node;
  }

  /** The device vanishes (hot unplug): in-flight and later commands get ENODEV; the target forgets the nexus. */
  remove(path: string): void {
    const node = this.nodes.get(path);
    if (!node) return;
    this.nodes.delete(path);
    this.removed.add(node);
    for (const fail of this.inFlight.get(node) ?? []) fail('ENODEV');
    this.inFlight.delete(node);
    node.backend?.nexusLost(this.nexusOf(path));
  }

  /** The I_T nexus id a node presents to its target. */
  nexusOf(path: string): string {
    return `sg-hba:${path}`;
  }

  /** Descriptors still open. */
  get openFds(): number[] {
    return [...this.fds.keys()];
  }

  stat(path: string): SgNodeStat {
    const node = this.nodes.get(path);
    if (!node) throw new SgSystemError('ENOENT', 'stat', path);
    return node.stat;
  }

  open(path: string): number {
    const node = this.nodes.get(path);
    if (!node) throw new SgSystemError('ENOENT', 'open', path);
    if (node.openErrno) throw new SgSystemError(node.openErrno, 'open', path);
    const fd = this.nextFd++;
    this.fds.set(fd, { path, node });
    return fd;
  }

  close(fd: number): void {
    if (!this.fds.delete(fd)) throw new SgSystemError('EBADF', 'close');
    this.closed.push(fd);
  }

  versionNum(fd: number): number {
    const o = this.fds.get(fd);
    if (!o) throw new SgSystemError('EBADF', 'ioctl SG_GET_VERSION_NUM');
    const v = o.node.version ?? 30536;
    if (typeof v === 'string') throw new SgSystemError(v, 'ioctl SG_GET_VERSION_NUM');
    return v;
  }

  /**
   * The data buffer limit of the node behind `fd` (FakeNode.maxTransfer). The kernel does not report it through
   * SgDriver.maxTransferLength unless a subclass does (ReportingSgKernel), so a node can also hide its limit.
   */
  nodeLimit(fd: number): number | undefined {
    return this.fds.get(fd)?.node.maxTransfer;
  }

  groupName(gid: number): string | undefined {
    return this.groups.get(gid);
  }

  effectiveUid(): number {
    return this.euid;
  }

  async sgIo(fd: number, header: Buffer, buffers: SgIoBuffers): Promise<void> {
    const o = this.fds.get(fd);
    if (!o) throw new SgSystemError('EBADF', 'ioctl SG_IO');
    if (this.removed.has(o.node)) throw new SgSystemError('ENODEV', 'ioctl SG_IO');
    const r = decodeSgIoRequest(header);
    if (r.interfaceId !== SG_INTERFACE_ID) throw new SgSystemError('ENOSYS', 'ioctl SG_IO', 'interface_id is not S');
    if (r.cmdLen !== buffers.cdb.length || r.cmdLen < 6 || r.cmdLen > 16)
      throw new SgSystemError('EMSGSIZE', 'ioctl SG_IO', `cmd_len ${r.cmdLen}`);
    if (r.dxferLen !== (buffers.data?.length ?? 0))
      throw new SgSystemError('EINVAL', 'ioctl SG_IO', 'dxfer_len differs from the buffer');
    if (
      r.dxferDirection === SgDxfer.NONE
        ? r.dxferLen !== 0
        : ![SgDxfer.TO_DEV, SgDxfer.FROM_DEV].includes(r.dxferDirection as -2 | -3)
    ) {
      throw new SgSystemError(
        'EINVAL',
        'ioctl SG_IO',
        `dxfer_direction ${r.dxferDirection} with dxfer_len ${r.dxferLen}`,
      );
    }
    if (o.node.maxTransfer !== undefined && r.dxferLen > o.node.maxTransfer)
      throw new SgSystemError('ENOMEM', 'ioctl SG_IO', `dxfer_len ${r.dxferLen} above ${o.node.maxTransfer}`);
    const seen: SeenCommand = {
      path: o.path,
      cdb: Buffer.from(buffers.cdb),
      dxferDirection: r.dxferDirection,
      dxferLen: r.dxferLen,
      timeoutMs: r.timeoutMs,
    };
    this.seen.push(seen);
    const answer = await this.answer(o, r, seen, buffers);
    writeSgIoReply(header, answer);
  }

  private blank(): SgIoReply {
    return {
      status: 0,
      maskedStatus: 0,
      msgStatus: 0,
      sbLenWr: 0,
      hostStatus: 0,
      driverStatus: 0,
      resid: 0,
      durationMs: 0,
      info: 0,
    };
  }

  /** Runs the command on the target (or the interposed answer), racing removal and the header's time-out. */
  private answer(
    o: Open,
    r: ReturnType<typeof decodeSgIoRequest>,
    seen: SeenCommand,
    buffers: SgIoBuffers,
  ): Promise<SgIoReply> {
    return new Promise<SgIoReply>((resolve, reject) => {
      let done = false;
      const finish = (fn: () => void) => {
        if (done) return;
        done = true;
        this.inFlight.get(o.node)?.delete(gone);
        timer?.cancel();
        fn();
      };
      const gone = (errno: string) => finish(() => reject(new SgSystemError(errno, 'ioctl SG_IO')));
      if (!this.inFlight.has(o.node)) this.inFlight.set(o.node, new Set());
      this.inFlight.get(o.node)?.add(gone);
      const timer = this.clock?.setTimer(r.timeoutMs, () =>
        finish(() =>
          resolve({ ...this.blank(), hostStatus: 0x03, resid: r.dxferLen, durationMs: r.timeoutMs, info: 1 }),
        ),
      );
      const interposed = this.interpose(seen);
      if (interposed === 'hang') return;
      if (interposed && 'errno' in interposed) return gone(interposed.errno);
      if (interposed)
        return finish(() => resolve({ ...this.blank(), resid: r.dxferLen, info: 1, ...interposed.reply }));
      const backend = o.node.backend;
      if (!backend) return gone('ENXIO');
      const dataOut = r.dxferDirection === SgDxfer.TO_DEV ? buffers.data : undefined;
      backend.execute(this.nexusOf(o.path), o.node.lun ?? 0, buffers.cdb, dataOut).then(
        (res) =>
          finish(() => {
            let transferred = 0;
            if (r.dxferDirection === SgDxfer.FROM_DEV && buffers.data) {
              transferred = Math.min(res.dataIn.length, buffers.data.length);
              res.dataIn.copy(buffers.data, 0, 0, transferred);
            }
            if (r.dxferDirection === SgDxfer.TO_DEV) transferred = r.dxferLen;
            // the midlayer keeps at most SCSI_SENSE_BUFFERSIZE (96) bytes of sense, whatever mx_sb_len allows
            const sbLenWr = res.sense
              ? Math.min(res.sense.length, r.mxSbLen, buffers.sense.length, KERNEL_SENSE_BUFFER_SIZE)
              : 0;
            if (res.sense) res.sense.copy(buffers.sense, 0, 0, sbLenWr);
            resolve({
              ...this.blank(),
              status: res.status,
              maskedStatus: (res.status >> 1) & 0x7f,
              sbLenWr,
              driverStatus: sbLenWr > 0 ? DRIVER_SENSE : 0,
              resid: r.dxferLen - transferred,
              info: res.status === 0 ? 0 : 1,
            });
          }),
        (e: unknown) => finish(() => reject(e)),
      );
    });
  }
}

/** A fake kernel that reports each node's limit through SgDriver.maxTransferLength, as sg nodes do. */
export class ReportingSgKernel extends FakeSgKernel {
  maxTransferLength(fd: number): number | undefined {
    return this.nodeLimit(fd);
  }
}

/** A logical unit that answers INQUIRY as a device of `deviceType` (01h: a tape drive) and GOOD to the rest. */
export function deviceOfType(deviceType: number, product: string, qualifier = 0): ScsiTargetBackend {
  const inquiry = encodeStandardInquiry({
    peripheralQualifier: qualifier,
    deviceType,
    rmb: true,
    version: 6,
    normaca: false,
    hisup: false,
    responseDataFormat: 2,
    sccs: false,
    protect: false,
    encserv: false,
    multip: false,
    mchngr: false,
    cmdque: false,
    vendor: 'IBM',
    product,
    revision: 'Q3A4',
    versionDescriptors: [],
  });
  return {
    execute: async (_n, _l, cdb) => ({
      status: ScsiStatus.GOOD,
      dataIn: cdb[0] === 0x12 ? inquiry.subarray(0, cdb[4]) : Buffer.alloc(0),
    }),
    luns: () => [0],
    taskManagement: () => undefined,
    nexusLost: () => undefined,
  };
}
