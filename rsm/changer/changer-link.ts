/**
 * The RSM model's one path to a changer: real SCSI commands over a ScsiTransport, built and decoded with the
 * shared codecs. It sends one command at a time, retries a command after a unit attention (recording what the
 * attention meant), waits on the clock while the changer is becoming ready (NOT READY 04/01, e.g. the inventory
 * after a door closes), fetches sense with REQUEST SENSE when a target gives CHECK CONDITION without it, and turns a
 * transport fault into LinkLostError (the library then goes offline, per docs/rsm-semantics.md D12).
 * Spec: SAM-5 (Execute Command, unit attention condition); SPC-4 6.39 REQUEST SENSE, 4.5;
 * docs/architecture.md "ScsiTransport"; docs/smc-reference.md 1.7.
 */
import type { Clock } from '../../common/clock/clock.js';
import { decodeSense, encodeRequestSenseCdb, ScsiStatus, SenseKey, type SenseData } from '../../scsi/codec/index.js';
import type { ScsiTransport } from '../../scsi/transport/scsi-transport.js';
import { unitAttentionMeaning, type UnitAttentionEvent } from './unit-attention.js';

/** The changer cannot be reached any more (the transport threw). */
export class LinkLostError extends Error {
  constructor(
    message: string,
    /** The transport fault's code (ECONNRESET, ETIMEDOUT, ECLOSED...). */
    readonly code: string,
  ) {
    super(message);
    this.name = 'LinkLostError';
  }
}

/** A command's outcome after unit attentions were dealt with. */
export type CommandOutcome =
  | { readonly ok: true; readonly dataIn: Buffer }
  | { readonly ok: false; readonly status: number; readonly sense: SenseData | undefined };

/** Options of {@link ChangerLink}. */
export interface ChangerLinkOptions {
  readonly lun: number;
  /** Unit attentions one command may meet before its outcome is returned as a failure. */
  readonly unitAttentionRetries: number;
  /**
   * How long a command answered NOT READY, BECOMING READY (04/01) is retried, in clock milliseconds (default
   * 120 000), and how often (default 1 000): a changer inventories after a door or station closes.
   */
  readonly becomingReadyLimitMs?: number;
  readonly becomingReadyRetryMs?: number;
  /** Ends the retry waits (the service incarnation's signal). */
  readonly signal?: AbortSignal;
}

const REQUEST_SENSE_LENGTH = 252;

/** A link to one changer logical unit. */
export class ChangerLink {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly events: UnitAttentionEvent[] = [];
  private readonly uaListeners: ((e: UnitAttentionEvent) => void)[] = [];
  private readonly lostListeners: ((e: LinkLostError) => void)[] = [];
  private lostError: LinkLostError | undefined;

  constructor(
    readonly transport: ScsiTransport,
    private readonly clock: Clock,
    private readonly options: ChangerLinkOptions,
  ) {}

  /** "sim:ibm-ts3100" and the like. */
  get description(): string {
    return this.transport.description;
  }

  /** True once a transport fault was seen; every later command throws LinkLostError. */
  get lost(): boolean {
    return this.lostError !== undefined;
  }

  /** Calls `listener` for every unit attention, as it is seen. */
  onUnitAttention(listener: (e: UnitAttentionEvent) => void): void {
    this.uaListeners.push(listener);
  }

  /** Calls `listener` once when the link is lost. */
  onLost(listener: (e: LinkLostError) => void): void {
    this.lostListeners.push(listener);
  }

  /** Sequence number of the last unit attention seen (0 before any). */
  get lastEventSeq(): number {
    return this.events.at(-1)?.seq ?? 0;
  }

  /** Unit attentions seen after sequence number `seq`. */
  eventsSince(seq: number): UnitAttentionEvent[] {
    return this.events.filter((e) => e.seq > seq);
  }

  /** Sends a CDB; resolves with its outcome, throws LinkLostError on a transport fault. */
  execute(cdb: Buffer, allocationLength: number): Promise<CommandOutcome> {
    const run = this.chain.then(() => this.executeNow(cdb, allocationLength));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Marks the link lost (e.g. the service gave up on it) without a command. */
  markLost(reason: string, code = 'ECLOSED'): void {
    this.fail(new LinkLostError(reason, code));
  }

  private async executeNow(cdb: Buffer, allocationLength: number): Promise<CommandOutcome> {
    const deadline = this.clock.now() + (this.options.becomingReadyLimitMs ?? 120_000);
    for (let attentions = 0; ;) {
      const result = await this.send(cdb, allocationLength);
      if (result.status === ScsiStatus.GOOD || result.status === ScsiStatus.CONDITION_MET)
        return { ok: true, dataIn: result.dataIn };
      if (result.status !== ScsiStatus.CHECK_CONDITION) return { ok: false, status: result.status, sense: undefined };
      const sense =
        result.senseData && result.senseData.length > 0 ? this.decode(result.senseData) : await this.requestSense();
      if (sense?.key === SenseKey.UNIT_ATTENTION && attentions < this.options.unitAttentionRetries) {
        attentions++;
        this.record(sense);
        continue;
      }
      if (
        sense?.key === SenseKey.NOT_READY &&
        sense.asc === 0x04 &&
        sense.ascq === 0x01 &&
        this.clock.now() < deadline
      ) {
        await this.clock.sleep(this.options.becomingReadyRetryMs ?? 1000, this.options.signal);
        continue;
      }
      return { ok: false, status: result.status, sense };
    }
  }

  private decode(bytes: Buffer): SenseData | undefined {
    try {
      return decodeSense(bytes);
    } catch {
      return undefined;
    }
  }

  /** REQUEST SENSE, for a CHECK CONDITION that came without autosense data. */
  private async requestSense(): Promise<SenseData | undefined> {
    const r = await this.send(encodeRequestSenseCdb({ allocationLength: REQUEST_SENSE_LENGTH }), REQUEST_SENSE_LENGTH);
    if (r.status !== ScsiStatus.GOOD || r.dataIn.length === 0) return undefined;
    return this.decode(r.dataIn);
  }

  private record(sense: SenseData): void {
    const event: UnitAttentionEvent = {
      seq: this.lastEventSeq + 1,
      at: this.clock.now(),
      asc: sense.asc,
      ascq: sense.ascq,
      meaning: unitAttentionMeaning(sense.asc, sense.ascq),
    };
    this.events.push(event);
    if (this.events.length > 256) this.events.splice(0, this.events.length - 256);
    for (const l of this.uaListeners) l(event);
  }

  private async send(cdb: Buffer, allocationLength: number) {
    if (this.lostError) throw this.lostError;
    try {
      return await this.transport.execute({ lun: this.options.lun, cdb, allocationLength });
    } catch (e) {
      const code = typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : 'ETRANSPORT';
      const err = new LinkLostError(`${this.description}: ${e instanceof Error ? e.message : String(e)}`, code);
      this.fail(err);
      throw err;
    }
  }

  private fail(err: LinkLostError): void {
    if (this.lostError) return;
    this.lostError = err;
    for (const l of this.lostListeners) l(err);
  }
}
