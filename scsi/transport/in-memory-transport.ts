/**
 * ScsiTransport to a target in the same process: the shortest path from a host (RSM model, suite, status view)
 * to a ScsiTargetBackend such as the simulator. Each instance is one I_T nexus.
 * Spec: SAM-5 (Execute Command; the transport delivers status, sense and data-in); design:
 * docs/architecture.md "ScsiTransport". See docs/scsi-model.md 1.
 */
import type { ScsiTargetBackend } from './scsi-target-backend.js';
import { TransportError, type ScsiCommand, type ScsiResult, type ScsiTransport } from './scsi-transport.js';

/** Options of {@link InMemoryTransport}. */
export interface InMemoryTransportOptions {
  /** The I_T nexus id the backend sees (default "in-memory:<n>"). */
  readonly nexus: string;
  /** Description for logs and reports (default "in-memory:<nexus>"). */
  readonly description?: string;
}

/**
 * An I_T nexus to an in-process target. `disconnect()` simulates a lost link: pending and later commands reject
 * with TransportError ECONNRESET, and the target is told the nexus is gone.
 */
export class InMemoryTransport implements ScsiTransport {
  readonly description: string;
  private state: 'open' | 'closed' | 'broken' = 'open';
  private readonly pending = new Set<(err: TransportError) => void>();

  constructor(
    private readonly backend: ScsiTargetBackend,
    private readonly options: InMemoryTransportOptions,
  ) {
    this.description = options.description ?? `in-memory:${options.nexus}`;
  }

  /** The nexus id this transport presents to the target. */
  get nexus(): string {
    return this.options.nexus;
  }

  async execute(command: ScsiCommand): Promise<ScsiResult> {
    this.assertUsable();
    const outcome = new Promise<ScsiResult>((resolve, reject) => {
      const fail = (err: TransportError) => reject(err);
      this.pending.add(fail);
      this.backend.execute(this.options.nexus, command.lun, command.cdb, command.dataOut).then(
        (r) => {
          this.pending.delete(fail);
          if (this.state !== 'open') return; // already rejected by disconnect/close
          const limit = Math.max(0, command.allocationLength);
          const dataIn = r.dataIn.length > limit ? r.dataIn.subarray(0, limit) : r.dataIn;
          const residualOverflow = r.dataIn.length - dataIn.length;
          resolve({
            status: r.status,
            ...(r.sense ? { senseData: r.sense } : {}),
            dataIn,
            ...(residualOverflow > 0 ? { residualOverflow } : {}),
          });
        },
        (e: unknown) => {
          this.pending.delete(fail);
          reject(new TransportError(`target failed: ${e instanceof Error ? e.message : String(e)}`, 'ETRANSPORT'));
        },
      );
    });
    return outcome;
  }

  /** Simulates losing the link (cable pulled, process gone). */
  disconnect(): void {
    if (this.state !== 'open') return;
    this.state = 'broken';
    this.rejectPending(new TransportError(`${this.description}: connection lost`, 'ECONNRESET'));
    this.backend.nexusLost(this.options.nexus);
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    const wasOpen = this.state === 'open';
    this.state = 'closed';
    this.rejectPending(new TransportError(`${this.description}: closed`, 'ECLOSED'));
    if (wasOpen) this.backend.nexusLost(this.options.nexus);
  }

  private assertUsable(): void {
    if (this.state === 'closed') throw new TransportError(`${this.description}: closed`, 'ECLOSED');
    if (this.state === 'broken') throw new TransportError(`${this.description}: connection lost`, 'ECONNRESET');
  }

  private rejectPending(err: TransportError): void {
    for (const fail of this.pending) fail(err);
    this.pending.clear();
  }
}
