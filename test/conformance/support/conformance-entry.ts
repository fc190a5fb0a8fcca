/**
 * A minimal CLI entry with only the conformance commands, for tests that run them in a child process
 * (`node --import tsx test/conformance/support/conformance-entry.ts conformance run ...`) while the real entry
 * (cli/changerbench.ts) is assembled elsewhere.
 */
import yargs from 'yargs';
import { registerConformanceCommands, type ConformanceCommandIo } from '../../../conformance/cli.js';

const io: ConformanceCommandIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  exitCode: 0,
};
await registerConformanceCommands(
  yargs(process.argv.slice(2)).scriptName('changerbench').exitProcess(false).strict().demandCommand(1),
  io,
).parseAsync();
process.exitCode = io.exitCode;
