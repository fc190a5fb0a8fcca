/**
 * Opening `sg:/dev/sgN` with a clear refusal for each way it can be wrong: the platform (sg_io_hdr layout), a
 * path that does not exist, one that is not a SCSI generic node (a character device of the sg or ch major
 * that answers SG_GET_VERSION_NUM with a v3 driver; st nodes are refused unopened), no permission (which user and group may open it, or that
 * root is needed), and a device that is not a medium changer (INQUIRY peripheral device type, with the changer's
 * node when sysfs shows one).
 * Spec: Linux SCSI generic HOWTO (sg version numbers, v3 from 30000); Documentation/admin-guide/devices.txt
 * (char majors 21 sg, 86 ch, 9 st); SPC-4 6.6.2 (standard INQUIRY data: peripheral qualifier, device type;
 * docs/scsi-model.md 8);
 * docs/sg.md sections 1 and 6.
 */
import type { Clock } from '../../../common/clock/clock.js';
import { decodeStandardInquiry, encodeInquiryCdb, ScsiStatus } from '../../codec/index.js';
import { TransportError } from '../scsi-transport.js';
import { errnoOf, ScsiCharMajor, type SgDriver, type SgNodeStat } from './sg-driver.js';
import { SgTransport } from './sg-transport.js';
import { parseSgUrl, type SgUrl } from './sg-url.js';
import {
  listScsiDevices,
  MEDIUM_CHANGER_TYPE,
  peripheralTypeName,
  type ScsiDeviceEntry,
  type SysfsRoots,
} from './sysfs-devices.js';

/** An sg: target that cannot be used; `code` names why (ENOENT, ENOTSG, EACCES, ENOTCHANGER, ENOTSUP...). */
export class SgOpenError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'SgOpenError';
  }
}

/** Options of {@link openSgTransport}. */
export interface OpenSgOptions {
  /** The system calls (the koffi binding when absent: createKoffiSgDriver, loaded by the caller). */
  readonly driver: SgDriver;
  /** Where to look for the changer's node when the device is something else. */
  readonly sysfs?: SysfsRoots | undefined;
  readonly clock?: Clock | undefined;
  /** Skip the INQUIRY device type check (a tool that reads any SCSI device). Default false. */
  readonly anyDeviceType?: boolean | undefined;
}

/** The sg driver's first version with the v3 interface (SG_IO). */
export const SG_V3_VERSION = 30000;

const KIND_NAMES: Record<SgNodeStat['kind'], string> = {
  char: 'a character device',
  block: 'a block device',
  file: 'a regular file',
  directory: 'a directory',
  other: 'not a device node',
};

function modeString(mode: number): string {
  const bits = 'rwxrwxrwx';
  return 'c' + [...bits].map((c, i) => (mode & (1 << (8 - i)) ? c : '-')).join('');
}

/** Who may open the node: the one sentence of a permission refusal. */
function permissionAdvice(path: string, s: SgNodeStat, driver: SgDriver): string {
  const group = driver.groupName(s.gid) ?? `gid ${s.gid}`;
  const owner = s.uid === 0 ? 'root' : `uid ${s.uid}`;
  const groupRw = (s.mode & 0o060) === 0o060;
  const otherRw = (s.mode & 0o006) === 0o006;
  const who = `${path} is ${modeString(s.mode)} ${owner}:${group}`;
  if (otherRw)
    return `${who}; it should be open to everyone, so something else (a security module, a read-only mount) refuses`;
  if (groupRw)
    return `${who}: add your user to group "${group}" (usermod -aG ${group} $USER, then log in again), run as root, or give the node another group with a udev rule (docs/sg.md)`;
  return `${who}: only ${owner} may open it for reading and writing; run as root, or give it a group with a udev rule (docs/sg.md)`;
}

/** The changers sysfs shows, as a clause: "the medium changer is /dev/sch0 (/dev/sg4, IBM 03584L32)". */
function changerHint(roots: SysfsRoots | undefined, self: string): string {
  let entries: ScsiDeviceEntry[];
  try {
    entries = listScsiDevices(roots);
  } catch {
    return '';
  }
  const changers = entries.filter((e) => e.changer && e.sgPath !== self && !e.nodes.includes(self));
  if (changers.length === 0)
    return entries.length > 0 ? '; sysfs shows no medium changer (changerbench devices lists what there is)' : '';
  const names = changers.map(
    (c) =>
      `${c.sgPath}${c.nodes.length > 0 ? ` or ${c.nodes[0]}` : ''} (${`${c.vendor} ${c.model}`.trim()}${c.hctl ? ` at ${c.hctl}` : ''})`,
  );
  return `; ${changers.length === 1 ? 'the medium changer is' : 'the medium changers are'} ${names.join(', ')}`;
}

