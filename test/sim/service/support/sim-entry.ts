/**
 * A stand-in for the changerbench entry that registers only the sim command group, so `sim serve` can run in a
 * child process before (and independently of) cli/changerbench.ts. Usage: node --import tsx sim-entry.ts sim ...
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { registerSimCommands, type SimCommandIo } from '../../../../sim/cli/sim-cli.js';

const io: SimCommandIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  stdin: process.stdin,
  exitCode: 0,
};
const cli = registerSimCommands(yargs(hideBin(process.argv)).scriptName('changerbench'), io)
  .demandCommand(1)
  .strict()
  .help()
  .exitProcess(false)
  .fail((message: string | undefined, error: Error | undefined) => {
    throw error ?? new Error(message ?? 'usage error');
  });
try {
  await cli.parseAsync();
  process.exitCode = io.exitCode;
} catch (e) {
  const err = e as Error & { exitCode?: number };
  process.stderr.write(`changerbench: ${err.message}\n`);
  process.exitCode = err.exitCode ?? 2;
}
