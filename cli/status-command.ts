/**
 * `changerbench status`: the inventory of any changer in the layout of `mtx status`, then what mtx leaves out
 * (inaccessible elements, IE flags) and, for a simulator, the magazine, door and IE station state.
 */
import type { Argv } from 'yargs';
import { formatElementConditions, formatMtxStatus } from '../scsi/host/mtx-status.js';
import { readInventory } from '../scsi/host/read-inventory.js';
import { WaitUntilReadyDefaults } from '../scsi/host/wait-until-ready.js';
import { formatLibraryState } from '../sim/console/format-status.js';
import { CliError, type CliIo } from './cli-io.js';
import { openSimulatorTarget, openTarget } from './open-target.js';

/** Registers `status` on a yargs instance. */
export function registerStatusCommand(y: Argv, io: CliIo): Argv {
  return y.command(
    'status',
    'Show a changer inventory in the layout of mtx status, then magazine, door and IE state',
    (a) =>
      a
        .option('fixture', { type: 'string', describe: 'Bundled library model to simulate in-process (e.g. ibm-ts3100)' })
        .option('target', { type: 'string', describe: 'Target URL: sim:<fixture>, iscsi://[user[%password]@]host[:port]/<iqn>/<lun>, serial:<path>[?baud=N&lun=N] (of serial:<path>,<path2> the first line is used), sg:/dev/sgN[?timeout-move=S] (Linux SCSI generic)' })
        .example('$0 status --fixture ibm-ts3100', 'the simulated IBM TS3100')
        .strict(),
    async (argv) => {
      if (argv.fixture === undefined && argv.target === undefined) throw new CliError('status: give --fixture NAME or --target URL', 2);
      if (argv.fixture !== undefined && argv.target !== undefined) throw new CliError('status: give either --fixture or --target, not both', 2);
      let target;
      try {
        // --fixture takes an id or a file path (the loader names the file, field and expectation of a bad one).
        let toldWaiting = false;
        const onWait = () => {
          if (toldWaiting) return;
          toldWaiting = true;
          io.err(`changerbench status: the changer is becoming ready (NOT READY 04/01, e.g. inventorying); waiting up to ${WaitUntilReadyDefaults.LIMIT_MS / 1000} s\n`);
        };
        target =
          argv.fixture !== undefined
            ? openSimulatorTarget(argv.fixture)
            : await openTarget(argv.target ?? '', { onNote: (line) => io.err(`changerbench status: ${line}\n`), onWait, sgDriver: io.sgDriver });
      } catch (e) {
        if (e instanceof CliError) throw e;
        throw new CliError((e as Error).message, (e as Error).name === 'FixtureNotFoundError' ? 2 : 1);
      }
      try {
        const inv = await readInventory(target.transport, target.lun);
        io.out(formatMtxStatus(inv, target.device));
        const conditions = formatElementConditions(inv);
        if (conditions) io.out('\n' + conditions);
        if (target.control) io.out('\n' + formatLibraryState(await target.control.status()));
      } finally {
        await target.close();
      }
    },
  );
}
