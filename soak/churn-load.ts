/**
 * The mixed load of the churn soak (campaign 3, docs/reliability.md 4): iSCSI sessions that log in, run a random
 * number of commands (up to 4 in flight: READ ELEMENT STATUS, MOVE MEDIUM, INQUIRY, MODE SENSE, TEST UNIT READY)
 * and log out, over and over; one serial session that stays; and clients that send a garbage PDU header and then
 * hold their socket open (the target must close its side and free its descriptor: RFC 7143 6.2, a framing error
 * ends the connection; docs/iscsi.md 7.8). Every SCSI answer is checked with the sense rules.
 * Spec: SMC-3 6.6, 6.10; SPC-4 6.6 INQUIRY, 6.14 MODE SENSE(10);
 * docs/smc-reference.md 1.2, docs/scsi-model.md 8 and 11.
 */
import { connect, type Socket } from 'node:net';
import {
  encodeInquiryCdb,
  encodeModeSense10Cdb,
  encodeMoveMediumCdb,
  encodeReadElementStatusCdb,
  encodeTestUnitReadyCdb,
} from '../scsi/codec/index.js';
import type { ScsiCommand, ScsiTransport } from '../scsi/transport/scsi-transport.js';
import { IscsiInitiator } from '../scsi/transport/iscsi/index.js';
import { encodeLoginRequest } from '../scsi/transport/iscsi/pdu/login.js';
import { framePduToBuffer } from '../scsi/transport/iscsi/pdu/pdu-framing.js';
import { encodeTextData } from '../scsi/transport/iscsi/text/text-codec.js';
import type { SeededRandom } from './seeded-random.js';
import { answerProblem } from './sense-rules.js';

/** Counters of the load. */
export interface ChurnCounts {
  logins: number;
  loginFailures: number;
  commands: number;
  malformed: number;
  transportErrors: number;
  garbageClients: number;
  readonly problems: string[];
}

/** A command of the mix; moves go between random elements of the library (many fail: source empty, etc.). */
function command(rng: SeededRandom, addresses: readonly number[]): ScsiCommand {
  const roll = rng.below(10);
  if (roll < 3)
    return {
      lun: 0,
      cdb: encodeReadElementStatusCdb({
        voltag: true,
        elementType: 0,
        startingAddress: 0,
        numberOfElements: 0xffff,
        allocationLength: 0xffff,
      }),
      allocationLength: 0xffff,
    };
  if (roll < 5)
    return {
      lun: 0,
      cdb: encodeMoveMediumCdb({
        transportAddress: 0,
        sourceAddress: rng.pick(addresses),
        destinationAddress: rng.pick(addresses),
      }),
      allocationLength: 0,
    };
  if (roll < 7)
    return { lun: 0, cdb: encodeInquiryCdb({ evpd: false, pageCode: 0, allocationLength: 96 }), allocationLength: 96 };
  if (roll < 8)
    return { lun: 0, cdb: encodeModeSense10Cdb({ pageCode: 0x3f, allocationLength: 4096 }), allocationLength: 4096 };
  return { lun: 0, cdb: encodeTestUnitReadyCdb(), allocationLength: 0 };
}

/** Runs commands on `t` until `count` are done, `inFlight` at a time, checking each answer. */
export async function runCommands(
  t: ScsiTransport,
  rng: SeededRandom,
  addresses: readonly number[],
  count: number,
  inFlight: number,
  n: ChurnCounts,
): Promise<void> {
  let left = count;
  const one = async () => {
    while (left-- > 0) {
      const c = command(rng, addresses);
      try {
        const r = await t.execute(c);
        n.commands++;
        const problem = answerProblem({
          status: r.status,
          sense: r.senseData,
          cdbLength: c.cdb.length,
          dataOutLength: 0,
        });
        if (problem) {
          n.malformed++;
          if (n.problems.length < 10) n.problems.push(`${Buffer.from(c.cdb).toString('hex')}: ${problem}`);
        }
      } catch (e) {
        n.transportErrors++;
        if (n.problems.length < 10) n.problems.push(`${Buffer.from(c.cdb).toString('hex')}: ${(e as Error).message}`);
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, one));
}

/** One churning session after another until `until()` says stop. */
export async function churnSessions(
  target: { host: string; port: number; targetName: string },
  name: string,
  rng: SeededRandom,
  addresses: readonly number[],
  n: ChurnCounts,
  until: () => boolean,
): Promise<void> {
  while (!until()) {
    let i: IscsiInitiator;
    try {
      i = await IscsiInitiator.connect({
        ...target,
        initiatorName: name,
        loginTimeoutMs: 30_000,
        commandTimeoutMs: 60_000,
      });
      n.logins++;
    } catch (e) {
      n.loginFailures++;
      if (n.problems.length < 10) n.problems.push(`login ${name}: ${(e as Error).message}`);
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    await runCommands(i, rng, addresses, 1 + rng.below(120), 1 + rng.below(4), n);
    await i.close().catch(() => undefined);
  }
}

/**
 * A client the target must refuse, which then keeps its socket open: in turn a login to a target name that does
 * not exist (a Login Response with status 02/03, RFC 7143 11.13.5, docs/iscsi.md 7.3), a PDU whose DataSegmentLength
 * exceeds any MaxRecvDataSegmentLength (a framing error), and a header of random bytes.
 */
export function garbageClient(port: number, rng: SeededRandom, held: Socket[], n: ChurnCounts): void {
  const kind = n.garbageClients % 3;
  const s = connect(port, '127.0.0.1');
  s.on('error', () => undefined);
  s.on('connect', () => {
    if (kind === 0) {
      const data = encodeTextData([
        { key: 'InitiatorName', value: 'iqn.2026-12.dev.changerbench:garbage' },
        { key: 'TargetName', value: 'iqn.2026-12.dev.changerbench:no-such-target' },
        { key: 'SessionType', value: 'Normal' },
        { key: 'AuthMethod', value: 'None' },
      ]);
      s.write(
        framePduToBuffer(
          encodeLoginRequest({
            transit: true,
            continue: false,
            currentStage: 0,
            nextStage: 1,
            versionMax: 0,
            versionMin: 0,
            isid: Buffer.from([0x80, 0, 0, 0, 0, n.garbageClients & 0xff]),
            tsih: 0,
            initiatorTaskTag: 1,
            cid: 0,
            cmdSN: 1,
            expStatSN: 0,
            data,
          }),
        ),
      );
    } else if (kind === 1) {
      const header = Buffer.alloc(48);
      header[0] = 0x43;
      header.writeUIntBE(0xffffff, 5, 3);
      s.write(header);
    } else s.write(rng.bytes(48));
  });
  held.push(s);
  n.garbageClients++;
}
