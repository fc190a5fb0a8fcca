/**
 * Decoding of a completed SG_IO: every host_status and driver_status value into a TransportError with its named
 * code (time-outs as ETIMEDOUT saying after how long), DRIVER_SENSE with CHECK CONDITION as a value with its sense,
 * resid into the data-in length, and no data-in with statuses other than GOOD and CONDITION MET.
 * Spec: scsi/transport/sg/sg-status.ts (the tables); Linux SCSI generic HOWTO (sg v3 result fields); SAM-5 5.3.
 * See docs/scsi-model.md 2.
 */
import { expect } from 'chai';
import {
  decodeSgResult,
  DRIVER_STATUS,
  HOST_STATUS,
  SgTransportError,
  type SgIoReply,
} from '../../../../scsi/transport/sg/index.js';
import { TransportError } from '../../../../scsi/transport/scsi-transport.js';

const ok: SgIoReply = {
  status: 0,
  maskedStatus: 0,
  msgStatus: 0,
  sbLenWr: 0,
  hostStatus: 0,
  driverStatus: 0,
  resid: 0,
  durationMs: 3,
  info: 0,
};
const label = { what: 'MOVE MEDIUM (a5h) on sg:/dev/sg3', timeoutMs: 300_000 };
const sense = (): Buffer => {
  const s = Buffer.alloc(252);
  Buffer.from('700005000000000a00000000213b00000000', 'hex').copy(s);
  return s;
};

function thrown(fn: () => unknown): SgTransportError {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(SgTransportError).and.instanceOf(TransportError);
    return e as SgTransportError;
  }
  return expect.fail('expected an SgTransportError');
}

describe('sg result decoding', () => {
  it('turns every host_status into a TransportError with its name as code (DID_TIME_OUT as ETIMEDOUT)', () => {
    const codes = [...HOST_STATUS].map(([value]) => value);
    expect(codes).to.deep.equal(Array.from({ length: 0x14 }, (_, i) => i + 1));
    for (const [value, entry] of HOST_STATUS) {
      const e = thrown(() => decodeSgResult({ ...ok, hostStatus: value, info: 1 }, Buffer.alloc(8), sense(), label));
      expect(e.hostStatus).to.equal(value);
      expect(e.message).to.contain(label.what).and.contain(`(${entry.name})`);
      expect(e.code).to.equal(entry.name === 'DID_TIME_OUT' ? 'ETIMEDOUT' : entry.name);
    }
    for (const name of ['DID_NO_CONNECT', 'DID_BUS_BUSY', 'DID_BAD_TARGET', 'DID_ERROR', 'DID_RESET'])
      expect([...HOST_STATUS.values()].map((e) => e.code)).to.include(name);
    expect(thrown(() => decodeSgResult({ ...ok, hostStatus: 3 }, undefined, sense(), label)).message).to.equal(
      'MOVE MEDIUM (a5h) on sg:/dev/sg3: timed out after 300 s (DID_TIME_OUT)',
    );
    expect(thrown(() => decodeSgResult({ ...ok, hostStatus: 0x2a }, undefined, sense(), label))).to.include({
      code: 'DID_UNKNOWN',
      message: 'MOVE MEDIUM (a5h) on sg:/dev/sg3: an unknown host adapter status (host_status 0x2a)',
    });
  });

  it('turns every driver_status but DRIVER_OK and DRIVER_SENSE into a TransportError (DRIVER_TIMEOUT as ETIMEDOUT)', () => {
    for (const [value, entry] of DRIVER_STATUS) {
      if (entry.name === 'DRIVER_SENSE') continue;
      const e = thrown(() => decodeSgResult({ ...ok, driverStatus: value }, undefined, sense(), label));
      expect(e.code).to.equal(entry.name === 'DRIVER_TIMEOUT' ? 'ETIMEDOUT' : entry.name);
      expect(e.driverStatus).to.equal(value);
    }
    expect(thrown(() => decodeSgResult({ ...ok, driverStatus: 0x26 }, undefined, sense(), label)).message).to.equal(
      'MOVE MEDIUM (a5h) on sg:/dev/sg3: timed out after 300 s (DRIVER_TIMEOUT|SUGGEST_ABORT)',
    );
    expect(thrown(() => decodeSgResult({ ...ok, driverStatus: 0x0b }, undefined, sense(), label)).code).to.equal(
      'DRIVER_UNKNOWN',
    );
    // the host adapter's word comes first when both speak
    expect(
      thrown(() => decodeSgResult({ ...ok, hostStatus: 1, driverStatus: 4 }, undefined, sense(), label)).code,
    ).to.equal('DID_NO_CONNECT');
  });

  it('returns CHECK CONDITION with DRIVER_SENSE as a value: the sense bytes written, no data-in', () => {
    const r = decodeSgResult(
      { ...ok, status: 0x02, maskedStatus: 1, sbLenWr: 18, driverStatus: 0x08, resid: 0, info: 1 },
      Buffer.alloc(96, 0xaa),
      sense(),
      label,
    );
    expect(r.status).to.equal(0x02);
    expect(r.senseData?.toString('hex')).to.equal('700005000000000a00000000213b00000000');
    expect(r.dataIn.length).to.equal(0);
    // suggestion bits beside DRIVER_SENSE change nothing
    expect(
      decodeSgResult({ ...ok, status: 2, sbLenWr: 18, driverStatus: 0x88 }, undefined, sense(), label).senseData
        ?.length,
    ).to.equal(18);
    // CHECK CONDITION without autosense: no senseData (the host fetches it with REQUEST SENSE)
    expect(decodeSgResult({ ...ok, status: 2 }, undefined, sense(), label)).to.deep.equal({
      status: 2,
      dataIn: Buffer.alloc(0),
    });
  });

  it('returns BUSY, RESERVATION CONFLICT and TASK SET FULL as values without data', () => {
    for (const status of [0x08, 0x18, 0x28])
      expect(decodeSgResult({ ...ok, status, resid: 0 }, Buffer.alloc(16, 1), sense(), label)).to.deep.equal({
        status,
        dataIn: Buffer.alloc(0),
      });
  });

  it('cuts data-in to dxfer_len - resid (and copes with a negative or oversized resid)', () => {
    const data = Buffer.from([...Array(96).keys()]);
    expect(decodeSgResult({ ...ok, resid: 40 }, data, sense(), label).dataIn).to.deep.equal(data.subarray(0, 56));
    expect(decodeSgResult({ ...ok, resid: 0 }, data, sense(), label).dataIn.length).to.equal(96);
    expect(decodeSgResult({ ...ok, resid: 96 }, data, sense(), label).dataIn.length).to.equal(0);
    expect(decodeSgResult({ ...ok, resid: -5 }, data, sense(), label).dataIn.length).to.equal(96);
    expect(decodeSgResult({ ...ok, resid: 500 }, data, sense(), label).dataIn.length).to.equal(0);
    expect(
      decodeSgResult({ ...ok, status: 0x04, resid: 90 }, data, sense(), label).dataIn.length,
      'CONDITION MET carries data',
    ).to.equal(6);
    const r = decodeSgResult({ ...ok, resid: 90 }, data, sense(), label);
    data.fill(0);
    expect(r.dataIn[5], 'a copy, not a view of the transfer buffer').to.equal(5);
  });
});
