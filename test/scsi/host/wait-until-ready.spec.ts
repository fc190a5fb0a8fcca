/**
 * waitUntilReady: TEST UNIT READY polling through NOT READY 04/01 on an injected sleep, within a bound.
 * Spec: SPC-4 6.47 TEST UNIT READY (04/01 LOGICAL UNIT IS IN PROCESS OF BECOMING READY); SAM-5 (unit
 * attention condition).
 * See docs/scsi-model.md 10 and 4.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import { encodeSense, ScsiStatus, SenseKey } from '../../../scsi/codec/index.js';
import { CommandFailedError } from '../../../scsi/host/execute-checked.js';
import { waitUntilReady } from '../../../scsi/host/wait-until-ready.js';
import {
  TransportError,
  type ScsiCommand,
  type ScsiResult,
  type ScsiTransport,
} from '../../../scsi/transport/scsi-transport.js';

const check = (key: number, asc: number, ascq: number): ScsiResult => ({
  status: ScsiStatus.CHECK_CONDITION,
  senseData: encodeSense({ key, asc, ascq }, false),
  dataIn: Buffer.alloc(0),
});
const GOOD: ScsiResult = { status: ScsiStatus.GOOD, dataIn: Buffer.alloc(0) };
const UA = check(SenseKey.UNIT_ATTENTION, 0x29, 0x00);
const BECOMING_READY = check(SenseKey.NOT_READY, 0x04, 0x01);
const DOOR_OPEN = check(SenseKey.NOT_READY, 0x04, 0x83);

/** Answers from a script, repeating the last answer; records each command. */
class ScriptedTransport implements ScsiTransport {
  readonly description = 'scripted';
  readonly commands: ScsiCommand[] = [];
  constructor(private readonly script: (ScsiResult | Error)[]) {}
  async execute(command: ScsiCommand): Promise<ScsiResult> {
    this.commands.push(command);
    const next = this.script.length > 1 ? this.script.shift() : this.script[0];
    if (next instanceof Error) throw next;
    return next ?? GOOD;
  }
  async close(): Promise<void> {}
}

describe('waitUntilReady', () => {
  it('returns at once when the changer is ready, after taking its unit attentions', async () => {
    const t = new ScriptedTransport([UA, GOOD]);
    const sleep = sinon.spy(async (_ms: number) => undefined);
    const r = await waitUntilReady(t, { sleep, lun: 3 });
    expect([r.ready, r.notReadyAnswers, r.waitedMs, r.last.unitAttentions.length]).to.deep.equal([true, 0, 0, 1]);
    expect(sleep.called).to.equal(false);
    expect(t.commands.map((c) => [c.lun, c.cdb[0], c.allocationLength])).to.deep.equal([
      [3, 0x00, 0],
      [3, 0x00, 0],
    ]);
  });

  it('sleeps one interval per NOT READY 04/01 and stops at GOOD', async () => {
    const t = new ScriptedTransport([UA, BECOMING_READY, BECOMING_READY, BECOMING_READY, GOOD]);
    const sleep = sinon.spy(async (_ms: number) => undefined);
    const waits: number[] = [];
    const r = await waitUntilReady(t, { sleep, intervalMs: 250, onWait: (attempt) => waits.push(attempt) });
    expect([r.ready, r.notReadyAnswers, r.waitedMs]).to.deep.equal([true, 3, 750]);
    expect(sleep.args).to.deep.equal([[250], [250], [250]]);
    expect(waits).to.deep.equal([1, 2, 3]);
  });

  it('ends the wait on any other answer without sleeping, reporting it as not ready', async () => {
    const t = new ScriptedTransport([BECOMING_READY, DOOR_OPEN]);
    const sleep = sinon.spy(async (_ms: number) => undefined);
    const r = await waitUntilReady(t, { sleep, intervalMs: 100 });
    expect(r.ready).to.equal(false);
    expect([r.last.sense?.key, r.last.sense?.asc, r.last.sense?.ascq]).to.deep.equal([SenseKey.NOT_READY, 0x04, 0x83]);
    expect(sleep.callCount).to.equal(1);
  });

  it('gives up with CommandFailedError once the bound has been slept, the last pause cut to fit', async () => {
    const t = new ScriptedTransport([BECOMING_READY]);
    const sleep = sinon.spy(async (_ms: number) => undefined);
    const error = await waitUntilReady(t, { sleep, intervalMs: 400, limitMs: 1000 }).then(
      () => expect.fail('should give up'),
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(CommandFailedError);
    expect((error as Error).message).to.match(/still becoming ready after 1000 ms/);
    expect(sleep.args).to.deep.equal([[400], [400], [200]]);
    expect(t.commands).to.have.length(4);
  });

  it('passes transport faults through and refuses a nonsensical interval', async () => {
    const fault = new TransportError('gone', 'ECONNRESET');
    const sleep = async (): Promise<void> => undefined;
    const e = await waitUntilReady(new ScriptedTransport([fault]), { sleep }).catch((x: unknown) => x);
    expect(e).to.equal(fault);
    const bad = await waitUntilReady(new ScriptedTransport([GOOD]), { sleep, intervalMs: 0 }).catch((x: unknown) => x);
    expect(bad).to.be.instanceOf(RangeError);
  });
});
