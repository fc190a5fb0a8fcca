/**
 * iSCSI fuzz, framing and session level: garbage, wrong first PDU, unknown opcodes, oversized segments, digest
 * errors, mutated headers. The target stays up and other sessions keep working. Spec: RFC 7143 6.2, 11.17;
 * docs/iscsi.md 7.8.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { IscsiOpcode, RejectReason } from '../../../../scsi/transport/iscsi/constants.js';
import { encodeDataOut } from '../../../../scsi/transport/iscsi/pdu/data-out.js';
import { encodeLoginRequest } from '../../../../scsi/transport/iscsi/pdu/login.js';
import { decodeNopIn, encodeNopOut } from '../../../../scsi/transport/iscsi/pdu/nop.js';
import { framePduToBuffer } from '../../../../scsi/transport/iscsi/pdu/pdu-framing.js';
import { makePdu, newBhs, pduOpcode, type Pdu } from '../../../../scsi/transport/iscsi/pdu/pdu.js';
import { decodeScsiResponse } from '../../../../scsi/transport/iscsi/pdu/scsi-response.js';
import { encodeTaskManagementRequest } from '../../../../scsi/transport/iscsi/pdu/task-management.js';
import { encodeTextRequest } from '../../../../scsi/transport/iscsi/pdu/text.js';
import { RawSession } from './support/raw-session.js';
import { Cdb } from './support/target-fixture.js';
import { command, expectReject, ping, useAbusedTarget } from './support/abuse.js';

describe('iscsi fuzz: malformed input never takes the target down', function () {
  const target = useAbusedTarget();

  it('survives random garbage before login', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (garbage) => {
        const raw = await RawSession.connect(target().port);
        raw.send(Buffer.from(garbage));
        await new Promise((resolve) => setTimeout(resolve, 5));
        raw.close();
      }),
      { numRuns: 40 },
    );
  });

  it('closes a connection that sends something other than a Login Request first', async () => {
    const raw = await RawSession.connect(target().port);
    raw.send(command(raw));
    await raw.untilClosed();
  });

  it('rejects unknown opcodes, target opcodes, SNACK and a late Login Request, and keeps the session', async () => {
    const raw = await RawSession.connect(target().port);
    await raw.login();
    raw.send(makePdu(newBhs(0x1e)));
    await expectReject(raw, RejectReason.COMMAND_NOT_SUPPORTED);
    raw.send(makePdu(newBhs(IscsiOpcode.SCSI_RESPONSE)));
    await expectReject(raw, RejectReason.PROTOCOL_ERROR);
    raw.send(makePdu(newBhs(IscsiOpcode.SNACK_REQUEST)));
    await expectReject(raw, RejectReason.PROTOCOL_ERROR);
    raw.send(
      encodeLoginRequest({
        transit: true,
        continue: false,
        currentStage: 1,
        nextStage: 3,
        versionMax: 0,
        versionMin: 0,
        isid: Buffer.alloc(6),
        tsih: 0,
        initiatorTaskTag: 1,
        cid: 0,
        cmdSN: 1,
        expStatSN: 0,
        data: Buffer.alloc(0),
      }),
    );
    await expectReject(raw, RejectReason.PROTOCOL_ERROR);
    raw.send(ping(raw));
    expect(decodeNopIn((await raw.next())!).data.toString()).to.equal('alive?');
    raw.close();
  });

  it('rejects then closes on a data segment beyond MaxRecvDataSegmentLength', async () => {
    const raw = await RawSession.connect(target().port);
    await raw.login();
    raw.send(
      encodeNopOut({
        immediate: true,
        initiatorTaskTag: 1,
        cmdSN: raw.cmdSN,
        expStatSN: raw.expStatSN,
        data: Buffer.alloc(9000),
      }),
    );
    await expectReject(raw, RejectReason.PROTOCOL_ERROR);
    await raw.untilClosed();
  });

  it('closes on a header digest error and rejects data digest errors (a damaged Data-Out fails its task)', async () => {
    const closing = await RawSession.connect(target().port);
    await closing.login({ HeaderDigest: 'CRC32C', DataDigest: 'CRC32C' });
    closing.setDigests({ header: true, data: true });
    const framed = framePduToBuffer(ping(closing), { header: true, data: true });
    framed.writeUInt8(framed.readUInt8(49) ^ 0xff, 49);
    closing.send(framed);
    await closing.untilClosed();

    const raw = await RawSession.connect(target().port);
    await raw.login({ HeaderDigest: 'CRC32C', DataDigest: 'CRC32C', ImmediateData: 'No' });
    raw.setDigests({ header: true, data: true });
    const damaged = framePduToBuffer(ping(raw), { header: true, data: true });
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 1) ^ 0xff, damaged.length - 1);
    raw.send(damaged);
    await expectReject(raw, RejectReason.DATA_DIGEST_ERROR);

    raw.send(
      command(raw, { write: true, expectedDataTransferLength: 12, cdb: Cdb.modeSelect6(12), initiatorTaskTag: 0x300 }),
    );
    const r2t = await raw.next();
    expect(pduOpcode(r2t!.bhs)).to.equal(IscsiOpcode.R2T);
    const dataOut = framePduToBuffer(
      encodeDataOut({
        final: true,
        lunField: Buffer.alloc(8),
        initiatorTaskTag: 0x300,
        targetTransferTag: r2t!.bhs.readUInt32BE(20),
        expStatSN: raw.expStatSN,
        dataSN: 0,
        bufferOffset: 0,
        data: Buffer.alloc(12, 1),
      }),
      { header: true, data: true },
    );
    dataOut.writeUInt8(dataOut.readUInt8(60) ^ 0x01, 60);
    raw.send(dataOut);
    await expectReject(raw, RejectReason.DATA_DIGEST_ERROR);
    const response = decodeScsiResponse((await raw.next())!);
    expect([response.status, response.senseData[2], response.senseData[12], response.senseData[13]]).to.deep.equal([
      2, 0x0b, 0x47, 0x05,
    ]);
    raw.close();
  });

  it('survives randomly mutated headers of valid PDUs after login', async () => {
    const templates = (raw: RawSession): Pdu[] => [
      command(raw, { initiatorTaskTag: 0x400 }),
      command(raw, { initiatorTaskTag: 0x401, read: true, expectedDataTransferLength: 96, cdb: Cdb.inquiry(96) }),
      encodeNopOut({
        immediate: false,
        initiatorTaskTag: 0x402,
        cmdSN: raw.cmdSN,
        expStatSN: raw.expStatSN,
        data: Buffer.from('x'),
      }),
      encodeTextRequest({
        immediate: true,
        final: true,
        continue: false,
        initiatorTaskTag: 0x403,
        cmdSN: raw.cmdSN,
        expStatSN: raw.expStatSN,
        data: Buffer.from('SendTargets=\0'),
      }),
      encodeTaskManagementRequest({
        immediate: true,
        function: 1,
        lun: 0,
        initiatorTaskTag: 0x404,
        referencedTaskTag: 0x400,
        cmdSN: raw.cmdSN,
        expStatSN: raw.expStatSN,
      }),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.nat(4),
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 47 }).filter((i) => i < 4 || i > 7),
            fc.integer({ min: 0, max: 255 }),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        async (which, mutations) => {
          const raw = await RawSession.connect(target().port);
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
            if (
              reply === undefined ||
              (pduOpcode(reply.bhs) === IscsiOpcode.NOP_IN && reply.bhs.readUInt32BE(16) === 0x7777)
            )
              break;
          }
          raw.close();
        },
      ),
      { numRuns: 60 },
    );
  });
});
