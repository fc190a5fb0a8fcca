/**
 * iSCSI fuzz, command level: bad SCSI Command fields, the CmdSN window, stray Data-Out and Text continuations,
 * oversized writes, commands in a discovery session. Spec: RFC 7143 4.2.2.1, 6.2, 11.3, 11.17; docs/iscsi.md 7.8.
 */
import { expect } from 'chai';
import { IscsiOpcode, RejectReason } from '../../../../scsi/transport/iscsi/constants.js';
import { encodeDataOut } from '../../../../scsi/transport/iscsi/pdu/data-out.js';
import { framePduToBuffer } from '../../../../scsi/transport/iscsi/pdu/pdu-framing.js';
import { pduOpcode } from '../../../../scsi/transport/iscsi/pdu/pdu.js';
import { decodeScsiResponse } from '../../../../scsi/transport/iscsi/pdu/scsi-response.js';
import { encodeTextRequest } from '../../../../scsi/transport/iscsi/pdu/text.js';
import { RawSession } from './support/raw-session.js';
import { Cdb, eventually } from './support/target-fixture.js';
import { command, expectReject, ping, useAbusedTarget } from './support/abuse.js';

describe('iscsi fuzz: malformed commands are rejected and the session goes on', function () {
  const target = useAbusedTarget();

  it('rejects bad SCSI Command fields: AHS, LUN format, bidirectional, immediate data without W, busy tag', async () => {
    const raw = await RawSession.connect(target().port);
    await raw.login();
    const badAhs = command(raw);
    raw.send(
      framePduToBuffer({
        bhs: Buffer.concat([badAhs.bhs.subarray(0, 4), Buffer.from([1]), badAhs.bhs.subarray(5)]),
        ahs: Buffer.from('00ff0100', 'hex'),
        data: Buffer.alloc(0),
      }),
    );
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
    await eventually(() => target().backend.movesWaiting === 1, 'MOVE MEDIUM at the backend');
    raw.send(command(raw, { initiatorTaskTag: 0x200 }));
    await expectReject(raw, RejectReason.TASK_IN_PROGRESS);
    raw.close();
  });

  it('ignores a command outside the CmdSN window (RFC 7143 4.2.2.1) and answers what follows', async () => {
    const raw = await RawSession.connect(target().port);
    await raw.login();
    const before = target().backend.calls.length;
    raw.send(
      command(raw, { cmdSN: raw.cmdSN + 1000, cdb: Cdb.inquiry(36), read: true, expectedDataTransferLength: 36 }),
    );
    raw.send(command(raw, { cmdSN: raw.cmdSN - 5, initiatorTaskTag: 0x101 }));
    raw.send(ping(raw));
    const next = await raw.next();
    expect(pduOpcode(next!.bhs)).to.equal(IscsiOpcode.NOP_IN);
    expect(target().backend.calls.length).to.equal(before);
    raw.send(command(raw, { initiatorTaskTag: 0x102 }));
    expect(decodeScsiResponse((await raw.next())!).status).to.equal(0);
    raw.close();
  });

  it('rejects Data-Out for an unknown task and a Text Request with an unknown continuation tag', async () => {
    const raw = await RawSession.connect(target().port);
    await raw.login();
    raw.send(
      encodeDataOut({
        final: true,
        lunField: Buffer.alloc(8),
        initiatorTaskTag: 0xabc,
        targetTransferTag: 9,
        expStatSN: raw.expStatSN,
        dataSN: 0,
        bufferOffset: 0,
        data: Buffer.alloc(16),
      }),
    );
    await expectReject(raw, RejectReason.PROTOCOL_ERROR);
    raw.send(
      encodeTextRequest({
        immediate: true,
        final: true,
        continue: false,
        initiatorTaskTag: 5,
        targetTransferTag: 1234,
        cmdSN: raw.cmdSN,
        expStatSN: raw.expStatSN,
        data: Buffer.alloc(0),
      }),
    );
    await expectReject(raw, RejectReason.INVALID_PDU_FIELD);
    raw.close();
  });

  it('refuses to buffer a write longer than 16 MiB (CHECK CONDITION, PARAMETER LIST LENGTH ERROR)', async () => {
    const raw = await RawSession.connect(target().port);
    await raw.login();
    raw.send(
      command(raw, {
        write: true,
        expectedDataTransferLength: 0xfffffff0,
        cdb: Cdb.modeSelect10(0xffff),
        initiatorTaskTag: 0x500,
      }),
    );
    const response = decodeScsiResponse((await raw.next())!);
    expect([response.status, response.senseData[2], response.senseData[12]]).to.deep.equal([2, 5, 0x1a]);
    raw.close();
  });

  it('rejects SCSI commands in a discovery session', async () => {
    const raw = await RawSession.connect(target().port);
    await raw.login({ SessionType: 'Discovery' });
    raw.send(command(raw));
    await expectReject(raw, RejectReason.PROTOCOL_ERROR);
    raw.close();
  });
});
