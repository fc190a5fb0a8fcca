import { expect } from 'chai';
import fc from 'fast-check';
import { IscsiOpcode, RejectReason } from '../../../../scsi/transport/iscsi/constants.js';
import { encodeDataOut } from '../../../../scsi/transport/iscsi/pdu/data-out.js';
import { encodeLoginRequest } from '../../../../scsi/transport/iscsi/pdu/login.js';
import { decodeNopIn, encodeNopOut } from '../../../../scsi/transport/iscsi/pdu/nop.js';
import { framePduToBuffer, type ReceivedPdu } from '../../../../scsi/transport/iscsi/pdu/pdu-framing.js';
import { makePdu, newBhs, pduOpcode, type Pdu } from '../../../../scsi/transport/iscsi/pdu/pdu.js';
import { decodeReject } from '../../../../scsi/transport/iscsi/pdu/reject.js';
import { encodeScsiCommand } from '../../../../scsi/transport/iscsi/pdu/scsi-command.js';
import { decodeScsiResponse } from '../../../../scsi/transport/iscsi/pdu/scsi-response.js';
import { encodeTaskManagementRequest } from '../../../../scsi/transport/iscsi/pdu/task-management.js';
import { encodeTextRequest } from '../../../../scsi/transport/iscsi/pdu/text.js';
import type { IscsiInitiator } from '../../../../scsi/transport/iscsi/index.js';
import { RawSession } from './support/raw-session.js';
import { Cdb, TargetFixture, eventually } from './support/target-fixture.js';

const tur = { lun: 0, cdb: Cdb.testUnitReady(), allocationLength: 0 } as const;

function command(raw: RawSession, over: Partial<Parameters<typeof encodeScsiCommand>[0]> = {}): Pdu {
  return encodeScsiCommand({ immediate: false, final: true, read: false, write: false, lun: 0, initiatorTaskTag: 0x100, expectedDataTransferLength: 0, cmdSN: raw.cmdSN, expStatSN: raw.expStatSN, cdb: Cdb.testUnitReady(), ...over });
}

function ping(raw: RawSession, itt = 0x7777): Pdu {
  return encodeNopOut({ immediate: true, initiatorTaskTag: itt, cmdSN: raw.cmdSN, expStatSN: raw.expStatSN, data: Buffer.from('alive?') });
}

async function expectReject(raw: RawSession, reason: number): Promise<ReceivedPdu> {
  const pdu = await raw.next();
  expect(pdu, 'a Reject').to.not.equal(undefined);
  expect(pduOpcode(pdu!.bhs)).to.equal(IscsiOpcode.REJECT);
  expect(decodeReject(pdu!).reason).to.equal(reason);
  return pdu!;
}

