/**
 * The idle link check: while no request of the library runs, TEST UNIT READY every pollIntervalMs of clock time,
 * as RSM polls its libraries, so a changer link lost while the library is idle takes the library offline (the
 * link's onLost listener) before the next call, and every function then answers 4305 at the online step (D3, D12).
 * Spec: docs/rsm-semantics.md D12 (a library whose changer link is lost is offline), D5 and D8 (the poll
 * interval), 7.5; docs/rsm-model.md "The changer link".
 */
import { testUnitReady } from '../changer/changer-commands.js';
import type { ChangerLink } from '../changer/changer-link.js';
import type { LibraryRuntime, ServiceRuntime } from './service-runtime.js';

/** Starts polling `link` for `lib` when the idleLinkCheck policy is on; ends with the incarnation or the link. */
export function startIdleLinkCheck(rt: ServiceRuntime, lib: LibraryRuntime, link: ChangerLink): void {
  if (!rt.policies.idleLinkCheck) return;
  const current = () => !rt.ended && lib.link === link && !link.lost;
  void (async () => {
    while (current()) {
      try {
        await rt.clock.sleep(rt.policies.pollIntervalMs, rt.signal);
      } catch {
        return;
      }
      // A running request polls the changer itself (D5, D8); its commands would find a lost link first.
      if (!current() || lib.running !== undefined) continue;
      try {
        await testUnitReady(link);
      } catch {
        return;
      }
    }
  })();
}
