/**
 * Settling a simulator child from outside: the control endpoint's status (GET /v1/status) until the robot is idle
 * with nothing queued, no inventory scan, no power-on and no cleaning cycle running. That is the operator's view;
 * the campaign uses it only between commands, never as a verdict. Design: README "Control endpoint".
 */
import { HttpControlClient } from '../../sim/control/control-http-client.js';

/** Polls the child's control endpoint until it is settled, or throws after `limitMs`. */
export async function settleOverControl(control: HttpControlClient, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const s = await control.status();
    const busy = s.robot.busy || s.robot.queued > 0 || s.scanning || s.poweringOn || s.drives.some((d) => d.cleaning);
    if (!busy) return;
    if (Date.now() > deadline) throw new Error(`the simulator at ${control.url} did not settle within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
