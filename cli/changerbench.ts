#!/usr/bin/env node
/** Process entry of the changerbench command. */
// First, before the CLI's modules are even read (a static import graph is loaded whole before it runs):
// process-wide V8 settings (cli/early-flags.ts), then the CLI.
import './early-flags.js';

const { runCli } = await import('./build-cli.js');
const { processIo } = await import('./cli-io.js');

// A reader that stops early (`changerbench status | head`) closes the pipe: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}

const io = processIo();
const code = await runCli(process.argv.slice(2), io);
process.exitCode = code;
