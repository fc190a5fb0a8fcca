/**
 * `changerbench status`: the inventory of any changer in the layout of `mtx status`, then what mtx leaves out
 * (inaccessible elements, IE flags) and, for a simulator, the magazine, door and IE station state.
 */
import type { Argv } from 'yargs';
import { Asc, describeSense, SenseKey } from '../scsi/codec/index.js';
import { formatElementConditions, formatMtxStatus } from '../scsi/host/mtx-status.js';
import { readInventory } from '../scsi/host/read-inventory.js';
import { WaitUntilReadyDefaults } from '../scsi/host/wait-until-ready.js';
import { formatLibraryState } from '../sim/console/format-status.js';
import { FixtureNotFoundError } from '../sim/personality/fixture-error.js';
import { openPersonality } from '../sim/personality/open-personality.js';
import type { Personality } from '../sim/personality/personality.js';
import type { ChangerInventory } from '../scsi/host/read-inventory.js';
import { CommandError, ExitCode } from '../common/command-error.js';
import type { CliIo } from './cli-io.js';
import { STATUS_COMMAND } from './command-table.js';
import { openSimulatorTarget, openTarget } from './open-target.js';

/** The sense a changer answers while it inventories, as every message names a sense. */
const BECOMING_READY = describeSense({ key: SenseKey.NOT_READY, ...Asc.LOGICAL_UNIT_IS_IN_PROCESS_OF_BECOMING_READY });

/** Registers `status` on a yargs instance. */
export function registerStatusCommand(y: Argv, io: CliIo): Argv {
  return y.command(
    STATUS_COMMAND.name,
    STATUS_COMMAND.describe,
    (a) =>
      a
        .option('fixture', {
          type: 'string',
          describe: 'Bundled library model to simulate in-process (e.g. ibm-ts3100)',
        })
        .option('model', {
          type: 'string',
          describe:
            'Library model (bundled fixture name or file) declaring what SCSI does not say: door, magazines, IE host control; shown with magazine presence read over SCSI',
        })
        .option('target', {
          type: 'string',
          describe:
            'Target URL: sim:<fixture>, iscsi://[user[%password]@]host[:port]/<iqn>/<lun>, serial:<path>[?baud=N&lun=N] (of serial:<path>,<path2> the first line is used), sg:/dev/sgN[?timeout-move=S] (Linux SCSI generic)',
        })
        .example('$0 status --fixture ibm-ts3100', 'the simulated IBM TS3100')
        .strict(),
    async (argv) => {
      if (argv.fixture === undefined && argv.target === undefined)
        throw new CommandError('status: give --fixture NAME or --target URL', ExitCode.USAGE);
      if (argv.fixture !== undefined && argv.target !== undefined)
        throw new CommandError('status: give either --fixture or --target, not both', ExitCode.USAGE);
      let model: Personality | undefined;
      try {
        model = argv.model === undefined ? undefined : await openPersonality(argv.model);
      } catch (e) {
        throw new CommandError(`--model ${argv.model}: ${(e as Error).message}`, ExitCode.USAGE);
      }
      let target;
      try {
        // --fixture takes an id or a file path (the loader names the file, field and expectation of a bad one).
        let toldWaiting = false;
        const onWait = () => {
          if (toldWaiting) return;
          toldWaiting = true;
          io.err(
            `changerbench status: the changer is becoming ready (${BECOMING_READY}, e.g. inventorying); waiting up to ${WaitUntilReadyDefaults.LIMIT_MS / 1000} s\n`,
          );
        };
        target =
          argv.fixture !== undefined
            ? await openSimulatorTarget(argv.fixture)
            : await openTarget(argv.target ?? '', {
                onNote: (line) => io.err(`changerbench status: ${line}\n`),
                onWait,
                sgDriver: io.sgDriver,
              });
      } catch (e) {
        if (e instanceof CommandError) throw e;
        throw new CommandError(
          (e as Error).message,
          e instanceof FixtureNotFoundError ? ExitCode.USAGE : ExitCode.FAILURE,
        );
      }
      try {
        const inv = await readInventory(target.transport, target.lun);
        io.out(formatMtxStatus(inv, target.device));
        const conditions = formatElementConditions(inv);
        if (conditions) io.out('\n' + conditions);
        if (model) io.out('\n' + formatModelFacts(model, inv));
        if (target.control) io.out('\n' + formatLibraryState(await target.control.status()));
      } finally {
        await target.close();
      }
    },
  );
}

/** What the model declares, with each magazine's presence read over SCSI (every storage element ACCESS=0: out). */
export function formatModelFacts(model: Personality, inv: ChangerInventory): string {
  const access = new Map(inv.storage.map((d) => [d.address, d.access]));
  const lines = [
    `Library model ${model.id} (${model.file}): ${model.name}`,
    `  door: ${model.door.present ? `present (${describeSense(model.door.openSense)} while open)` : 'none'}`,
    `  IE station: the host ${model.importExport.openCommand ? 'opens' : 'does not open'} it and ${model.importExport.closeCommand ? 'closes' : 'does not close'} it`,
  ];
  for (const m of model.magazines)
    lines.push(
      `  magazine ${m.id} (${m.name}): storage ${m.storage.join(', ')}: ${m.storage.length > 0 && m.storage.every((a) => access.get(a) === false) ? 'out (every element reads ACCESS=0)' : 'in'}`,
    );
  if (model.magazines.length === 0) lines.push('  magazines: none declared');
  return `${lines.join('\n')}\n`;
}
