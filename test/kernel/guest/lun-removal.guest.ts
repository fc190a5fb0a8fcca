/**
 * Run INSIDE the kernel guest by test/kernel/sg-guest.spec.ts: opens `sg:<node>` (argv[2]), takes its unit
 * attentions until TEST UNIT READY is GOOD, tells the host it is ready by creating the file argv[3], waits
 * (bounded) until the host has unplugged the LUN and the kernel removed the node from sysfs, then issues TEST UNIT
 * READY on the still-open transport and a second one after it, and opens the node anew. Prints one JSON line:
 * what each attempt gave (a status, or the TransportError's code and message).
 * Spec: scsi/transport/sg/sg-transport.ts (ENODEV/ENXIO end the transport); Linux drivers/scsi/sg.c (a detaching
 * device answers ENODEV); docs/kernel-tests.md "A LUN that goes away".
 */
import { existsSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { encodeTestUnitReadyCdb, ScsiStatus } from '../../../scsi/codec/index.js';
import { createKoffiSgDriver, openSgTransport } from '../../../scsi/transport/sg/index.js';

type Attempt = { status: number } | { code: string; message: string };

const [node, readyFile] = process.argv.slice(2);
if (!node || !readyFile) throw new Error('usage: lun-removal.guest.ts /dev/sgN READY-FILE');
const driver = createKoffiSgDriver();
const tur = { lun: 0, cdb: encodeTestUnitReadyCdb(), allocationLength: 0 };
const attempt = async (f: () => Promise<{ status: number }>): Promise<Attempt> => {
  try {
    return { status: (await f()).status };
  } catch (e) {
    const err = e as Error & { code?: string };
    return { code: err.code ?? err.name, message: err.message };
  }
};

const transport = await openSgTransport(`sg:${node}`, { driver });
let before: Attempt = { status: -1 };
for (let i = 0; i < 8 && !('status' in before && before.status === ScsiStatus.GOOD); i++)
  before = await attempt(() => transport.execute(tur));
writeFileSync(readyFile, 'ready\n');
const sysfs = `/sys/class/scsi_generic/${basename(node)}`;
const deadline = Date.now() + 90_000;
while (existsSync(sysfs) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
const removed = !existsSync(sysfs);
const after = await attempt(() => transport.execute(tur));
const again = await attempt(() => transport.execute(tur));
const reopen = await attempt(() => openSgTransport(`sg:${node}`, { driver }).then(() => ({ status: -1 })));
await transport.close();
console.log(JSON.stringify({ before, removed, after, again, reopen }));
