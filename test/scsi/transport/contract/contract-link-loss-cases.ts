/**
 * Contract case for connection loss: one link is cut while a command is in flight on it; that command and every
 * later one on that transport reject with a TransportError (ECONNRESET or ECLOSED), while the other initiator,
 * a newly opened one and the simulator itself keep working, and the simulator forgets the lost nexus.
 * Spec: scsi/transport/scsi-transport.ts (transport faults throw TransportError with a code); SPC-4 4.5 and
 * SAM-5 (I_T nexus loss: that nexus's state ends, others are untouched); RFC 7143 7.1.4 (connection failure,
 * ErrorRecoveryLevel 0, docs/iscsi.md 7.8); docs/scsi-model.md 5 (nexus loss); docs/serial-framing.md 11 (line loss).
 */
import { expect } from 'chai';
import { Asc } from '../../../../scsi/codec/index.js';
import {
  Cdb,
  expectGood,
  expectTransportError,
  expectUnitAttention,
  run,
  takeUnitAttentions,
  waitFor,
} from './contract-commands.js';
import { SMALL_FIXTURE } from './contract-basic-cases.js';
import type { ContractContext } from './contract-harness.js';

/** Codes a transport may give for a command on a link that was cut (sg: the node vanished, ENODEV or ENXIO). */
export const LINK_LOST_CODES = ['ECONNRESET', 'ECLOSED', 'ENODEV', 'ENXIO'] as const;

/** Registers the link loss case. */
export function registerLinkLossCases(context: ContractContext): void {
  it('on a cut link rejects pending and later commands with a TransportError; others and the simulator carry on', async () => {
    const h = await context.start(SMALL_FIXTURE);
    const cutOne = await h.open();
    const other = (await h.open()).transport;
    const a = cutOne.transport;
    await takeUnitAttentions(a);
    await takeUnitAttentions(other);
    const control = h.changer.control;
    const storage = control.status().elements.filter((e) => e.type === 'storage' && e.accessible);
    const source = storage.find((e) => e.cartridge !== null) ?? expect.fail('a full storage slot');
    const destination = storage.find((e) => e.cartridge === null) ?? expect.fail('an empty storage slot');
    const nexusesBefore = control.status().nexuses;
    expect(nexusesBefore, 'one nexus per initiator').to.have.length(2);

    // a MOVE MEDIUM stays in flight: the simulator's clock does not run until the test says so
    const pending = run(a, Cdb.moveMedium(source.address, destination.address));
    pending.catch(() => undefined);
    await waitFor(() => control.status().robot.busy, 'the MOVE MEDIUM to reach the robot');
    expectGood(await run(other, Cdb.testUnitReady()), 'the other initiator while the move is in flight');

    await cutOne.cut();
    await expectTransportError(pending, LINK_LOST_CODES, 'the MOVE MEDIUM in flight on the cut link');
    await expectTransportError(run(a, Cdb.testUnitReady()), LINK_LOST_CODES, 'a later command on the cut link');
    await expectTransportError(run(a, Cdb.inquiry(36), 36), LINK_LOST_CODES, 'another later command on the cut link');

    expectGood(await run(other, Cdb.testUnitReady()), 'the other initiator after the cut');
    expectGood(await run(other, Cdb.inquiry(36), 36), 'INQUIRY on the other initiator after the cut');
    const fresh = (await h.open()).transport;
    expectUnitAttention(
      await run(fresh, Cdb.testUnitReady()),
      Asc.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED,
      'a new initiator, first command',
    );
    expectGood(await run(fresh, Cdb.testUnitReady()), 'a new initiator, second command');

    // the simulator keeps running: its motion finishes on its own clock and its status still answers
    await h.clock.runUntil(h.changer.whenSettled());
    const after = control.status();
    expect(after.robot.busy).to.equal(false);
    expect(after.elements.find((e) => e.address === destination.address)?.cartridge?.id).to.equal(source.cartridge?.id);
    // I_T nexus loss: the cut nexus is forgotten; the other one and the new one remain
    await waitFor(() => control.status().nexuses.length === 2, 'the simulator to forget the lost nexus (nexusLost)');
    expect(
      control.status().nexuses.filter((n) => nexusesBefore.includes(n)),
      'nexuses from before the cut still known',
    ).to.have.length(1);
    expectGood(await run(other, Cdb.testUnitReady()), 'the other initiator at the end');
  });
}
