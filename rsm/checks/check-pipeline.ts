/**
 * The check pipelines: for each function, the ordered list of steps (declarative data), and the runner.
 * Spec: docs/rsm-semantics.md D3 (EjectNtmsCleaner's order; Reserve, Release and Inject reuse it with their own slot
 * steps from the 7.1 table), D4 (refresh before the slot steps), 6 (documented MS-RSMP order), 3.7 and 3.10
 * (CleanNtmsDrive and AccessNtmsLibraryDoor).
 */
import type { CheckContext, CheckedFunction, CheckVerdict } from './check-context.js';
import { CHECK_STEPS, type CheckStepName } from './check-steps.js';

/** The common head of every pipeline: handle → connection → parameters → library → access → enabled → online. */
const HEAD = [
  'handle',
  'connection',
  'parameters',
  'library',
  'access',
  'enabled',
  'online',
] as const satisfies readonly CheckStepName[];

/** Each function's steps, in order (per docs/rsm-semantics.md D3). */
export const CHECK_PIPELINES = {
  ejectNtmsCleaner: [
    ...HEAD,
    'stop-rules',
    'port-or-door',
    'reserved',
    'refresh-slot',
    'slot-present',
    'slot-has-cleaner',
  ],
  injectNtmsCleaner: [
    ...HEAD,
    'stop-rules',
    'port-or-door',
    'reserved',
    'refresh-slot',
    'slot-present',
    'slot-empty',
    'no-other-cleaner',
  ],
  reserveNtmsCleanerSlot: [...HEAD, 'not-reserved', 'target-slot', 'refresh-slot', 'slot-present', 'slot-empty'],
  releaseNtmsCleanerSlot: [...HEAD, 'reserved', 'refresh-slot', 'slot-present', 'slot-empty'],
  cleanNtmsDrive: ['handle', 'connection', 'parameters', 'drive', 'library', 'access', 'enabled', 'online-clean'],
  accessNtmsLibraryDoor: [...HEAD, 'has-door'],
  // The functions below run the session steps here and check their object themselves (api/).
  closeNtmsSession: ['handle', 'connection'],
  cancelNtmsLibraryRequest: ['handle', 'connection'],
  enableNtmsObject: ['handle', 'connection'],
  getNtmsObjectInformation: ['handle', 'connection'],
  setNtmsObjectInformation: ['handle', 'connection'],
} as const satisfies Record<CheckedFunction, readonly CheckStepName[]>;

/**
 * Runs `ctx.fn`'s pipeline: the first step that returns a code decides the call's result. Each step run is
 * appended to `ctx.trace`.
 */
export async function runChecks(ctx: CheckContext): Promise<CheckVerdict> {
  for (const name of CHECK_PIPELINES[ctx.fn] as readonly CheckStepName[]) {
    const step = CHECK_STEPS[name];
    if ('applies' in step && !step.applies(ctx)) continue;
    ctx.trace.push(name);
    const result = await step.run(ctx);
    if (result !== undefined) {
      ctx.verdict = { code: result, step: name };
      return ctx.verdict;
    }
  }
  ctx.verdict = { code: 0 };
  return ctx.verdict;
}
