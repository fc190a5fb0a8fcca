/**
 * `sim console`: its options and the command, on an in-process simulator or attached to a running one over HTTP
 * (sim/cli/sim-cli.ts registers it).
 * Design: docs/architecture.md "A single command-line entry (yargs) ... Each subcommand's code lives with its area";
 * docs/toolchain.md "yargs".
 */
import type { Argv } from 'yargs';
import { ScaledClock } from '../../common/clock/clock.js';
import { withFields } from '../../common/logger.js';
import { CommandError, ExitCode } from '../../common/command-error.js';
import { localControlClient, type ControlClient } from '../control/control-client.js';
import { runConsole } from '../console/run-console.js';
import { loadPersonality } from '../personality/load-personality.js';
import { SimulatedChanger } from '../changer/simulated-changer.js';
import { numberOption, singleStringOption } from '../service/cli-options.js';
import { HttpControlClient, parseControlUrl } from '../control/control-http-client.js';
import { stopChanger } from '../service/serve.js';
import { asLogger, createServiceLogger } from '../service/service-logger.js';
import { asCommand, type SimCommandIo } from './sim-command-io.js';
import { journalStateFile } from '../persistence/journal-store.js';

/** The options of `sim console` and their checks. */
export function consoleBuilder(y: Argv) {
  return y
    .usage(
      '$0 sim console (--fixture NAME [--state FILE] | --control URL)\n\nOne command per line on stdin (type help); pipe a script in to automate. Exits 1 if any line failed.',
    )
    .option('fixture', {
      type: 'string',
      describe: 'run an in-process simulator of this fixture',
      coerce: singleStringOption('fixture'),
    })
    .option('state', {
      type: 'string',
      describe: 'durable state file for the in-process simulator',
      coerce: singleStringOption('state'),
    })
    .option('time-scale', {
      type: 'string',
      describe: 'in-process simulator: mechanical time N times faster [default: 1]',
      coerce: numberOption('time-scale', { min: 0, max: 1e9, exclusiveMin: true }),
    })
    .option('control', {
      type: 'string',
      describe: "attach to a running simulator's control endpoint, e.g. http://127.0.0.1:8080",
      coerce: singleStringOption('control'),
    })
    .conflicts('control', ['fixture', 'state', 'time-scale'])
    .check((a) => {
      if (a.fixture === undefined && a.control === undefined)
        throw new Error('give --fixture NAME (in-process simulator) or --control URL (a running one)');
      return true;
    })
    .example('$0 sim console --fixture quantum-superloader3', 'practice on an in-process library')
    .example("echo 'magazine pull left' | $0 sim console --control http://127.0.0.1:8080", 'script a running simulator')
    .strict();
}

/** The parsed options of `sim console`. */
export type ConsoleArgs = Awaited<ReturnType<typeof consoleBuilder>['argv']>;

/** Runs `sim console` on an in-process simulator or one attached over HTTP; exit code 1 when a line failed. */
export async function consoleCommand(a: ConsoleArgs, io: SimCommandIo): Promise<void> {
  const interactive = (io.stdin as { isTTY?: boolean }).isTTY === true;
  const prompt = interactive ? 'changer> ' : undefined;
  const run = async (client: ControlClient, banner: string): Promise<void> => {
    if (interactive) io.out(`${banner}; type help for commands, quit to leave\n`);
    const failures = await runConsole(client, { input: io.stdin, write: io.out, ...(prompt ? { prompt } : {}) });
    io.exitCode = failures > 0 ? 1 : 0;
  };
  if (a.control !== undefined) {
    const url = a.control;
    try {
      parseControlUrl(url);
    } catch (e) {
      throw new CommandError((e as Error).message, ExitCode.USAGE);
    }
    const client = await asCommand(async () => {
      const c = new HttpControlClient(url);
      await c.health();
      return c;
    });
    return run(client, `attached to the simulator at ${client.url}`);
  }
  const fixture = a.fixture as string;
  const changer = await asCommand(async () => {
    const personality = loadPersonality(fixture);
    const logger = asLogger(createServiceLogger({ level: 'warn', destination: io.logDestination }));
    return new SimulatedChanger(personality, {
      clock: new ScaledClock(a['time-scale'] ?? 1),
      stateStore: a.state === undefined ? undefined : journalStateFile(a.state),
      startReady: true,
      logger: withFields(logger, { component: 'sim' }),
    });
  });
  try {
    await run(
      localControlClient(changer.control),
      `simulated ${changer.personality.name} (${changer.personality.id}), in-process`,
    );
  } finally {
    // The operator is done: a move still running gets half a second, then stops as at power loss.
    await stopChanger(changer, 500);
  }
}
