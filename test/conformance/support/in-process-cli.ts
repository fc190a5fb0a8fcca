/**
 * Runs the conformance and report commands in-process (as `changerbench ...` would), collecting stdout, stderr
 * and the exit code the command set. Usage errors of yargs itself are not caught here.
 */
import yargs from 'yargs';
import { registerConformanceCommands, type ConformanceCommandIo } from '../../../conformance/cli.js';

/** What one command printed and the exit code it set. */
export interface CliRun {
  readonly out: string;
  readonly err: string;
  readonly code: number;
}

/** `changerbench <args>` for the conformance and report commands, in this process. */
export async function conformanceCli(...args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: ConformanceCommandIo = { out: (t) => (out += t), err: (t) => (err += t), exitCode: 0 };
  await registerConformanceCommands(yargs(args).exitProcess(false).strict().demandCommand(1), io).parseAsync();
  return { out, err, code: io.exitCode };
}
