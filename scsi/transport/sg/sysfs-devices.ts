/**
 * The SCSI devices Linux shows in sysfs, as `lsscsi -g` lists them: each SCSI generic node (/sys/class/scsi_generic)
 * with its H:C:T:L address (the name its `device` link points at), peripheral device type, vendor, model and
 * revision (the device's `type`, `vendor`, `model`, `rev` files), and the node of the driver bound to it (sch for
 * ch, st for st, sd's block device). The sysfs root is a parameter so tests build a tree of their own.
 * Spec: SPC-4 6.6.2 (PERIPHERAL DEVICE TYPE field, docs/scsi-model.md 8); Linux Documentation/ABI (class/scsi_generic,
 * bus/scsi/devices/H:C:T:L: type, vendor, model, rev; scsi_changer, scsi_tape, block children); docs/sg.md 5.
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Peripheral device types (SPC-4 6.6.2, docs/scsi-model.md 8): lsscsi's short name and a name for sentences. */
export const PERIPHERAL_DEVICE_TYPES: ReadonlyMap<number, { readonly short: string; readonly name: string }> = new Map([
  [0x00, { short: 'disk', name: 'a disk (direct access block device)' }],
  [0x01, { short: 'tape', name: 'a tape drive (sequential access device)' }],
  [0x02, { short: 'printer', name: 'a printer' }],
  [0x03, { short: 'process', name: 'a processor device' }],
  [0x04, { short: 'worm', name: 'a write-once device' }],
  [0x05, { short: 'cd/dvd', name: 'a CD/DVD device' }],
  [0x06, { short: 'scanner', name: 'a scanner' }],
  [0x07, { short: 'optical', name: 'an optical memory device' }],
  [0x08, { short: 'mediumx', name: 'a medium changer' }],
  [0x09, { short: 'comms', name: 'a communications device' }],
  [0x0c, { short: 'storage', name: 'a storage array controller' }],
  [0x0d, { short: 'enclosu', name: 'an enclosure services device' }],
  [0x0e, { short: 'sim dsk', name: 'a simplified direct-access device' }],
  [0x0f, { short: 'opti rd', name: 'an optical card reader/writer' }],
  [0x11, { short: 'osd', name: 'an object-based storage device' }],
  [0x12, { short: 'adi', name: 'an automation/drive interface' }],
  [0x14, { short: 'zbc', name: 'a host-managed zoned block device' }],
  [0x1e, { short: 'wlun', name: 'a well-known logical unit' }],
  [0x1f, { short: 'no dev', name: 'no device (unknown or no device type)' }],
]);

/** The peripheral device type of a medium changer. */
export const MEDIUM_CHANGER_TYPE = 0x08;

/** A sentence name for a peripheral device type ("a tape drive (sequential access device)"). */
export function peripheralTypeName(type: number): string {
  return (
    PERIPHERAL_DEVICE_TYPES.get(type)?.name ?? `a device of peripheral type ${type.toString(16).padStart(2, '0')}h`
  );
}

/** One SCSI generic node and what sysfs says of its device. */
export interface ScsiDeviceEntry {
  /** The sg node's name (`sg3`) and path (`/dev/sg3`). */
  readonly sg: string;
  readonly sgPath: string;
  /** Host:channel:target:LUN, from the device link (undefined if the link is missing). */
  readonly hctl: string | undefined;
  /** Peripheral device type (undefined if sysfs has no type file). */
  readonly type: number | undefined;
  /** lsscsi's short type name ("mediumx", "tape"). */
  readonly typeName: string;
  readonly vendor: string;
  readonly model: string;
  readonly rev: string;
  /** Nodes of the drivers bound to the device: `/dev/sch0` (ch), `/dev/st0` (st), `/dev/sda` (sd). */
  readonly nodes: readonly string[];
  /** Peripheral device type 08h. */
  readonly changer: boolean;
}

