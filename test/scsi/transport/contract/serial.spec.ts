/**
 * The ScsiTransport contract for the serial transport over real PTY pairs made by socat. A serial line carries
 * one session (one initiator) at a time, so each initiator gets its own PTY pair and its own SerialTarget, all
 * serving the same SimulatedTarget (nexus ids differ by port name: `serial:<initiator>@<port>`). Cutting a link
 * kills that pair's socat: both ends lose the line.
 * Spec: docs/serial-framing.md 7 (sessions, one per line), 11 (ports, PTYs, line loss), 12 (URL);
 * test/scsi/transport/contract/transport-contract.ts.
 */
import { SerialInitiator } from '../../../../scsi/transport/serial/serial-initiator.js';
import { SerialTarget } from '../../../../scsi/transport/serial/serial-target.js';
import { createSimulatedBackend, type ContractHarness, type ContractInitiator } from './contract-harness.js';
import { PtyPair, socatUnavailable } from '../../../support/pty-pair.js';
import { transportContract } from './transport-contract.js';

const BAUD = 115200;

async function startSerial(fixture: string): Promise<ContractHarness> {
  const { changer, target, clock } = createSimulatedBackend(fixture);
  const pairs: PtyPair[] = [];
  const targets: SerialTarget[] = [];
  const initiators: SerialInitiator[] = [];
  let lines = 0;
  const teardown = async (): Promise<void> => {
    for (const i of initiators.splice(0)) await i.close().catch(() => undefined);
    for (const t of targets.splice(0)) await t.close().catch(() => undefined);
    for (const p of pairs.splice(0)) await p.stop().catch(() => undefined);
    changer.close();
  };
  return {
    changer,
    target,
    clock,
    traits: { reportsResidualOverflow: true },
    open: async (): Promise<ContractInitiator> => {
      const line = ++lines;
      const pair = await PtyPair.start();
      pairs.push(pair);
      // the target opens its end first and announces READY; the initiator's HELLO is answered with WELCOME
      targets.push(
        await SerialTarget.open({ path: pair.b, baudRate: BAUD, backend: target, portName: `pty${line}`, reopenMs: 0 }),
      );
      const transport = await SerialInitiator.open({ path: pair.a, baudRate: BAUD, initiatorName: `contract-${line}` });
      initiators.push(transport);
      return { transport, cut: () => pair.kill() };
    },
    teardown,
  };
}

transportContract('serial over socat PTY pairs', startSerial, { skipReason: socatUnavailable() });
