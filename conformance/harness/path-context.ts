/**
 * Builds what one test of one return path gets (PathTest): a fresh target session, a fresh RSM service with the
 * library discovered through the session's RSM nexus, the suite's read-back, the narration, and the shared
 * arrangements and expectations; and tears it all down afterwards. Also the one-off capability probe of a
 * library. Design: docs/architecture.md style rules 9 (instances, no module state) and 11 (narrated tests).
 */
import type { CodeProfile } from '../../rsm/index.js';
import { actViolation, type ActRules } from './observation/act-guard.js';
import { probeCapabilities, type Capabilities } from './observation/capabilities.js';
import { ChangerProbe } from './observation/changer-probe.js';
import { Checks } from './observation/checks.js';
import { Narrator } from './narration.js';
import { Observer } from './observation/observe.js';
import type { PathTest } from './path-test.js';
import { RsmDriver } from './rsm-driver.js';
import { Scenario } from './scenario.js';
import type { LibraryTarget, TargetSession } from './target/target-session.js';

/** An open test context; `close()` ends the service and the session. */
export interface OpenPathTest {
  readonly test: PathTest;
  readonly narrator: Narrator;
  readonly session: TargetSession;
  close(): Promise<void>;
}

/** Options of {@link openPathTest}. */
export interface PathTestOptions {
  readonly codeProfile: CodeProfile;
  /** Seed of the test's GUID source ({@link seedOf} its title). */
  readonly seed: number;
  /** Steps and attachments go to an Allure report (see Narrator). */
  readonly reporting: boolean;
  /** The path's declarations, enforced on the RSM nexus's trace during each act step (act-guard.ts). */
  readonly rules?: ActRules;
}

/** A seed for a test's GUID source, from its title (the same test gets the same GUIDs every run). */
export function seedOf(title: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < title.length; i++) h = Math.imul(h ^ title.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Runs an act's body; when it made an ntmsapi call (the call under test, not an operator action the path is
 * about), fails it if the RSM nexus's commands during it break `rules`.
 */
async function guarded<T>(
  session: TargetSession,
  rsm: RsmDriver,
  rules: ActRules | undefined,
  name: string,
  body: () => Promise<T> | T,
): Promise<T> {
  const from = session.trace.entries('rsm').length;
  const calls = rsm.calls.length;
  const value = await body();
  const called = rsm.calls.length > calls;
  const problem = rules && called ? actViolation(rules, name, session.trace.entries('rsm').slice(from)) : undefined;
  if (problem) throw new Error(problem);
  return value;
}

function buildTest(
  session: TargetSession,
  rsm: RsmDriver,
  caps: Capabilities,
  narrator: Narrator,
  rules?: ActRules,
): PathTest {
  const probe = new ChangerProbe(session.probeTransport, session.hints.lun, (ms) => session.time.clock.sleep(ms));
  const operatorOf = () => {
    if (!session.operator)
      throw new Error(`${session.label}: no operator can act on this target (declare Capability.OPERATOR)`);
    return session.operator;
  };
  return {
    label: session.label,
    caps,
    session,
    time: session.time,
    rsm,
    results: rsm.results,
    changer: probe,
    get operator() {
      return operatorOf();
    },
    scenario: new Scenario(rsm, probe, operatorOf, session.time, session.model),
    observe: new Observer(rsm, probe, session.operator, session.time, session.model),
    check: new Checks(rsm),
    arrange: (name, body) => narrator.step('arrange', name, body),
    act: (name, body) => narrator.step('act', name, () => guarded(session, rsm, rules, name, body)),
    expect: (name, body) => narrator.step('expect', name, body),
    note: (text) => narrator.note(text),
  };
}

/** Opens a fresh session on `library`, starts an RSM service on it, and builds the test's context. */
export async function openPathTest(
  library: LibraryTarget,
  caps: Capabilities,
  options: PathTestOptions,
): Promise<OpenPathTest> {
  const { codeProfile, seed } = options;
  const session = await library.open();
  const narrator = new Narrator(session.trace, () => session.time.now(), options.reporting);
  let rsm: RsmDriver | undefined;
  try {
    rsm = await narrator.step(
      'arrange',
      `start an RSM service and discover ${session.label} through its own I_T nexus`,
      () => RsmDriver.start(session, { codeProfile, seed }),
    );
  } catch (e) {
    await session.close();
    throw e;
  }
  const started = rsm;
  return {
    test: buildTest(session, started, caps, narrator, options.rules),
    narrator,
    session,
    async close() {
      try {
        await started.shutdown();
      } finally {
        await session.close();
      }
    },
  };
}

/** Probes a library's capabilities once, on a session of its own. */
export async function probeLibrary(library: LibraryTarget, codeProfile: CodeProfile): Promise<Capabilities> {
  const session = await library.open();
  try {
    const rsm = await RsmDriver.start(session, { codeProfile, seed: seedOf(`probe ${library.label}`) });
    try {
      return await probeCapabilities(
        session,
        new ChangerProbe(session.probeTransport, session.hints.lun, (ms) => session.time.clock.sleep(ms)),
        rsm,
      );
    } finally {
      await rsm.shutdown();
    }
  } finally {
    await session.close();
  }
}
