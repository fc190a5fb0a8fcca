/**
 * A fake sysfs tree in a temporary directory, laid out as Linux lays out SCSI devices: the device directory
 * `devices/.../hostH/targetH:C:T/H:C:T:L` with its type, vendor, model and rev files and the children of the
 * bound drivers (scsi_generic/sgN, scsi_changer/schN, scsi_tape/stN, block/sdX), and `class/scsi_generic/sgN` as a
 * symbolic link to the sg child, whose `device` link points back at the device directory.
 * Spec: Linux Documentation/ABI/testing/sysfs-class-scsi_generic (and the layout of /sys/bus/scsi/devices).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** One SCSI device of the fake tree. */
export interface FakeScsiDevice {
  readonly hctl: string;
  readonly sg: string;
  readonly type: number;
  /** As the kernel writes them: space padded to 8 / 16 / 4 characters. */
  readonly vendor: string;
  readonly model: string;
  readonly rev: string;
  /** Driver children: e.g. { scsi_changer: ['sch0'] }, { scsi_tape: ['st0', 'nst0'] }, { block: ['sda'] }. */
  readonly bound?: Readonly<Record<string, readonly string[]>>;
  /** Old layout: `scsi_changer:sch0` entries in the device directory itself. */
  readonly oldStyle?: readonly string[];
}

/** Builds the tree; returns its root (give it as the sysfs root) and a remover. */
export function buildFakeSysfs(devices: readonly FakeScsiDevice[]): { readonly root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'changerbench-sysfs-'));
  mkdirSync(join(root, 'class', 'scsi_generic'), { recursive: true });
  for (const d of devices) {
    const [h, c, t] = d.hctl.split(':');
    const dir = join(root, 'devices', 'pci0000:00', '0000:00:04.0', `host${h}`, `target${h}:${c}:${t}`, d.hctl);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'type'), `${d.type}\n`);
    writeFileSync(join(dir, 'vendor'), `${d.vendor.padEnd(8)}\n`);
    writeFileSync(join(dir, 'model'), `${d.model.padEnd(16)}\n`);
    writeFileSync(join(dir, 'rev'), `${d.rev.padEnd(4)}\n`);
    for (const [cls, names] of Object.entries({ scsi_generic: [d.sg], ...(d.bound ?? {}) })) {
      for (const name of names) mkdirSync(join(dir, cls, name), { recursive: true });
    }
    for (const entry of d.oldStyle ?? []) mkdirSync(join(dir, entry));
    const sgDir = join(dir, 'scsi_generic', d.sg);
    symlinkSync(relative(sgDir, dir), join(sgDir, 'device'));
    symlinkSync(relative(join(root, 'class', 'scsi_generic'), sgDir), join(root, 'class', 'scsi_generic', d.sg));
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** A library with a changer at 0:0:4:0 (sg4, sch0), an LTO tape drive at 0:0:1:0 (sg1, st0) and a disk (sg0, sda). */
export const SAMPLE_DEVICES: readonly FakeScsiDevice[] = [
  {
    hctl: '0:0:4:0',
    sg: 'sg4',
    type: 8,
    vendor: 'IBM',
    model: '03584L32',
    rev: '0402',
    bound: { scsi_changer: ['sch0'] },
  },
  {
    hctl: '0:0:1:0',
    sg: 'sg1',
    type: 1,
    vendor: 'IBM',
    model: 'ULT3580-TD8',
    rev: 'Q3A4',
    bound: { scsi_tape: ['st0', 'nst0', 'st0a'] },
  },
  {
    hctl: '2:0:0:0',
    sg: 'sg0',
    type: 0,
    vendor: 'ATA',
    model: 'QEMU HARDDISK',
    rev: '2.5+',
    bound: { block: ['sda'] },
  },
  {
    hctl: '0:0:10:0',
    sg: 'sg10',
    type: 8,
    vendor: 'QUANTUM',
    model: 'Scalar i3',
    rev: '100G',
    oldStyle: ['scsi_changer:sch1'],
  },
];
