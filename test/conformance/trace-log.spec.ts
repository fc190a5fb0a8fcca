/**
 * Tests of the merged SCSI trace: commands of two nexuses and the narration's marks come out in the order they
 * happened, each with CDB, status, sense and data-in in hex and decoded. Spec: conformance/harness/observation/trace-log.ts.
 */
import { expect } from 'chai';
import { encodeSense, encodeTestUnitReadyCdb, ScsiStatus } from '../../scsi/codec/index.js';
import type { ScsiCommand, ScsiResult, ScsiTransport } from '../../scsi/transport/scsi-transport.js';
import { TraceLog } from '../../conformance/harness/observation/trace-log.js';

function fakeTransport(name: string, answer: (c: ScsiCommand) => ScsiResult): ScsiTransport {
  return { description: name, execute: async (c) => answer(c), close: async () => undefined };
}

describe('conformance/harness/observation/trace-log', () => {
  it('interleaves marks and the commands of both nexuses in the order they started', async () => {
    let now = 1000;
    const log = new TraceLog(() => now);
    const good = log.wrap(
      'rsm',
      fakeTransport('a', () => ({ status: ScsiStatus.GOOD, dataIn: Buffer.from([1, 2, 3]) })),
    );
    const sense = encodeSense({ key: 6, asc: 0x29, ascq: 0 }, false);
    const ua = log.wrap(
      'suite',
      fakeTransport('b', () => ({ status: ScsiStatus.CHECK_CONDITION, senseData: sense, dataIn: Buffer.alloc(0) })),
    );
    log.mark('arrange: first');
    await good.execute({ lun: 0, cdb: encodeTestUnitReadyCdb(), allocationLength: 3 });
    now = 3500;
    log.mark('act: second');
    await Promise.all([
      ua.execute({ lun: 0, cdb: encodeTestUnitReadyCdb(), allocationLength: 0 }),
      good.execute({ lun: 0, cdb: encodeTestUnitReadyCdb(), allocationLength: 3 }),
    ]);
    const text = log.format(1000);
    const order = text.split('\n').filter((l) => l.startsWith('====') || l.startsWith('['));
    expect(order).to.deep.equal([
      '==== t+0.000s arrange: first',
      '[rsm #1] t+0.000s LUN 0 TEST UNIT READY',
      '==== t+2.500s act: second',
      '[suite #1] t+2.500s LUN 0 TEST UNIT READY',
      '[rsm #2] t+2.500s LUN 0 TEST UNIT READY',
    ]);
    expect(text).to.contain('CDB      00 00 00 00 00 00');
    expect(text).to.contain('data-in  3 bytes: 01 02 03');
    expect(text).to.match(/sense +UNIT ATTENTION: .*29h\/00h/);
    expect(log.commandCount).to.equal(3);
    expect(log.entries('suite')).to.have.length(1);
  });

  it('records a transport fault in place of a result', async () => {
    const log = new TraceLog(() => 0);
    const t = log.wrap('rsm', {
      description: 'x',
      execute: async () => Promise.reject(Object.assign(new Error('connection lost'), { code: 'ECONNRESET' })),
      close: async () => undefined,
    });
    await t.execute({ lun: 0, cdb: encodeTestUnitReadyCdb(), allocationLength: 0 }).catch(() => undefined);
    expect(log.format()).to.contain('FAULT    ECONNRESET: connection lost');
  });
});
