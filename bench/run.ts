/**
 * `npm run bench`: figures, not pass/fail. Each section prints a table; `--only NAME` runs one section.
 * Sections: sim (issue 2: in-process simulator on the 20,000-slot library), conformance (issue 3: the whole
 * matrix against the in-process simulator), iscsi (issue 4: our target vs tgt's over loopback), serial (issue 4:
 * SCSI over the serial framing across a socat PTY pair).
 */
import os from 'node:os';
import { printRows, type Row } from './measure.js';
import { benchSimCore } from './sim-core-bench.js';
import { benchConformanceMatrix } from './conformance-bench.js';
import { benchIscsi } from './iscsi-bench.js';
import { benchSerial } from './serial-bench.js';

const sections: Record<string, () => Promise<Row[]>> = {
  sim: benchSimCore,
  conformance: benchConformanceMatrix,
  iscsi: benchIscsi,
  serial: benchSerial,
};

const only = process.argv.indexOf('--only');
const wanted = only >= 0 ? [process.argv[only + 1] ?? ''] : Object.keys(sections);
console.log(`changerbench bench: node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), ${new Date().toISOString()}`);
const rows: Row[] = [];
for (const name of wanted) {
  const run = sections[name];
  if (!run) {
    console.error(`unknown section "${name}"; sections: ${Object.keys(sections).join(', ')}`);
    process.exitCode = 2;
    break;
  }
  rows.push(...(await run()));
}
printRows(rows);
