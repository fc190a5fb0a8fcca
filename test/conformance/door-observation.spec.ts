/**
 * The door cycle seen over SCSI only (conformance/harness/observation/observe.ts expectDoorOpenSeen,
 * expectDoorClosedSeen, used by every door cycle of scenario.ts): on the in-process spectra-2k (a door, no IE station) the suite's own nexus reads
 * the model's door-open NOT READY while the operator has the door open and 06/28/00 after the close; a changer that
 * does not send 06/28/00 (here: a transport that swallows it, as a simulator that stopped raising it would look) or
 * answers GOOD with the door open fails the check, naming what it saw.
 */
import { expect } from 'chai';
import { decodeSense, ScsiStatus } from '../../scsi/codec/index.js';
import type { ScsiCommand, ScsiResult, ScsiTransport } from '../../scsi/transport/scsi-transport.js';
import { ChangerProbe } from '../../conformance/harness/observation/changer-probe.js';
import { expectDoorClosedSeen, expectDoorOpenSeen } from '../../conformance/harness/observation/observe.js';
import type { TargetSession } from '../../conformance/harness/target/target-session.js';
import { resolveTarget } from '../../conformance/harness/target/targets.js';

/** Passes every command through, but a 06/28/00 the changer reports is consumed and the command sent again. */
function swallowing28(inner: ScsiTransport): ScsiTransport {
  const is28 = (r: ScsiResult) => {
    if (r.status !== ScsiStatus.CHECK_CONDITION || !r.senseData) return false;
    const s = decodeSense(r.senseData);
    return s.key === 0x06 && s.asc === 0x28 && s.ascq === 0x00;
  };
  return {
    ...inner,
    async execute(command: ScsiCommand) {
      const r = await inner.execute(command);
      return is28(r) ? inner.execute(command) : r;
    },
    close: () => inner.close(),
  } as ScsiTransport;
}

describe('conformance/harness/observe: the door cycle over SCSI', () => {
  let session: TargetSession;
  beforeEach(async () => {
    const [lib] = resolveTarget('sim:spectra-2k').libraries;
    session = await (lib as NonNullable<typeof lib>).open();
  });
  afterEach(() => session.close());

  const probeOver = (link: ScsiTransport) =>
    new ChangerProbe(link, session.hints.lun, (ms) => session.time.clock.sleep(ms));
  const operator = () => session.operator as NonNullable<TargetSession['operator']>;

  it("sees the model's door-open sense while open and 06/28/00 after the close", async () => {
    const probe = probeOver(session.probeTransport);
    await session.time.settle(probe.readiness());
    await operator().openDoor();
    await expectDoorOpenSeen(probe, session.model);
    await operator().closeDoor();
    await expectDoorClosedSeen(probe);
  });

  it('fails when the changer does not report 06/28/00 after the close', async () => {
    const probe = probeOver(swallowing28(session.probeTransport));
    await session.time.settle(probe.readiness());
    await operator().openDoor();
    await expectDoorOpenSeen(probe, session.model);
    await operator().closeDoor();
    let error: Error | undefined;
    await expectDoorClosedSeen(probe).catch((e: Error) => (error = e));
    expect(error?.message).to.match(
      /^the operator closed the door, but the changer did not report 06\/28\/00 \(NOT READY TO READY CHANGE, MEDIUM MAY HAVE CHANGED\) over SCSI \(unit attentions: none; TEST UNIT READY then answered 02\/04\/01\)$/,
    );
  });

  it('fails when TEST UNIT READY does not answer the door-open sense with the door open', async () => {
    const probe = probeOver(session.probeTransport);
    await session.time.settle(probe.readiness());
    let error: Error | undefined;
    await expectDoorOpenSeen(probe, session.model).catch((e: Error) => (error = e));
    expect(error?.message).to.match(
      /^the operator opened the door, but TEST UNIT READY answered GOOD over SCSI, not the door-open sense 02\/04\/83 the model spectra-2k declares$/,
    );
  });
});
