import { expect } from 'chai';
import { Asc, SenseKey } from '../../../../scsi/codec/sense-codes.js';
import { ScsiStatus } from '../../../../scsi/codec/status.js';
import { TransportError } from '../../../../scsi/transport/scsi-transport.js';
import { FrameType } from '../../../../scsi/transport/serial/frame-format.js';
import { ResponseCode, decodeResponse, encodeCommand } from '../../../../scsi/transport/serial/scsi-messages.js';
import { ResetReason, decodeReset, encodeHello } from '../../../../scsi/transport/serial/session-messages.js';
import { Cdbs, FakeChanger, INQUIRY_DATA, elementStatusPattern, fixedSense } from './support/fake-changer.js';
import { driveUntil, rejectionOf } from './support/drive.js';
import { FIRST_NONCE, Harness } from './support/harness.js';

const NEXUS_A = 'serial:host-a@ttyS0';

describe('serial transport: initiator and target over an in-memory line', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  describe('the ScsiTransport contract', () => {
    it('opens a session whose nexus is named after the initiator and the target port', async () => {
      h = new Harness();
      const i = await h.connect();
      expect(i.nexus).to.equal(NEXUS_A);
      expect(h.target.nexus).to.equal(NEXUS_A);
      expect(h.events).to.deep.equal([`start ${NEXUS_A}`]);
    });

    it('returns CHECK CONDITION with sense as a value: the unit attention of a new nexus, then GOOD', async () => {
      h = new Harness();
      const i = await h.connect();
      const first = await i.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 });
      expect(first.status).to.equal(ScsiStatus.CHECK_CONDITION);
      expect(first.senseData).to.deep.equal(
        fixedSense(SenseKey.UNIT_ATTENTION, Asc.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED),
      );
      const second = await i.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 });
      expect(second.status).to.equal(ScsiStatus.GOOD);
      expect(second.senseData).to.equal(undefined);
      const unknown = await i.execute({ lun: 0, cdb: Cdbs.unknown(), allocationLength: 0 });
      expect([unknown.status, unknown.senseData?.[2], unknown.senseData?.[12]]).to.deep.equal([
        ScsiStatus.CHECK_CONDITION,
        SenseKey.ILLEGAL_REQUEST,
        0x20,
      ]);
    });

    it('passes LUN, CDB and data-out to the backend under the session nexus', async () => {
      h = new Harness();
      const i = await h.connect();
      await i.execute({ lun: 3, cdb: Cdbs.modeSelect6(4), dataOut: Buffer.of(1, 2, 3, 4), allocationLength: 0 });
      expect(h.backend.calls[0]).to.deep.equal({
        nexus: NEXUS_A,
        lun: 3,
        cdb: [...Cdbs.modeSelect6(4)],
        dataOut: [1, 2, 3, 4],
      });
    });

    it('cuts data-in to the allocation length and reports the residual', async () => {
      h = new Harness();
      const i = await h.connect();
      const full = await i.execute({ lun: 0, cdb: Cdbs.inquiry(36), allocationLength: 36 });
      expect(full.dataIn).to.deep.equal(INQUIRY_DATA);
      expect(full.residualOverflow).to.equal(undefined);
      const cut = await i.execute({ lun: 0, cdb: Cdbs.inquiry(36), allocationLength: 5 });
      expect(cut.dataIn).to.deep.equal(INQUIRY_DATA.subarray(0, 5));
      expect(cut.residualOverflow).to.equal(31);
      const none = await i.execute({ lun: 0, cdb: Cdbs.inquiry(36), allocationLength: 0 });
      expect([none.dataIn.length, none.residualOverflow]).to.deep.equal([0, 36]);
    });

    it('carries a 1 MB data-in intact', async () => {
      h = new Harness({ backend: new FakeChanger(1024 * 1024) });
      const i = await h.connect();
      await i.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 }); // clear the unit attention
      const size = 1024 * 1024;
      const r = await i.execute({ lun: 0, cdb: Cdbs.readElementStatus(size), allocationLength: size });
      expect(r.status).to.equal(ScsiStatus.GOOD);
      expect(r.dataIn.length).to.equal(size);
      expect(r.dataIn.equals(elementStatusPattern(size))).to.equal(true);
      const framing = i.stats().bytesIn - size;
      expect(framing / size).to.be.below(0.05);
    });

    it('matches concurrent commands to their responses by tag', async () => {
      h = new Harness();
      const i = await h.connect();
      await i.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 });
      const sizes = [36, 5, 4000, 1, 10_000];
      const results = await Promise.all(
        sizes.map((n) =>
          i.execute({ lun: 0, cdb: n <= 36 ? Cdbs.inquiry(n) : Cdbs.readElementStatus(n), allocationLength: n }),
        ),
      );
      expect(results.map((r) => r.dataIn.length)).to.deep.equal(sizes);
      expect(results[2]!.dataIn.equals(elementStatusPattern(64 * 1024).subarray(0, 4000))).to.equal(true);
    });

    it('rejects with ETRANSPORT when the target fails a command, and keeps serving', async () => {
      h = new Harness();
      const i = await h.connect();
      const error = await rejectionOf(i.execute({ lun: 0, cdb: Cdbs.throwing(), allocationLength: 0 }));
      expect(error).to.be.instanceOf(TransportError);
      expect(error.code).to.equal('ETRANSPORT');
      expect((await i.execute({ lun: 0, cdb: Cdbs.inquiry(36), allocationLength: 36 })).status).to.equal(
        ScsiStatus.GOOD,
      );
    });

    it('rejects with EINVAL what the COMMAND layout cannot carry', async () => {
      h = new Harness();
      const i = await h.connect();
      expect((await rejectionOf(i.execute({ lun: 0, cdb: Buffer.alloc(17), allocationLength: 0 }))).code).to.equal(
        'EINVAL',
      );
      expect((await rejectionOf(i.execute({ lun: 70000, cdb: Buffer.alloc(6), allocationLength: 0 }))).code).to.equal(
        'EINVAL',
      );
    });

    it('after close() rejects every command with ECLOSED, and the target loses the nexus', async () => {
      h = new Harness();
      const i = await h.connectReady();
      h.backend.hold();
      const pending = rejectionOf(i.execute({ lun: 0, cdb: Cdbs.held(), allocationLength: 0 }));
      await i.close();
      expect((await pending).code).to.equal('ECLOSED');
      expect((await rejectionOf(i.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 }))).code).to.equal(
        'ECLOSED',
      );
      await driveUntil(h.clock, h.pair, () => h.backend.lost.length > 0);
      expect(h.backend.lost).to.deep.equal([NEXUS_A]);
      h.backend.release();
      await i.close(); // idempotent
    });
  });

  describe('sessions and unit attentions per initiator', () => {
    it('gives each initiator its own nexus and unit attention', async () => {
      h = new Harness();
      const a = await h.connect('host-a');
      expect((await a.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 })).status).to.equal(
        ScsiStatus.CHECK_CONDITION,
      );
      expect((await a.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 })).status).to.equal(
        ScsiStatus.GOOD,
      );
      await a.close();
      const b = await h.connect('host-b');
      expect(b.nexus).to.equal('serial:host-b@ttyS0');
      expect((await b.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 })).status).to.equal(
        ScsiStatus.CHECK_CONDITION,
      );
      expect(h.backend.calls.map((c) => c.nexus)).to.deep.equal([NEXUS_A, NEXUS_A, 'serial:host-b@ttyS0']);
      expect(h.backend.lost).to.deep.equal([NEXUS_A]);
    });

    it('treats a new HELLO after a line break as a new nexus: the old one is lost first', async () => {
      let broken = false;
      h = new Harness({ fault: (chunk, direction) => (broken && direction === 'a-to-b' ? null : chunk) });
      const before = await h.connect('host-a');
      await before.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 });
      broken = true;
      await before.close(); // its RESET is lost on the broken line: the target still thinks the session is up
      broken = false;
      expect(h.backend.lost).to.deep.equal([]);
      const after = await h.connect('host-a');
      expect(h.backend.lost).to.deep.equal([NEXUS_A]);
      expect(h.events).to.deep.equal([
        `start ${NEXUS_A}`,
        `end ${NEXUS_A}: superseded by a new HELLO`,
        `start ${NEXUS_A}`,
      ]);
      // the new nexus starts with its own unit attention
      expect((await after.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 })).status).to.equal(
        ScsiStatus.CHECK_CONDITION,
      );
    });

    it('answers a repeated HELLO of the running session with WELCOME and changes nothing', async () => {
      h = new Harness();
      const i = await h.connect('host-a');
      const frames = await h.raw({
        type: FrameType.HELLO,
        flags: 0,
        seq: 0,
        payload: encodeHello({ version: 1, nonce: FIRST_NONCE, initiatorName: 'host-a' }),
      });
      expect(frames.map((f) => f.type)).to.include(FrameType.WELCOME);
      expect(h.backend.lost).to.deep.equal([]);
      expect((await i.execute({ lun: 0, cdb: Cdbs.inquiry(36), allocationLength: 36 })).status).to.equal(
        ScsiStatus.GOOD,
      );
    });

    it('refuses a HELLO of another protocol version with RESET UNSUPPORTED VERSION', async () => {
      h = new Harness();
      const frames = await h.raw({
        type: FrameType.HELLO,
        flags: 0,
        seq: 0,
        payload: encodeHello({ version: 2, nonce: 7, initiatorName: 'future' }),
      });
      const reset = frames.find((f) => f.type === FrameType.RESET);
      expect(reset && decodeReset(reset.payload).reason).to.equal(ResetReason.UNSUPPORTED_VERSION);
      expect(h.target.nexus).to.equal(undefined);
    });

    it('answers a COMMAND without a session with RESET NO SESSION', async () => {
      h = new Harness();
      const command = encodeCommand({
        tag: 9,
        lun: 0,
        cdb: Cdbs.testUnitReady(),
        allocationLength: 0,
        dataOut: Buffer.alloc(0),
      });
      const frames = await h.raw({ type: FrameType.COMMAND, flags: 0, seq: 0, payload: command });
      const reset = frames.find((f) => f.type === FrameType.RESET);
      expect(reset && decodeReset(reset.payload).reason).to.equal(ResetReason.NO_SESSION);
      expect(h.backend.calls).to.deep.equal([]);
    });

    it('answers a malformed COMMAND with a readable tag with RESPONSE REJECTED', async () => {
      h = new Harness();
      await h.raw({
        type: FrameType.HELLO,
        flags: 0,
        seq: 0,
        payload: encodeHello({ version: 1, nonce: 5, initiatorName: 'raw' }),
      });
      const bad = encodeCommand({
        tag: 77,
        lun: 0,
        cdb: Cdbs.testUnitReady(),
        allocationLength: 0,
        dataOut: Buffer.alloc(0),
      });
      bad[6] = 0; // CDB length 0
      const frames = await h.raw({ type: FrameType.COMMAND, flags: 0, seq: 0, payload: bad });
      const response = frames.find((f) => f.type === FrameType.RESPONSE);
      const decoded = response && decodeResponse(response.payload);
      expect(decoded?.ok && [decoded.value.tag, decoded.value.code]).to.deep.equal([77, ResponseCode.REJECTED]);
      expect(h.backend.calls).to.deep.equal([]);
    });

    it('answers TASK SET FULL beyond the queue depth', async () => {
      h = new Harness({ target: { queueDepth: 1 } });
      const i = await h.connect();
      await i.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 });
      h.backend.hold();
      const running = i.execute({ lun: 0, cdb: Cdbs.held(), allocationLength: 0 });
      const queued = i.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 });
      const refused = await i.execute({ lun: 0, cdb: Cdbs.testUnitReady(), allocationLength: 0 });
      expect(refused.status).to.equal(ScsiStatus.TASK_SET_FULL);
      h.backend.release();
      expect((await running).status).to.equal(ScsiStatus.GOOD);
      expect((await queued).status).to.equal(ScsiStatus.GOOD);
    });
  });
});
