/**
 * Shared parts of the iSCSI fuzz specs: a target with a bystander session that must survive every abuse (checked
 * after each case, with a late login), and the PDUs the cases build on. Spec: RFC 7143 section 11 (PDU formats),
 * 6.2 (reject reasons), 4.2.2.1 (the command window); docs/iscsi.md 7.8.
 */
import { expect } from 'chai';
import { IscsiOpcode } from '../../../../../scsi/transport/iscsi/constants.js';
import type { IscsiInitiator } from '../../../../../scsi/transport/iscsi/index.js';
import { encodeNopOut } from '../../../../../scsi/transport/iscsi/pdu/nop.js';
import type { ReceivedPdu } from '../../../../../scsi/transport/iscsi/pdu/pdu-framing.js';
import { pduOpcode, type Pdu } from '../../../../../scsi/transport/iscsi/pdu/pdu.js';
import { decodeReject } from '../../../../../scsi/transport/iscsi/pdu/reject.js';
import { encodeScsiCommand } from '../../../../../scsi/transport/iscsi/pdu/scsi-command.js';
import type { RawSession } from './raw-session.js';
import { Cdb, TargetFixture, eventually } from './target-fixture.js';

/** TEST UNIT READY on LUN 0. */
export const tur = { lun: 0, cdb: Cdb.testUnitReady(), allocationLength: 0 } as const;

/** A SCSI Command PDU (TEST UNIT READY unless overridden) numbered from the raw session. */
export function command(raw: RawSession, over: Partial<Parameters<typeof encodeScsiCommand>[0]> = {}): Pdu {
  return encodeScsiCommand({
    immediate: false,
    final: true,
    read: false,
    write: false,
    lun: 0,
    initiatorTaskTag: 0x100,
    expectedDataTransferLength: 0,
    cmdSN: raw.cmdSN,
    expStatSN: raw.expStatSN,
    cdb: Cdb.testUnitReady(),
    ...over,
  });
}

/** An immediate NOP-Out carrying "alive?". */
export function ping(raw: RawSession, itt = 0x7777): Pdu {
  return encodeNopOut({
    immediate: true,
    initiatorTaskTag: itt,
    cmdSN: raw.cmdSN,
    expStatSN: raw.expStatSN,
    data: Buffer.from('alive?'),
  });
}

/** Reads the next PDU and checks it is a Reject with `reason`. */
export async function expectReject(raw: RawSession, reason: number): Promise<ReceivedPdu> {
  const pdu = await raw.next();
  expect(pdu, 'a Reject').to.not.equal(undefined);
  expect(pduOpcode(pdu!.bhs)).to.equal(IscsiOpcode.REJECT);
  expect(decodeReject(pdu!).reason).to.equal(reason);
  return pdu!;
}

/**
 * Registers the hooks of an abuse spec: a fresh target with a bystander session before each case; after it, the
 * bystander still works, a late session logs in, and only those two remain. Returns the current target.
 */
export function useAbusedTarget(): () => TargetFixture {
  let fixture: TargetFixture;
  let bystander: IscsiInitiator;
  beforeEach(async () => {
    fixture = await TargetFixture.start({ negotiation: { maxRecvDataSegmentLength: 8192 } });
    bystander = await fixture.connect({ initiatorName: 'iqn.2026-01.org.example:bystander' });
  });
  afterEach(async () => {
    expect((await bystander.execute(tur)).status).to.equal(0);
    const late = await fixture.connect({ initiatorName: 'iqn.2026-01.org.example:late' });
    expect((await late.execute({ lun: 0, cdb: Cdb.inquiry(96), allocationLength: 96 })).dataIn).to.have.length(96);
    fixture.backend.releaseMoves();
    await eventually(() => fixture.target.sessions().length === 2, 'only the two good sessions to remain');
    await fixture.close();
  });
  return () => fixture;
}
