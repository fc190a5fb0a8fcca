/**
 * What the guest's kernel made of the attached LUNs, read from its sysfs by one shell job: per SCSI generic node
 * its H:C:T:L address, peripheral device type, vendor and model, the driver bound to the device, and the
 * changer node (schN) the ch driver gave it.
 * Spec: Linux Documentation/scsi/scsi-generic.rst and ch driver (drivers/scsi/ch.c: class scsi_changer);
 * sysfs layout /sys/class/scsi_generic/sgN/device -> the scsi_device (type, vendor, model, driver).
 */
import type { KernelGuest } from './kernel-guest.js';

/** One SCSI generic node of the guest. */
export interface GuestSgNode {
  /** e.g. sg0 */
  readonly name: string;
  /** H:C:T:L, e.g. 0:0:2:0 (T is the scsi-id given to QEMU's scsi-generic device). */
  readonly address: string;
  readonly type: number;
  readonly vendor: string;
  readonly model: string;
  /** The driver bound to the scsi_device (ch for a changer when the ch module is loaded), or '' for none. */
  readonly driver: string;
  /** The scsi_changer class device (schN), or '' for none. */
  readonly changer: string;
  /** Whether the character device /dev/<name> exists. */
  readonly nodePresent: boolean;
}

const LIST = String.raw`for d in /sys/class/scsi_generic/*; do
  n=$(basename "$d"); dev=$(readlink -f "$d/device")
  drv=$( [ -e "$dev/driver" ] && basename "$(readlink -f "$dev/driver")" )
  sch=$(ls "$dev/scsi_changer" 2>/dev/null | head -n1)
  [ -c "/dev/$n" ] && present=1 || present=0
  printf 'SG|%s|%s|%s|%s|%s|%s|%s|%s\n' "$n" "$(basename "$dev")" "$(cat "$dev/type")" "$(cat "$dev/vendor")" "$(cat "$dev/model")" "$drv" "$sch" "$present"
done`;

/** Lists the guest's SCSI generic nodes (bounded by `timeoutMs`). */
export async function listGuestSgNodes(guest: KernelGuest, timeoutMs: number): Promise<GuestSgNode[]> {
  const r = await guest.run(LIST, timeoutMs);
  if (r.status !== 0) throw new Error(`listing /sys/class/scsi_generic failed (${r.status}):\n${r.output}`);
  return r.output
    .split('\n')
    .filter((l) => l.startsWith('SG|'))
    .map((l) => {
      const [, name = '', address = '', type = '', vendor = '', model = '', driver = '', changer = '', present = ''] =
        l.split('|');
      return {
        name,
        address,
        type: Number(type),
        vendor: vendor.trim(),
        model: model.trim(),
        driver,
        changer,
        nodePresent: present === '1',
      };
    });
}

/** The node whose SCSI target id is `scsiId` (channel 0, LUN 0), or a clear error naming what the guest has. */
export function nodeForScsiId(nodes: readonly GuestSgNode[], scsiId: number): GuestSgNode {
  const found = nodes.find((n) => n.address.split(':')[2] === String(scsiId));
  if (!found)
    throw new Error(
      `no SCSI generic node at target id ${scsiId}; the guest has ${nodes.map((n) => `${n.name}=${n.address}`).join(', ') || 'none'}`,
    );
  return found;
}