describe('iscsi fuzz: malformed input never takes the target down', function () {
  let fixture: TargetFixture;
  let bystander: IscsiInitiator;

  beforeEach(async () => {
    fixture = await TargetFixture.start({ negotiation: { maxRecvDataSegmentLength: 8192 } });
    bystander = await fixture.connect({ initiatorName: 'iqn.2026-01.org.example:bystander' });
  });

  afterEach(async () => {
    // The session that was there before the abuse still works, and a new one can log in.
    expect((await bystander.execute(tur)).status).to.equal(0);
    const late = await fixture.connect({ initiatorName: 'iqn.2026-01.org.example:late' });
    expect((await late.execute({ lun: 0, cdb: Cdb.inquiry(96), allocationLength: 96 })).dataIn).to.have.length(96);
    fixture.backend.releaseMoves();
    await eventually(() => fixture.target.sessions().length === 2, 'only the two good sessions to remain');
    await fixture.close();
  });

  it('survives random garbage before login', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (garbage) => {
        const raw = await RawSession.connect(fixture.port);
        raw.send(Buffer.from(garbage));
        await new Promise((resolve) => setTimeout(resolve, 5));
        raw.close();
      }),
      { numRuns: 40 },
    );
  });

  it('closes a connection that sends something other than a Login Request first', async () => {
    const raw = await RawSession.connect(fixture.port);
    raw.send(command(raw));
    await raw.untilClosed();
  });

  it('rejects unknown opcodes, target opcodes, SNACK and a late Login Request, and keeps the session', async () => {
    const raw = await RawSession.connect(fixture.port);
    await raw.login();
    raw.send(makePdu(newBhs(0x1e)));
    await expectReject(raw, RejectReason.COMMAND_NOT_SUPPORTED);
    raw.send(makePdu(newBhs(IscsiOpcode.SCSI_RESPONSE)));
    await expectReject(raw, RejectReason.PROTOCOL_ERROR);
    raw.send(makePdu(newBhs(IscsiOpcode.SNACK_REQUEST)));
    await expectReject(raw, RejectReason.PROTOCOL_ERROR);
    raw.send(encodeLoginRequest({ transit: true, continue: false, currentStage: 1, nextStage: 3, versionMax: 0, versionMin: 0, isid: Buffer.alloc(6), tsih: 0, initiatorTaskTag: 1, cid: 0, cmdSN: 1, expStatSN: 0, data: Buffer.alloc(0) }));
    await expectReject(raw, RejectReason.PROTOCOL_ERROR);
    raw.send(ping(raw));
    expect(decodeNopIn((await raw.next())!).data.toString()).to.equal('alive?');
    raw.close();
  });

  it('rejects bad SCSI Command fields: AHS, LUN format, bidirectional, immediate data without W, busy tag', async () => {
    const raw = await RawSession.connect(fixture.port);
    await raw.login();
    const badAhs = command(raw);
    raw.send(framePduToBuffer({ bhs: Buffer.concat([badAhs.bhs.subarray(0, 4), Buffer.from([1]), badAhs.bhs.subarray(5)]), ahs: Buffer.from('00ff0100', 'hex'), data: Buffer.alloc(0) }));
    await expectReject(raw, RejectReason.INVALID_PDU_FIELD);
    const badLun = command(raw);
    badLun.bhs.writeUInt32BE(0xc0000001, 8);
    raw.send(badLun);
    await expectReject(raw, RejectReason.INVALID_PDU_FIELD);
    raw.send(command(raw, { read: true, write: true, expectedDataTransferLength: 8 }));
    await expectReject(raw, RejectReason.COMMAND_NOT_SUPPORTED);
    raw.send(command(raw, { data: Buffer.alloc(8) }));
    await expectReject(raw, RejectReason.PROTOCOL_ERROR);
    raw.send(command(raw, { cdb: Cdb.moveMedium(), initiatorTaskTag: 0x200 }));
    raw.cmdSN++;
    await eventually(() => fixture.backend.movesWaiting === 1, 'MOVE MEDIUM at the backend');
    raw.send(command(raw, { initiatorTaskTag: 0x200 }));
    await expectReject(raw, RejectReason.TASK_IN_PROGRESS);
    raw.close();
  });

  it('ignores a command outside the CmdSN window (RFC 7143 4.2.2.1) and answers what follows', async () => {
    const raw = await RawSession.connect(fixture.port);
    await raw.login();
    const before = fixture.backend.calls.length;
    raw.send(command(raw, { cmdSN: raw.cmdSN + 1000, cdb: Cdb.inquiry(36), read: true, expectedDataTransferLength: 36 }));
    raw.send(command(raw, { cmdSN: raw.cmdSN - 5, initiatorTaskTag: 0x101 }));
    raw.send(ping(raw));
    const next = await raw.next();
    expect(pduOpcode(next!.bhs)).to.equal(IscsiOpcode.NOP_IN);
    expect(fixture.backend.calls.length).to.equal(before);
    raw.send(command(raw, { initiatorTaskTag: 0x102 }));
    expect(decodeScsiResponse((await raw.next())!).status).to.equal(0);
    raw.close();
  });

  it('rejects Data-Out for an unknown task and a Text Request with an unknown continuation tag', async () => {
    const raw = await RawSession.connect(fixture.port);
    await raw.login();
    raw.send(encodeDataOut({ final: true, lunField: Buffer.alloc(8), initiatorTaskTag: 0xabc, targetTransferTag: 9, expStatSN: raw.expStatSN, dataSN: 0, bufferOffset: 0, data: Buffer.alloc(16) }));
    await expectReject(raw, RejectReason.PROTOCOL_ERROR);
    raw.send(encodeTextRequest({ immediate: true, final: true, continue: false, initiatorTaskTag: 5, targetTransferTag: 1234, cmdSN: raw.cmdSN, expStatSN: raw.expStatSN, data: Buffer.alloc(0) }));
    await expectReject(raw, RejectReason.INVALID_PDU_FIELD);
    raw.close();
  });

  it('rejects then closes on a data segment beyond MaxRecvDataSegmentLength', async () => {
    const raw = await RawSession.connect(fixture.port);
    await raw.login();
    raw.send(encodeNopOut({ immediate: true, initiatorTaskTag: 1, cmdSN: raw.cmdSN, expStatSN: raw.expStatSN, data: Buffer.alloc(9000) }));
    await expectReject(raw, RejectReason.PROTOCOL_ERROR);
    await raw.untilClosed();
  });

  it('closes on a header digest error and rejects data digest errors (a damaged Data-Out fails its task)', async () => {
    const closing = await RawSession.connect(fixture.port);
    await closing.login({ HeaderDigest: 'CRC32C', DataDigest: 'CRC32C' });
    closing.setDigests({ header: true, data: true });
    const framed = framePduToBuffer(ping(closing), { header: true, data: true });
    framed.writeUInt8(framed.readUInt8(49) ^ 0xff, 49);
    closing.send(framed);
    await closing.untilClosed();

    const raw = await RawSession.connect(fixture.port);
    await raw.login({ HeaderDigest: 'CRC32C', DataDigest: 'CRC32C', ImmediateData: 'No' });
    raw.setDigests({ header: true, data: true });
    const damaged = framePduToBuffer(ping(raw), { header: true, data: true });
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 1) ^ 0xff, damaged.length - 1);
    raw.send(damaged);
    await expectReject(raw, RejectReason.DATA_DIGEST_ERROR);

    raw.send(command(raw, { write: true, expectedDataTransferLength: 12, cdb: Cdb.modeSelect6(12), initiatorTaskTag: 0x300 }));
    const r2t = await raw.next();
    expect(pduOpcode(r2t!.bhs)).to.equal(IscsiOpcode.R2T);
    const dataOut = framePduToBuffer(
      encodeDataOut({ final: true, lunField: Buffer.alloc(8), initiatorTaskTag: 0x300, targetTransferTag: r2t!.bhs.readUInt32BE(20), expStatSN: raw.expStatSN, dataSN: 0, bufferOffset: 0, data: Buffer.alloc(12, 1) }),
      { header: true, data: true },
    );
    dataOut.writeUInt8(dataOut.readUInt8(60) ^ 0x01, 60);
    raw.send(dataOut);
    await expectReject(raw, RejectReason.DATA_DIGEST_ERROR);
    const response = decodeScsiResponse((await raw.next())!);
    expect([response.status, response.senseData[2], response.senseData[12], response.senseData[13]]).to.deep.equal([2, 0x0b, 0x47, 0x05]);
    raw.close();
  });

  it('refuses to buffer a write longer than 16 MiB (CHECK CONDITION, PARAMETER LIST LENGTH ERROR)', async () => {
    const raw = await RawSession.connect(fixture.port);
    await raw.login();
    raw.send(command(raw, { write: true, expectedDataTransferLength: 0xfffffff0, cdb: Cdb.modeSelect10(0xffff), initiatorTaskTag: 0x500 }));
    const response = decodeScsiResponse((await raw.next())!);
    expect([response.status, response.senseData[2], response.senseData[12]]).to.deep.equal([2, 5, 0x1a]);
    raw.close();
  });

  it('rejects SCSI commands in a discovery session', async () => {
    const raw = await RawSession.connect(fixture.port);
    await raw.login({ SessionType: 'Discovery' });
    raw.send(command(raw));
    await expectReject(raw, RejectReason.PROTOCOL_ERROR);
    raw.close();
  });

  it('survives randomly mutated headers of valid PDUs after login', async () => {
    const templates = (raw: RawSession): Pdu[] => [
      command(raw, { initiatorTaskTag: 0x400 }),
      command(raw, { initiatorTaskTag: 0x401, read: true, expectedDataTransferLength: 96, cdb: Cdb.inquiry(96) }),
      encodeNopOut({ immediate: false, initiatorTaskTag: 0x402, cmdSN: raw.cmdSN, expStatSN: raw.expStatSN, data: Buffer.from('x') }),
      encodeTextRequest({ immediate: true, final: true, continue: false, initiatorTaskTag: 0x403, cmdSN: raw.cmdSN, expStatSN: raw.expStatSN, data: Buffer.from('SendTargets=\0') }),
      encodeTaskManagementRequest({ immediate: true, function: 1, lun: 0, initiatorTaskTag: 0x404, referencedTaskTag: 0x400, cmdSN: raw.cmdSN, expStatSN: raw.expStatSN }),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.nat(4),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 47 }).filter((i) => i < 4 || i > 7), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
        async (which, mutations) => {
          const raw = await RawSession.connect(fixture.port);
          await raw.login({}, `80${(which * 1000 + mutations.length).toString(16).padStart(6, '0')}0000`);
          const pdu = templates(raw)[which]!;
          const bhs = Buffer.from(pdu.bhs);
          for (const [at, value] of mutations) bhs[at] = value;
          // A cold or warm reset would (rightly) drop the bystander too; keep the fuzz to one session.
          if (((bhs[0] ?? 0) & 0x3f) === IscsiOpcode.TASK_MANAGEMENT_REQUEST) bhs[1] = 0x81;
          raw.send(framePduToBuffer({ bhs, ahs: pdu.ahs, data: pdu.data }));
          raw.send(ping(raw, 0x7777));
          for (;;) {
            const reply = await raw.next(20);
            if (reply === undefined || (pduOpcode(reply.bhs) === IscsiOpcode.NOP_IN && reply.bhs.readUInt32BE(16) === 0x7777)) break;
          }
          raw.close();
        },
      ),
      { numRuns: 60 },
    );
  });
});