/** Where the listing reads from: the sysfs mount and the directory of device nodes. */
export interface SysfsRoots {
  /** Default `/sys`. */
  readonly sysfs?: string | undefined;
  /** Default `/dev`. */
  readonly dev?: string | undefined;
}

function readAttr(dir: string, name: string): string | undefined {
  try {
    return readFileSync(join(dir, name), 'utf8').trim();
  } catch {
    return undefined;
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Names of the driver nodes below a device directory (new `scsi_changer/sch0` and old `scsi_changer:sch0` layouts). */
function boundNodes(deviceDir: string, devRoot: string): string[] {
  const nodes: string[] = [];
  const classes: [string, RegExp][] = [
    ['scsi_changer', /^sch\d+$/],
    ['scsi_tape', /^st\d+$/],
    ['block', /^[a-z]+$/],
  ];
  const entries = listDir(deviceDir);
  for (const [cls, pattern] of classes) {
    const names = [
      ...listDir(join(deviceDir, cls)),
      ...entries.filter((e) => e.startsWith(`${cls}:`)).map((e) => e.slice(cls.length + 1)),
    ];
    for (const name of names.filter((n) => pattern.test(n)).sort()) nodes.push(join(devRoot, name));
  }
  return nodes;
}

const hctlKey = (e: ScsiDeviceEntry): number[] =>
  (e.hctl ?? '')
    .split(':')
    .map(Number)
    .concat([Number(e.sg.replace(/\D/g, ''))]);

/** Lists the SCSI generic nodes and their devices, in H:C:T:L order; empty when sysfs has no scsi_generic class. */
export function listScsiDevices(roots: SysfsRoots = {}): ScsiDeviceEntry[] {
  const sysfs = roots.sysfs ?? '/sys';
  const devRoot = roots.dev ?? '/dev';
  const classDir = join(sysfs, 'class', 'scsi_generic');
  const entries: ScsiDeviceEntry[] = [];
  for (const sg of listDir(classDir).filter((n) => /^sg\d+$/.test(n))) {
    const link = join(classDir, sg, 'device');
    const deviceDir = existsSync(link) ? realpathSync(link) : undefined;
    const hctl = deviceDir && /^\d+:\d+:\d+:\d+$/.test(basename(deviceDir)) ? basename(deviceDir) : undefined;
    const typeText = deviceDir ? readAttr(deviceDir, 'type') : undefined;
    const type = typeText !== undefined && /^\d+$/.test(typeText) ? Number(typeText) : undefined;
    entries.push({
      sg,
      sgPath: join(devRoot, sg),
      hctl,
      type,
      typeName: type === undefined ? '?' : (PERIPHERAL_DEVICE_TYPES.get(type)?.short ?? `type${type}`),
      vendor: (deviceDir && readAttr(deviceDir, 'vendor')) || '',
      model: (deviceDir && readAttr(deviceDir, 'model')) || '',
      rev: (deviceDir && readAttr(deviceDir, 'rev')) || '',
      nodes: deviceDir ? boundNodes(deviceDir, devRoot) : [],
      changer: type === MEDIUM_CHANGER_TYPE,
    });
  }
  return entries.sort((a, b) => {
    const [x, y] = [hctlKey(a), hctlKey(b)];
    for (let i = 0; i < x.length; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
    return 0;
  });
}

/** The listing in lsscsi -g's columns, changers marked; one line per device. */
export function formatScsiDevices(entries: readonly ScsiDeviceEntry[]): string {
  return entries
    .map((e) => {
      const driverNode = e.nodes[0] ?? '-';
      return [
        `[${e.hctl ?? '?:?:?:?'}]`.padEnd(13),
        e.typeName.padEnd(8),
        e.vendor.padEnd(8),
        e.model.padEnd(16),
        e.rev.padEnd(4),
        driverNode.padEnd(10),
        e.sgPath.padEnd(10),
        e.changer ? 'changer' : '',
      ]
        .join(' ')
        .trimEnd();
    })
    .map((l) => `${l}\n`)
    .join('');
}
