#!/usr/bin/env node
/** Process entry of the changerbench command. */
import { runCli } from './build-cli.js';
import { processIo } from './cli-io.js';

const io = processIo();
const code = await runCli(process.argv.slice(2), io);
process.exitCode = code;
