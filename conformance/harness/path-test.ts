/**
 * What a return path's test body receives: the library under test with its probed capabilities, the RSM model
 * driven on the test's clock, the suite's read-back of the changer, the operator's hands, shared arrangements
 * and expectations, and the narration (arrange, act, expect). Built per test by conformance/harness/path-context.ts.
 * Design: docs/architecture.md style rules 10 and 11 (self-describing, narrated tests).
 */
import type { ResultTable } from '../../rsm/index.js';
import type { Capabilities } from './observation/capabilities.js';
import type { ChangerProbe } from './observation/changer-probe.js';
import type { Checks } from './observation/checks.js';
import type { Operator } from './operator/operator.js';
import type { Observer } from './observation/observe.js';
import type { RsmDriver } from './rsm-driver.js';
import type { Scenario } from './scenario.js';
import type { TargetSession } from './target/target-session.js';
import type { TimeControl } from './target/time-control.js';

/** One test of one return path against one library. */
export interface PathTest {
  /** The library's label in the matrix ("ibm-ts3100"). */
  readonly label: string;
  readonly caps: Capabilities;
  readonly session: TargetSession;
  readonly time: TimeControl;
  readonly rsm: RsmDriver;
  /** The result table of the run's code profile: tests assert names, the table gives the numbers (D1). */
  readonly results: ResultTable;
  readonly changer: ChangerProbe;
  /** The operator; throws when the target has none (paths that use it declare Capability.OPERATOR). */
  readonly operator: Operator;
  readonly scenario: Scenario;
  readonly observe: Observer;
  readonly check: Checks;
  /** A step that sets the scene; its failure is a broken arrangement, reported as such. */
  arrange<T>(name: string, body: () => Promise<T> | T): Promise<T>;
  /** The call under test (or an operator action the path is about). */
  act<T>(name: string, body: () => Promise<T> | T): Promise<T>;
  /** What must be true afterwards. */
  expect(name: string, body: () => Promise<void> | void): Promise<void>;
  /** A fact stated in the report and the trace. */
  note(text: string): Promise<void>;
}
