/**
 * One cell of the conformance matrix (a return path on a library): a fresh session and RSM service, the path's
 * body, then the simulated time, steps and SCSI trace recorded in the cell and attached to the test's report.
 * Design: docs/architecture.md "Top level" (conformance/).
 */
import type { CodeProfile } from '../../rsm/index.js';
import type { Capabilities } from './observation/capabilities.js';
import { openPathTest, seedOf } from './path-context.js';
import type { CellRecord } from './reporting/cell-record.js';

/** One test: a fresh session and RSM service, the path's body, the trace and evidence attached. */
export async function runCell(cell: CellRecord, caps: Capabilities, profile: CodeProfile): Promise<void> {
  const open = await openPathTest(cell.library, caps, {
    codeProfile: profile,
    seed: seedOf(cell.test.title),
    reporting: true,
    rules: { hostOnly: cell.path.hostOnly, destructive: cell.path.destructive },
  });
  const origin = open.session.time.now();
  try {
    await cell.path.run(open.test);
  } finally {
    cell.simulatedMs = open.session.time.elapsed();
    cell.steps = open.narrator.steps.map((st) => ({ kind: st.kind, name: st.name, outcome: st.outcome }));
    cell.trace = open.session.trace.events(origin);
    await open.narrator.attachText('SCSI trace', open.session.trace.format(origin));
    await open.narrator.attachJson('library requests', open.test.rsm.service.inspect.libraryRequests());
    await open.close();
  }
}
