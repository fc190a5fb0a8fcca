/**
 * `npm run bench`: figures, not pass/fail. Each section prints a table; `--only NAME` runs one section.
 * Sections: sim (the in-process simulator on the 20,000-slot library), conformance (the whole matrix against the
 * in-process simulator), main-job (`npm run conformance` in a fresh clone, first and repeated runs, and the CLI's
 * start-up times), neutral (the simulator's target vs tgt's judged by libiscsi: the comparison's primary
 * rows), iscsi (the same targets through changerbench's own initiator: secondary figures), serial (SCSI over the
 * serial framing across a socat PTY pair).
 */
import os from 'node:os';
import { printRows, type Row } from './measure.js';
import { benchSimCore } from './sim-core-bench.js';
import { benchConformanceMatrix } from './conformance-bench.js';
import { benchMainJob } from './main-job-bench.js';
import { benchIscsi } from './iscsi-bench.js';
import { benchSerial } from './serial-bench.js';
import { benchNeutral } from './neutral-bench.js';

const sections: Record<string, () => Promise<Row[]>> = {
  sim: benchSimCore,
  conformance: benchConformanceMatrix,
  'main-job': benchMainJob,
  neutral: benchNeutral,
  iscsi: benchIscsi,
  serial: benchSerial,
};

const only = process.argv.indexOf('--only');
const wanted = only >= 0 ? [process.argv[only + 1] ?? ''] : Object.keys(sections);
console.log(
  `changerbench bench: node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), ${new Date().toISOString()}`,
);
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
