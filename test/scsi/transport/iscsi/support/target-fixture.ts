/**
 * Starts an IscsiTarget on an ephemeral loopback port with the fake backend, and closes it and every initiator a
 * test opened afterwards.
 */
import {
  IscsiInitiator,
  IscsiTarget,
  type IscsiInitiatorOptions,
  type IscsiTargetOptions,
} from '../../../../../scsi/transport/iscsi/index.js';
import { FakeBackend } from './fake-backend.js';

export const TARGET_NAME = 'iqn.2026-01.org.changerbench:test-changer';

/** A running target plus helpers; call close() in afterEach. */
export class TargetFixture {
  readonly initiators: IscsiInitiator[] = [];

  private constructor(
    readonly target: IscsiTarget,
    readonly backend: FakeBackend,
  ) {}

  static async start(options: Partial<IscsiTargetOptions> = {}, backend = new FakeBackend()): Promise<TargetFixture> {
    const target = await IscsiTarget.listen({
      host: '127.0.0.1',
      port: 0,
      targetName: TARGET_NAME,
      backend,
      ...options,
    });
    return new TargetFixture(target, backend);
  }

  get port(): number {
    return this.target.address().port;
  }

  /** iscsi://127.0.0.1:PORT (with credentials when given). */
  portal(credentials?: string): string {
    return `iscsi://${credentials === undefined ? '' : `${credentials}@`}127.0.0.1:${this.port}`;
  }

  url(lun = 0, credentials?: string): string {
    return `${this.portal(credentials)}/${TARGET_NAME}/${lun}`;
  }

  /** Connects an initiator (closed by close()). */
  async connect(overrides: Partial<IscsiInitiatorOptions> = {}, lun = 0): Promise<IscsiInitiator> {
    const initiator = await IscsiInitiator.connect({
      host: '127.0.0.1',
      port: this.port,
      targetName: TARGET_NAME,
      lun,
      ...overrides,
    });
    this.initiators.push(initiator);
    return initiator;
  }

  async close(): Promise<void> {
    await Promise.all(this.initiators.map((i) => i.close().catch(() => undefined)));
    await this.target.close();
  }
}

/** CDBs the tests use. */
export const Cdb = {
  testUnitReady: () => Buffer.alloc(6),
  inquiry: (alloc: number, evpd = false, page = 0) =>
    Buffer.from([0x12, evpd ? 1 : 0, page, (alloc >> 8) & 0xff, alloc & 0xff, 0]),
  readElementStatus: (alloc: number) =>
    Buffer.from([0xb8, 0x10, 0, 0, 0xff, 0xff, 0, (alloc >> 16) & 0xff, (alloc >> 8) & 0xff, alloc & 0xff, 0, 0]),
  modeSelect6: (length: number) => Buffer.from([0x15, 0x10, 0, 0, length, 0]),
  modeSelect10: (length: number) => Buffer.from([0x55, 0x10, 0, 0, 0, 0, 0, (length >> 8) & 0xff, length & 0xff, 0]),
  modeSense6: (alloc: number) => Buffer.from([0x1a, 0x08, 0x3f, 0, alloc, 0]),
  prevent: (on: boolean) => Buffer.from([0x1e, 0, 0, 0, on ? 1 : 0, 0]),
  moveMedium: () => Buffer.from([0xa5, 0, 0, 0, 0x10, 0x00, 0x01, 0x00, 0, 0, 0, 0]),
  reportLuns: (alloc: number) =>
    Buffer.from([
      0xa0,
      0,
      0,
      0,
      0,
      0,
      (alloc >> 24) & 0xff,
      (alloc >> 16) & 0xff,
      (alloc >> 8) & 0xff,
      alloc & 0xff,
      0,
      0,
    ]),
} as const;

/** Waits until `predicate` holds, polling on the event loop (bounded; no timing is asserted). */
export async function eventually(predicate: () => boolean, what: string, rounds = 2000): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    if (predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`gave up waiting for ${what}`);
}
