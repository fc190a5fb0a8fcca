/**
 * A ScsiTransport wrapper that records every command for evidence: CDB, status, sense and data-in, in hex with
 * decoded names. The conformance suite attaches the trace of each test to its report.
 * Spec: SAM-5 (the Execute Command procedure's inputs and outputs are what is recorded). See docs/scsi-model.md 1.
 */
import { describeCdb, describeSense, decodeSense, statusName } from '../codec/index.js';
import type { ScsiCommand, ScsiResult, ScsiTransport } from '../transport/scsi-transport.js';
import { describeDataIn } from './data-in-decoded.js';

/** One recorded exchange. */
export interface TraceEntry {
  /** Sequence number in this trace. */
  readonly seq: number;
  /** Time of the command in the injected clock's milliseconds, if a clock was given. */
  readonly at?: number;
  readonly lun: number;
  readonly cdb: string;
  readonly command: string;
  readonly dataOut?: string;
  readonly status?: string;
  readonly sense?: string;
  readonly senseHex?: string;
  readonly dataInLength?: number;
  readonly dataInHex?: string;
  /** The data-in decoded (INQUIRY, MODE SENSE, READ ELEMENT STATUS, ...; see data-in-decoded.ts), when it can be. */
  readonly dataInDecoded?: string;
  /** A transport fault instead of a result. */
  readonly fault?: string;
}

const hex = (b: Uint8Array, max: number): string => {
  const shown = Buffer.from(b.subarray(0, max)).toString('hex').replace(/(..)/g, '$1 ').trim();
  return b.length > max ? `${shown} ... (${b.length} bytes)` : shown;
};

/** Records what passes through it; `entries` grows until `clear()`. */
export class TracingTransport implements ScsiTransport {
  readonly entries: TraceEntry[] = [];
  private seq = 0;

  constructor(
    private readonly inner: ScsiTransport,
    private readonly now?: () => number,
    /** Data-in bytes shown in hex per entry. */
    private readonly maxDataBytes = 256,
    /** Decode data-in for people (dataInDecoded). */
    private readonly decodeData = true,
  ) {}

  get description(): string {
    return this.inner.description;
  }

  async execute(command: ScsiCommand): Promise<ScsiResult> {
    const base = {
      seq: ++this.seq,
      ...(this.now ? { at: this.now() } : {}),
      lun: command.lun,
      cdb: hex(command.cdb, 16),
      command: describeCdb(command.cdb),
      ...(command.dataOut ? { dataOut: hex(command.dataOut, this.maxDataBytes) } : {}),
    };
    try {
      const r = await this.inner.execute(command);
      let sense: string | undefined;
      if (r.senseData) {
        try {
          sense = describeSense(decodeSense(r.senseData));
        } catch (e) {
          sense = `malformed sense: ${(e as Error).message}`;
        }
      }
      const decoded = this.decodeData ? describeDataIn(command.cdb, r.dataIn) : undefined;
      this.entries.push({
        ...base,
        status: statusName(r.status),
        ...(sense !== undefined ? { sense, senseHex: hex(r.senseData ?? Buffer.alloc(0), 64) } : {}),
        dataInLength: r.dataIn.length,
        ...(r.dataIn.length ? { dataInHex: hex(r.dataIn, this.maxDataBytes) } : {}),
        ...(decoded !== undefined ? { dataInDecoded: decoded } : {}),
      });
      return r;
    } catch (e) {
      this.entries.push({ ...base, fault: `${(e as { code?: string }).code ?? 'ERROR'}: ${(e as Error).message}` });
      throw e;
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** The trace as readable text, one block per command. */
  format(): string {
    return this.entries
      .map((e) => {
        const lines = [
          `#${e.seq}${e.at !== undefined ? ` t=${new Date(e.at).toISOString()}` : ''} LUN ${e.lun} ${e.command}`,
          `  CDB      ${e.cdb}`,
        ];
        if (e.dataOut) lines.push(`  data-out ${e.dataOut}`);
        if (e.fault) lines.push(`  FAULT    ${e.fault}`);
        if (e.status) lines.push(`  status   ${e.status}`);
        if (e.sense) lines.push(`  sense    ${e.sense}`, `           ${e.senseHex ?? ''}`);
        if (e.dataInLength) lines.push(`  data-in  ${e.dataInLength} bytes: ${e.dataInHex ?? ''}`);
        return lines.join('\n');
      })
      .join('\n');
  }
}
