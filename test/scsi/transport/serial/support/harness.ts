/**
 * Test support: a SerialTarget and SerialInitiators over one in-memory line on a VirtualClock, plus a raw view of
 * the frames the target sends (for tests that speak the protocol by hand).
 */
import { VirtualClock } from '../../../../../common/clock/clock.js';
import { encodeFrame } from '../../../../../scsi/transport/serial/frame-codec.js';
import { FrameDecoder } from '../../../../../scsi/transport/serial/frame-decoder.js';
import type { Frame } from '../../../../../scsi/transport/serial/frame-format.js';
import { SerialInitiator } from '../../../../../scsi/transport/serial/serial-initiator.js';
import type { SerialInitiatorCommonOptions } from '../../../../../scsi/transport/serial/serial-initiator-options.js';
import { SerialTarget, type SerialTargetCommonOptions } from '../../../../../scsi/transport/serial/serial-target.js';
import { FakeChanger } from './fake-changer.js';
import { LinePair, settle, type LineFault } from './line-pair.js';

/**
 * Nonce of the first initiator a Harness connects (then +1 each). Large and odd-looking on purpose: fuzz inputs
 * carry HELLOs with small nonces, and the target's refusal of such a HELLO, still queued on the line, must not
 * look like the refusal of a harness initiator's HELLO.
 */
export const FIRST_NONCE = 0x5eed0001;

/** A target on end `b` of a line; initiators go on end `a`. */
export class Harness {
  readonly clock = new VirtualClock();
  readonly pair: LinePair;
  readonly backend: FakeChanger;
  readonly target: SerialTarget;
  readonly events: string[] = [];
  private readonly initiators: SerialInitiator[] = [];
  private nonce = FIRST_NONCE;

  constructor(options: { fault?: LineFault; backend?: FakeChanger; target?: Partial<SerialTargetCommonOptions> } = {}) {
    this.pair = new LinePair(options.fault);
    this.backend = options.backend ?? new FakeChanger(64 * 1024);
    this.target = SerialTarget.attach(this.pair.b, {
      backend: this.backend,
      baudRate: 115200,
      clock: this.clock,
      portName: 'ttyS0',
      ...options.target,
    });
    this.target.on('session-start', (e) => this.events.push(`start ${e.nexus}`));
    this.target.on('session-end', (e) => this.events.push(`end ${e.nexus}: ${e.reason}`));
    this.target.on('line-lost', () => this.events.push('line-lost'));
  }

  /** Connects an initiator on end `a` (each gets a fresh nonce). */
  async connect(initiatorName = 'host-a', extra: Partial<SerialInitiatorCommonOptions> = {}): Promise<SerialInitiator> {
    const nonce = this.nonce++;
    const initiator = await SerialInitiator.connect(this.pair.a, {
      baudRate: 115200,
      clock: this.clock,
      initiatorName,
      nonce: () => nonce,
      ...extra,
    });
    this.initiators.push(initiator);
    return initiator;
  }

  /** Connects an initiator and clears the unit attention its new nexus starts with. */
  async connectReady(
    initiatorName = 'host-a',
    extra: Partial<SerialInitiatorCommonOptions> = {},
  ): Promise<SerialInitiator> {
    const initiator = await this.connect(initiatorName, extra);
    const ua = await initiator.execute({ lun: 0, cdb: Buffer.alloc(6), allocationLength: 0 });
    if (ua.status !== 0x02) throw new Error('expected the unit attention of a new nexus');
    return initiator;
  }

  /** Writes raw bytes into the target's end and returns the frames the target answers with. */
  async raw(bytes: Buffer | Frame): Promise<Frame[]> {
    const decoder = new FrameDecoder();
    const seen: Frame[] = [];
    const onData = (chunk: Buffer): void => {
      for (const e of decoder.push(chunk)) if (e.kind === 'frame') seen.push(e.frame);
    };
    this.pair.a.on('data', onData);
    this.pair.a.write(Buffer.isBuffer(bytes) ? bytes : encodeFrame(bytes));
    await settle(this.pair);
    this.pair.a.off('data', onData);
    return seen;
  }

  async close(): Promise<void> {
    for (const i of this.initiators) await i.close();
    await this.target.close();
    this.pair.cut();
  }
}
