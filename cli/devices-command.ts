/**
 * `changerbench devices`: the SCSI devices Linux shows in sysfs, one line each in the columns of `lsscsi -g`
 * (H:C:T:L, type, vendor, model, revision, the bound driver's node, the sg node), changers marked, so a user finds
 * the node to give as `--target sg:/dev/sgN`; `--json` for scripts.
 * Spec: scsi/transport/sg/sysfs-devices.ts (what is read where); docs/sg.md section 5.
 */
import type { Argv } from 'yargs';
import { formatScsiDevices, listScsiDevices } from '../scsi/transport/sg/sysfs-devices.js';
import type { CliIo } from './cli-io.js';
import { DEVICES_COMMAND } from './command-table.js';

/** Registers `devices` on a yargs instance. */
export function registerDevicesCommand(y: Argv, io: CliIo): Argv {
  return y.command(
    DEVICES_COMMAND.name,
    DEVICES_COMMAND.describe,
    (a) =>
      a
        .option('json', { type: 'boolean', default: false, describe: 'print JSON (one object per SCSI generic node)' })
        .option('sysfs', { type: 'string', default: '/sys', describe: 'where sysfs is mounted' })
        .option('dev', { type: 'string', default: '/dev', describe: 'where the device nodes are' })
        .example('$0 devices', '[0:0:3:0]  mediumx  IBM  03584L32  0402  /dev/sch0  /dev/sg3  changer')
        .strict(),
    (argv) => {
      const entries = listScsiDevices({ sysfs: argv.sysfs, dev: argv.dev });
      if (argv.json) {
        io.out(`${JSON.stringify(entries, null, 2)}\n`);
        return;
      }
      if (entries.length === 0) {
        io.err(
          `changerbench devices: no SCSI generic devices in ${argv.sysfs}/class/scsi_generic (no SCSI devices, or the sg module is not loaded: modprobe sg)\n`,
        );
        return;
      }
      io.out(formatScsiDevices(entries));
      const changers = entries.filter((e) => e.changer);
      io.out(
        changers.length === 0
          ? 'no medium changer among them\n'
          : `medium changer${changers.length > 1 ? 's' : ''}: ${changers.map((c) => `--target sg:${c.sgPath}`).join(', ')}\n`,
      );
    },
  );
}
