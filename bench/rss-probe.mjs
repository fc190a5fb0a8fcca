// Resident memory of a plain Node process (no tsx) that loads the 20,000-slot library from the compiled
// simulator in dist/ and answers one READ ELEMENT STATUS. Prints JSON: {before, after} in bytes.
// Run by bench/sim-core-bench.ts; needs `npm run build` (npm ci runs it).
import { VirtualClock } from '../dist/common/clock/clock.js';
import { encodeReadElementStatusCdb, encodeTestUnitReadyCdb } from '../dist/scsi/codec/index.js';
import { loadPersonality } from '../dist/sim/personality/index.js';
import { createInProcessTarget } from '../dist/sim/changer/in-process-target.js';

globalThis.gc?.();
const before = process.memoryUsage().rss;
const { changer, target } = createInProcessTarget(loadPersonality('large-library-20k'), {
  clock: new VirtualClock(),
  startReady: true,
});
await target.execute('probe', 0, encodeTestUnitReadyCdb());
const r = await target.execute(
  'probe',
  0,
  encodeReadElementStatusCdb({
    voltag: true,
    elementType: 0,
    startingAddress: 0,
    numberOfElements: 0xffff,
    allocationLength: 0xffffff,
  }),
);
globalThis.gc?.();
const after = process.memoryUsage().rss;
process.stdout.write(JSON.stringify({ before, after, bytes: r.dataIn.length }) + '\n');
changer.close();
