/**
 * Opens the changer a host command (`status`) talks to, from a target URL or a fixture name: an in-process
 * simulator on a virtual clock for `sim:<fixture>`, an iSCSI session for `iscsi://...` and a serial session for
 * `serial:...` (over the first line of `serial:<path>,<path2>`, telling `onNote` so) and a Linux SCSI generic node
 * for `sg:/dev/sgN` (checked: a SCSI generic node, openable, a medium changer). A real target may still be
 * becoming ready (NOT READY 04/01): it is waited for before use.
 * Spec: scsi/transport/target-url.ts (URL forms); RFC 7143 (iSCSI login, docs/iscsi.md 7.3);
 * docs/serial-framing.md 7, 12; SPC-4 6.47 TEST UNIT READY (scsi/host/wait-until-ready.ts, docs/scsi-model.md 10);
 * docs/sg.md (sg: checks and refusals).
 */
import { VirtualClock } from '../common/clock/clock.js';
import { CommandError, ExitCode } from '../common/command-error.js';
import { ClockDrivenTransport } from '../scsi/transport/clock-driven-transport.js';
import { InMemoryTransport } from '../scsi/transport/in-memory-transport.js';
import { createInProcessTarget } from '../sim/changer/in-process-target.js';
import { openPersonality } from '../sim/personality/open-personality.js';
import type { OpenTarget, OpenTargetOptions } from './open-wire-target.js';

export type { OpenTarget, OpenTargetOptions } from './open-wire-target.js';

/**
 * An in-process simulator of one fixture (a bundled one from the build-time cache, docs/simulator.md "Start-up"),
 * read through a transport that drives its virtual clock.
 */
export async function openSimulatorTarget(fixture: string): Promise<OpenTarget> {
  const personality = await openPersonality(fixture);
  const clock = new VirtualClock();
  const { changer, target } = createInProcessTarget(personality, { clock, startReady: true });
  const inner = new InMemoryTransport(target, { nexus: 'changerbench-status', description: `sim:${personality.id}` });
  return {
    transport: new ClockDrivenTransport(inner, clock),
    lun: target.lun,
    device: `sim:${personality.id}`,
    control: { status: async () => changer.control.status() },
    close: async () => {
      await inner.close();
      changer.close();
    },
  };
}

/** Opens a target by URL (see scsi/transport/target-url.ts). */
export async function openTarget(url: string, options: OpenTargetOptions = {}): Promise<OpenTarget> {
  // the URL forms (iSCSI, serial, sg: parsers) load only for --target; --fixture does not need them
  const { parseTargetUrl } = await import('../scsi/transport/target-url.js');
  const t = (() => {
    try {
      return parseTargetUrl(url);
    } catch (e) {
      throw new CommandError((e as Error).message, ExitCode.USAGE);
    }
  })();
  switch (t.kind) {
    case 'sim': {
      if (t.fixtures.length !== 1)
        throw new CommandError(`status needs exactly one fixture: sim:<fixture>, got "${url}"`, ExitCode.USAGE);
      return openSimulatorTarget(t.fixtures[0] ?? '');
    }
    case 'serial':
      // One I_T nexus is enough to read an inventory: the first line, as the conformance suite's RSM model uses it.
      if (t.secondPath !== undefined)
        options.onNote?.(
          `the target URL names two serial lines; using the first, ${t.path} (${t.secondPath} is not opened)`,
        );
      break;
    case 'sg':
      if (t.secondPath !== undefined)
        options.onNote?.(
          `the target URL names two sg nodes; using the first, ${t.path} (${t.secondPath} is not opened)`,
        );
      break;
  }
  // the wire transports (iSCSI, serialport, the koffi sg binding) load only when a URL needs them
  const { openWireTarget } = await import('./open-wire-target.js');
  return openWireTarget(url, t, options);
}
