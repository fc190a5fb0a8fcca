/**
 * For a host tool talking to an in-process simulator on a VirtualClock (e.g. `changerbench status --fixture`):
 * each command runs virtual time forward until its answer arrives, so mechanical seconds cost nothing.
 * Not for use where another party already drives the same clock (the conformance harness drives it itself).
 */
import type { VirtualClock } from '../../common/clock/clock.js';
import type { ScsiCommand, ScsiResult, ScsiTransport } from './scsi-transport.js';

/** Wraps a transport so that every execute() advances `clock` until it settles. */
export class ClockDrivenTransport implements ScsiTransport {
  constructor(
    private readonly inner: ScsiTransport,
    private readonly clock: VirtualClock,
  ) {}

  get description(): string {
    return this.inner.description;
  }

  async execute(command: ScsiCommand): Promise<ScsiResult> {
    const r = await this.clock.runUntil(this.inner.execute(command));
    if (!r) throw new Error('ClockDrivenTransport: command settled without a result');
    return r;
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
