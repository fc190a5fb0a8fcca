/**
 * A COMPLETED RESPONSE as the host sees it: data beyond the allocation length is cut and counted as residual
 * overflow together with the target's own, sense is kept only when present. Spec: docs/serial-framing.md 8.2.
 */
import { expect } from 'chai';
import {
  ResponseCode,
  resultOfResponse,
  type ResponseMessage,
} from '../../../../scsi/transport/serial/scsi-messages.js';

const response = (over: Partial<ResponseMessage>): ResponseMessage => ({
  tag: 7,
  code: ResponseCode.COMPLETED,
  status: 0,
  residualOverflow: 0,
  sense: Buffer.alloc(0),
  dataIn: Buffer.alloc(0),
  ...over,
});

describe('serial RESPONSE to ScsiResult (section 8.2)', () => {
  it('keeps data within the allocation length and reports no residual', () => {
    const r = resultOfResponse(response({ dataIn: Buffer.from('0102', 'hex') }), 4);
    expect(r).to.deep.equal({ status: 0, dataIn: Buffer.from('0102', 'hex') });
  });

  it("cuts data beyond the allocation length and adds it to the target's residual overflow", () => {
    const r = resultOfResponse(response({ dataIn: Buffer.from('0102030405', 'hex'), residualOverflow: 3 }), 2);
    expect(r.dataIn.toString('hex')).to.equal('0102');
    expect(r.residualOverflow).to.equal(6);
  });

  it('treats a negative allocation length as 0 and keeps sense when there is some', () => {
    const sense = Buffer.from('70000500000000000a00000024000000', 'hex');
    const r = resultOfResponse(response({ status: 2, sense, dataIn: Buffer.from('01', 'hex') }), -1);
    expect(r).to.deep.equal({ status: 2, senseData: sense, dataIn: Buffer.alloc(0), residualOverflow: 1 });
  });
});
