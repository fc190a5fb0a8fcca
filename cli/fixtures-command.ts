/**
 * `changerbench fixtures`: the library models a simulator can run. `list` and `show NAME` read the bundled
 * fixtures/libraries (or --fixtures-dir); `import-mhvtl` turns an mhVTL configuration (device.conf and
 * library_contents.NN) into a fixture file that validates, which `sim serve --fixture FILE` (or --fixtures-dir)
 * then runs. Design: docs/lab-view.md "Bringing an mhVTL library".
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Argv } from 'yargs';
import { formatLibraryState } from '../sim/console/format-status.js';
import { buildStatusView } from '../sim/control/status-view.js';
import { parseDeviceConf } from '../sim/personality/mhvtl/device-conf.js';
import { parseLibraryContents } from '../sim/personality/mhvtl/library-contents.js';
import { mhvtlFixture } from '../sim/personality/mhvtl/mhvtl-fixture.js';
import {
  FixtureError,
  FixtureNotFoundError,
  listFixtures,
  loadPersonality,
  parsePersonality,
  type Personality,
} from '../sim/personality/index.js';
import { MhvtlFormatError } from '../sim/personality/mhvtl/mhvtl-format-error.js';
import { ScaledClock } from '../common/clock/clock.js';
import { ChangerCore } from '../sim/changer/changer-core.js';
import { CommandError, ExitCode } from '../common/command-error.js';
import type { CliIo } from './cli-io.js';
import { FIXTURES_COMMAND } from './command-table.js';
import { SILENT_LOGGER } from '../common/logger.js';

function readInput(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new CommandError(
      `${what} ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
      ExitCode.USAGE,
    );
  }
}

function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    // FixtureNotFoundError is a FixtureError: asked first.
    if (e instanceof FixtureNotFoundError) throw new CommandError(e.message, ExitCode.USAGE);
    if (e instanceof MhvtlFormatError || e instanceof FixtureError) throw new CommandError(e.message, ExitCode.FAILURE);
    throw e;
  }
}

/** What `fixtures show` prints: the model's identity, elements and starting state. */
export function describePersonality(p: Personality): string {
  const core = new ChangerCore(p, { clock: new ScaledClock(1), startReady: true, logger: SILENT_LOGGER });
  try {
    const v = buildStatusView(core);
    const count = (type: string) => v.elements.filter((e) => e.type === type);
    const span = (type: string) => {
      const list = count(type).map((e) => e.address);
      return list.length === 0 ? 'none' : `${list.length} (${Math.min(...list)}-${Math.max(...list)})`;
    };
    const cartridges = v.elements.filter((e) => e.cartridge).length + v.hiddenSlots.filter(Boolean).length;
    return (
      [
        `${p.id}: ${p.name}`,
        `INQUIRY: ${p.inquiry.vendor} ${p.inquiry.product} ${p.inquiry.revision}, serial ${p.inquiry.serial}`,
        `Elements: transport ${span('transport')}, storage ${span('storage')}, import/export ${span('importExport')}, drives ${span('dataTransfer')}`,
        `Cartridges at start: ${cartridges}`,
        formatLibraryState(v).trimEnd(),
      ].join('\n') + '\n'
    );
  } finally {
    core.close();
  }
}

/** Registers `fixtures list|show|import-mhvtl`. */
export function registerFixturesCommands(y: Argv, io: CliIo): Argv {
  return y.command(FIXTURES_COMMAND.name, FIXTURES_COMMAND.describe, (f) =>
    f
      .command(
        'list',
        'list the library models (bundled, or of --fixtures-dir)',
        (a) =>
          a
            .option('fixtures-dir', {
              type: 'string',
              describe: 'a directory of fixture files instead of the bundled fixtures/libraries',
            })
            .strict(),
        (a) => {
          const list = guarded(() => listFixtures(a['fixtures-dir']));
          for (const x of list) io.out(`${x.id.padEnd(24)} ${x.name}\n`);
        },
      )
      .command(
        'show <name>',
        'show one model (an id, or a fixture file path)',
        (a) =>
          a
            .positional('name', { type: 'string', demandOption: true })
            .option('fixtures-dir', { type: 'string', describe: 'where ids are looked up' })
            .strict(),
        (a) => io.out(describePersonality(guarded(() => loadPersonality(String(a.name), a['fixtures-dir'])))),
      )
      .command(
        'import-mhvtl',
        "turn mhVTL's device.conf and library_contents.NN into a fixture file",
        (a) =>
          a
            .option('device-conf', { type: 'string', demandOption: true, describe: "mhVTL's device.conf" })
            .option('library-contents', { type: 'string', demandOption: true, describe: "mhVTL's library_contents.NN" })
            .option('library', {
              type: 'number',
              describe: 'the Library record to import (default: the only one, or NN of library_contents.NN)',
            })
            .option('magazine-slots', {
              type: 'number',
              describe: 'cut the slots into removable magazines of N slots (mhVTL has none; default: fixed slots)',
            })
            .option('door', {
              type: 'boolean',
              default: false,
              describe: 'give the library an operator door (mhVTL has none)',
            })
            .option('move-ms', {
              type: 'number',
              describe: 'mechanical move time in ms (mhVTL has none; default: the fixture default)',
            })
            .option('out', {
              type: 'string',
              demandOption: true,
              describe: 'fixture file to write (its name without .json is the fixture id)',
            })
            .check((x) => {
              for (const k of ['library', 'magazine-slots', 'move-ms'] as const) {
                const v = x[k];
                if (v !== undefined && (!Number.isInteger(v) || v < (k === 'library' ? 0 : 1)))
                  throw new Error(`--${k} must be a whole number${k === 'library' ? '' : ' from 1'}, got ${String(v)}`);
              }
              if (!String(x.out).endsWith('.json'))
                throw new Error(`--out must name a .json file, got "${String(x.out)}"`);
              return true;
            })
            .example(
              '$0 fixtures import-mhvtl --device-conf /etc/mhvtl/device.conf --library-contents /etc/mhvtl/library_contents.10 --out lab/stk-l700.json',
              'then: sim serve --fixture lab/stk-l700.json ...',
            )
            .strict(),
        (a) => {
          const deviceConf = a['device-conf'];
          const contentsFile = a['library-contents'];
          const devices = guarded(() => parseDeviceConf(readInput(deviceConf, '--device-conf'), deviceConf));
          const contents = guarded(() =>
            parseLibraryContents(readInput(contentsFile, '--library-contents'), contentsFile),
          );
          const fixture = guarded(() =>
            mhvtlFixture(
              { deviceConfFile: basename(deviceConf), devices, contentsFile: basename(contentsFile), contents },
              { libraryId: a.library, magazineSlots: a['magazine-slots'], door: a.door, moveMs: a['move-ms'] },
            ),
          );
          const personality = guarded(() => parsePersonality(fixture, a.out));
          try {
            writeFileSync(a.out, `${JSON.stringify(fixture, null, 2)}\n`);
          } catch (e) {
            throw new CommandError(
              `--out ${a.out}: cannot write it (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
              ExitCode.USAGE,
            );
          }
          io.out(
            `wrote ${a.out}: ${personality.name}; run it with: changerbench sim serve --fixture ${a.out} --iscsi 127.0.0.1:3260 --web 127.0.0.1:8081\n`,
          );
        },
      )
      .demandCommand(1, 'choose a fixtures command: list, show or import-mhvtl')
      .strict(),
  );
}
