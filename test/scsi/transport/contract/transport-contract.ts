/**
 * The ScsiTransport contract suite: one abstract mocha suite that every transport implementation (in-memory,
 * iSCSI, serial) runs against a simulated changer served behind it. Each spec file calls transportContract()
 * with a factory; the cases live in the contract-*-cases.ts files next to this one.
 * Spec: scsi/transport/scsi-transport.ts (what implementations must do); SAM-5 (Execute Command, unit attention
 * condition, I_T nexus); docs/architecture.md style rule 8 (node-serialport's and MQTT.js's habit of one abstract
 * suite per transport).
 * See docs/scsi-model.md 1, 4 and 3.
 */
import type { ContractContext, ContractFactory, ContractHarness } from './contract-harness.js';
import { registerBasicCases } from './contract-basic-cases.js';
import { registerLargeTransferCases } from './contract-large-transfer-cases.js';
import { registerLinkLossCases } from './contract-link-loss-cases.js';
import { registerNexusCases } from './contract-nexus-cases.js';

export type { ContractContext } from './contract-harness.js';

/** Options of {@link transportContract}. */
export interface TransportContractOptions {
  /** When set, the whole suite is skipped with this reason (e.g. socat is not installed). */
  readonly skipReason?: string | undefined;
  /** Mocha time-out per test (default 30 s: a hang guard, the suite itself takes seconds). */
  readonly timeoutMs?: number | undefined;
  /**
   * Cases this transport cannot run, by exact title, each with the reason (printed when the case skips). A title
   * that names no case fails the suite, so a renamed case is not skipped unnoticed.
   */
  readonly unsupported?: Readonly<Record<string, string>> | undefined;
}

/** Registers the contract suite for one transport: `name` in the titles, `factory` to start a simulator behind it. */
export function transportContract(
  name: string,
  factory: ContractFactory,
  options: TransportContractOptions = {},
): void {
  const skipped = options.skipReason === undefined ? '' : ` [skipped: ${options.skipReason}]`;
  describe(`ScsiTransport contract: ${name}${skipped}`, function () {
    this.timeout(options.timeoutMs ?? 30_000);
    const started: ContractHarness[] = [];

    before(function () {
      if (options.skipReason !== undefined) this.skip();
    });

    const unsupported = new Map(Object.entries(options.unsupported ?? {}));
    beforeEach(function () {
      const title = this.currentTest?.title ?? '';
      const reason = unsupported.get(title);
      if (reason === undefined) return;
      console.log(`      skipped "${title}": ${reason}`);
      this.skip();
    });

    afterEach(async () => {
      for (const harness of started.splice(0)) await harness.teardown();
    });

    const context: ContractContext = {
      start: async (fixture) => {
        const harness = await factory(fixture);
        started.push(harness);
        return harness;
      },
    };

    registerBasicCases(context);
    registerLargeTransferCases(context);
    registerNexusCases(context);
    registerLinkLossCases(context);

    const titles = new Set(this.tests.map((t) => t.title));
    const unknown = [...unsupported.keys()].filter((t) => !titles.has(t));
    if (unknown.length > 0)
      throw new Error(`transportContract(${name}): unsupported names no contract case: ${unknown.join('; ')}`);
  });
}
