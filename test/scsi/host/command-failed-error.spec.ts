/**
 * Errors of the host helpers name the sense the way every trace does (describeSense): "NOT READY: MEDIUM NOT
 * PRESENT (3Ah/00h)", never "sense 2/3a/00". Spec: docs/architecture.md style rule 6; SPC-4 4.5 (sense data,
 * docs/scsi-model.md 7).
 */
import { expect } from 'chai';
import { CommandFailedError } from '../../../scsi/host/execute-checked.js';
import { ScsiStatus, SenseKey } from '../../../scsi/codec/index.js';

describe('CommandFailedError', () => {
  it('names the sense key, the ASC/ASCQ and the field pointer', () => {
    const e = new CommandFailedError('MOVE MEDIUM', {
      status: ScsiStatus.CHECK_CONDITION,
      dataIn: Buffer.alloc(0),
      sense: { key: SenseKey.NOT_READY, asc: 0x3a, ascq: 0x00 },
      unitAttentions: [],
    });
    expect(e.message).to.equal('MOVE MEDIUM failed: NOT READY: MEDIUM NOT PRESENT (3Ah/00h)');
    const f = new CommandFailedError('READ ELEMENT STATUS', {
      status: ScsiStatus.CHECK_CONDITION,
      dataIn: Buffer.alloc(0),
      sense: { key: SenseKey.ILLEGAL_REQUEST, asc: 0x24, ascq: 0x00, fieldPointer: { cd: true, byte: 2 } },
      unitAttentions: [],
    });
    expect(f.message).to.equal(
      'READ ELEMENT STATUS failed: ILLEGAL REQUEST: INVALID FIELD IN CDB (24h/00h), field byte 2',
    );
  });

  it('names a status without sense', () => {
    const e = new CommandFailedError('TEST UNIT READY', {
      status: ScsiStatus.BUSY,
      dataIn: Buffer.alloc(0),
      unitAttentions: [],
    });
    expect(e.message).to.equal('TEST UNIT READY failed: status BUSY (0x08)');
  });
});
