/**
 * The SCSI trace of one conformance test: every command on every I_T nexus the test uses (the RSM model's and
 * the suite's own read-back nexus), in the order they were sent, with CDB, status, sense and data-in in hex and
 * decoded, interleaved with the narration's step marks. Attached to the test's report.
 * Spec: SAM-5 Execute Command, docs/scsi-model.md 1 (the Execute Command inputs and outputs recorded); built on
 * scsi/host/tracing-transport.ts.
 */
import { TracingTransport, type TraceEntry } from '../../../scsi/host/tracing-transport.js';
import type { ScsiCommand, ScsiResult, ScsiTransport } from '../../../scsi/transport/scsi-transport.js';

interface Sent {
  readonly order: number;
  readonly label: string;
  readonly at: number;
  readonly tracing: TracingTransport;
  readonly seq: number;
}

interface Mark {
  readonly order: number;
  readonly at: number;
  readonly text: string;
}

/** Wraps a TracingTransport so the log knows when each of its commands started relative to all others. */
class OrderedTransport implements ScsiTransport {
  private started = 0;

  constructor(
    private readonly log: TraceLog,
    private readonly label: string,
    readonly tracing: TracingTransport,
  ) {}

  get description(): string {
    return this.tracing.description;
  }

  execute(command: ScsiCommand): Promise<ScsiResult> {
    // TracingTransport numbers its entries synchronously at the start of execute(), as this counter does.
    this.log.sent(this.label, this.tracing, ++this.started);
    return this.tracing.execute(command);
  }

  close(): Promise<void> {
    return this.tracing.close();
  }
}

/** The merged trace of one test. */
export class TraceLog {
  private order = 0;
  private readonly commands: Sent[] = [];
  private readonly marks: Mark[] = [];

  constructor(private readonly now: () => number) {}

  /** A transport that records into this log under `label` ("rsm", "suite"). */
  wrap(label: string, transport: ScsiTransport): ScsiTransport {
    return new OrderedTransport(this, label, new TracingTransport(transport, this.now));
  }

  /** Called by wrapped transports as a command starts. */
  sent(label: string, tracing: TracingTransport, seq: number): void {
    this.commands.push({ order: ++this.order, label, at: this.now(), tracing, seq });
  }

  /** A narration line ("act: EjectNtmsCleaner(START)") placed between the commands. */
  mark(text: string): void {
    this.marks.push({ order: ++this.order, at: this.now(), text });
  }

  /** Number of commands sent so far. */
  get commandCount(): number {
    return this.commands.length;
  }

  /** Commands sent on `label`'s nexus, with their entries. */
  entries(label?: string): TraceEntry[] {
    return this.commands
      .filter((c) => label === undefined || c.label === label)
      .flatMap((c) => c.tracing.entries.filter((e) => e.seq === c.seq));
  }

  /** Step marks and commands in the order they happened, clock times relative to `origin` (for the evidence). */
  events(origin = 0): TraceEvent[] {
    const rows: { order: number; event: TraceEvent }[] = [];
    for (const m of this.marks) rows.push({ order: m.order, event: { kind: 'mark', at: m.at - origin, text: m.text } });
    for (const c of this.commands) {
      const e = c.tracing.entries.find((x) => x.seq === c.seq);
      rows.push({
        order: c.order,
        event: { kind: 'command', at: c.at - origin, nexus: c.label, ...(e ? { entry: e } : {}) },
      });
    }
    return rows.sort((a, b) => a.order - b.order).map((r) => r.event);
  }

  /** The trace as text: step marks and one block per command, clock times relative to `origin`. */
  format(origin = 0): string {
    return formatTraceEvents(this.events(origin));
  }
}

/** A step mark or a command of a trace; `at` in clock milliseconds from the test's start. */
export type TraceEvent =
  | { readonly kind: 'mark'; readonly at: number; readonly text: string }
  | { readonly kind: 'command'; readonly at: number; readonly nexus: string; readonly entry?: TraceEntry };

/** Trace events as text (the attachment and the JUnit system-out). */
export function formatTraceEvents(events: readonly TraceEvent[]): string {
  const t = (at: number) => `t+${(at / 1000).toFixed(3)}s`;
  return events
    .map((ev) =>
      ev.kind === 'mark'
        ? `==== ${t(ev.at)} ${ev.text}`
        : ev.entry
          ? formatEntry(ev.nexus, t(ev.at), ev.entry)
          : `[${ev.nexus}] ${t(ev.at)} (no answer yet)`,
    )
    .join('\n');
}

function formatEntry(label: string, time: string, e: TraceEntry): string {
  const lines = [`[${label} #${e.seq}] ${time} LUN ${e.lun} ${e.command}`, `    CDB      ${e.cdb}`];
  if (e.dataOut) lines.push(`    data-out ${e.dataOut}`);
  if (e.fault) lines.push(`    FAULT    ${e.fault}`);
  if (e.status) lines.push(`    status   ${e.status}`);
  if (e.sense) lines.push(`    sense    ${e.sense}`, `             ${e.senseHex ?? ''}`);
  if (e.dataInLength) lines.push(`    data-in  ${e.dataInLength} bytes: ${e.dataInHex ?? ''}`);
  if (e.dataInDecoded) lines.push(`    decoded  ${e.dataInDecoded}`);
  return lines.join('\n');
}