/** Checks the node and opens it; the descriptor is closed again on any refusal. */
function openNode(url: SgUrl, driver: SgDriver): number {
  const path = url.path;
  let s: SgNodeStat;
  try {
    s = driver.stat(path);
  } catch (e) {
    const code = errnoOf(e) ?? 'EIO';
    if (code === 'ENOENT')
      throw new SgOpenError(
        `sg:${path}: no such file; changerbench devices lists the SCSI generic nodes of this machine`,
        'ENOENT',
      );
    if (code === 'EACCES')
      throw new SgOpenError(
        `sg:${path}: permission denied looking the path up (a directory on the way is not searchable)`,
        'EACCES',
      );
    throw new SgOpenError(`sg:${path}: cannot stat it (${code})`, code);
  }
  // st nodes are not opened: closing /dev/stN rewinds the tape, and its sg node does everything SG_IO needs
  const known = [ScsiCharMajor.SG, ScsiCharMajor.CH] as number[];
  if (s.kind !== 'char' || !known.includes(s.major)) {
    const what =
      s.kind !== 'char'
        ? KIND_NAMES[s.kind]
        : s.major === ScsiCharMajor.ST
          ? `a tape drive's st node (${s.major}:${s.minor}; opening it can rewind the tape)`
          : `a character device ${s.major}:${s.minor} of another driver`;
    throw new SgOpenError(
      `sg:${path}: ${what}, not a SCSI generic node (a character device of major ${ScsiCharMajor.SG} such as /dev/sg3, or ${ScsiCharMajor.CH} for /dev/schN); changerbench devices lists them`,
      'ENOTSG',
    );
  }
  let fd: number;
  try {
    fd = driver.open(path);
  } catch (e) {
    const code = errnoOf(e) ?? 'EIO';
    if (code === 'EACCES' || code === 'EPERM')
      throw new SgOpenError(`sg:${path}: permission denied: ${permissionAdvice(path, s, driver)}`, 'EACCES');
    if (code === 'ENXIO' || code === 'ENODEV')
      throw new SgOpenError(
        `sg:${path}: no device behind the node (${code}): the SCSI device was removed or its driver is not loaded`,
        code,
      );
    if (code === 'EBUSY')
      throw new SgOpenError(`sg:${path}: the device is busy (EBUSY): another process holds it open exclusively`, code);
    throw new SgOpenError(`sg:${path}: cannot open it (${code})`, code);
  }
  try {
    const version = driver.versionNum(fd);
    if (version < SG_V3_VERSION)
      throw new SgOpenError(
        `sg:${path}: the sg driver is version ${version}, older than the v3 interface (SG_IO) this transport uses`,
        'ENOTSUP',
      );
  } catch (e) {
    try {
      driver.close(fd);
    } catch {
      // nothing more to release
    }
    if (e instanceof SgOpenError) throw e;
    throw new SgOpenError(
      `sg:${path}: not a SCSI generic node: it does not answer SG_GET_VERSION_NUM (${errnoOf(e) ?? (e as Error).message})`,
      'ENOTSG',
    );
  }
  return fd;
}

/** What the node says it can carry in one command (SgDriver.maxTransferLength), if it says. */
function kernelMaxTransfer(driver: SgDriver, fd: number): number | undefined {
  try {
    return driver.maxTransferLength?.(fd);
  } catch {
    return undefined;
  }
}

/** Checks that the device is a medium changer (standard INQUIRY). Throws SgOpenError ENOTCHANGER otherwise. */
async function checkChanger(transport: SgTransport, path: string, roots: SysfsRoots | undefined): Promise<void> {
  const r = await transport.execute({ lun: 0, cdb: encodeInquiryCdb({ allocationLength: 96 }), allocationLength: 96 });
  if (r.status !== ScsiStatus.GOOD || r.dataIn.length < 5)
    throw new SgOpenError(
      `sg:${path}: INQUIRY did not succeed (status ${r.status.toString(16).padStart(2, '0')}h), so the device type is unknown`,
      'EIO',
    );
  const inq = decodeStandardInquiry(r.dataIn);
  const product = `${inq.vendor.trim()} ${inq.product.trim()}`.trim();
  if (inq.peripheralQualifier !== 0)
    throw new SgOpenError(
      `sg:${path}: no logical unit is connected there (peripheral qualifier ${inq.peripheralQualifier})${changerHint(roots, path)}`,
      'ENOTCHANGER',
    );
  if (inq.deviceType !== MEDIUM_CHANGER_TYPE) {
    const type = inq.deviceType.toString(16).padStart(2, '0');
    throw new SgOpenError(
      `sg:${path} is ${peripheralTypeName(inq.deviceType)}${product ? `, ${product}` : ''} (peripheral device type ${type}h), not a medium changer (08h)${changerHint(roots, path)}`,
      'ENOTCHANGER',
    );
  }
}

/** Opens an `sg:` URL (or a parsed one) as a checked SgTransport to a medium changer. */
export async function openSgTransport(target: string | SgUrl, options: OpenSgOptions): Promise<SgTransport> {
  let url: SgUrl;
  try {
    url = typeof target === 'string' ? parseSgUrl(target) : target;
  } catch (e) {
    throw new SgOpenError((e as Error).message, 'EINVAL');
  }
  const fd = openNode(url, options.driver);
  const transport = new SgTransport({
    driver: options.driver,
    fd,
    url,
    clock: options.clock,
    maxTransferLength: url.maxTransfer ?? kernelMaxTransfer(options.driver, fd),
  });
  if (options.anyDeviceType) return transport;
  try {
    await checkChanger(transport, url.path, options.sysfs);
  } catch (e) {
    await transport.close();
    if (e instanceof SgOpenError) throw e;
    if (e instanceof TransportError) throw new SgOpenError(`sg:${url.path}: INQUIRY failed: ${e.message}`, e.code);
    throw e;
  }
  return transport;
}
