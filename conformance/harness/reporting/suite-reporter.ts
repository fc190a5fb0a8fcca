/**
 * The conformance run's mocha reporter: Allure results (allure-mocha) and, on the same runner, one console line
 * per test (a skip with its reason, a failure with its message), then the one count line CI reads,
 * "N passed, N failed, N skipped" (the matrix's cells; nothing else is counted). One reporter class that adds the
 * console output in its constructor, because allure-mocha's own `extraReporters` option is mangled by mocha's
 * option parser (docs/toolchain.md "Pitfalls"). The JUnit file is written from the run's evidence
 * (conformance/report/junit-xml.ts), atomically, after the run.
 */
import Mocha from 'mocha';
import allureMocha from 'allure-mocha';

// allure-mocha's types describe a CommonJS module (default under `.default`); its ESM entry exports the class as
// default. Accept either shape.
const AllureMochaReporter = ((allureMocha as unknown as { default?: unknown }).default ??
  allureMocha) as typeof allureMocha.default;

/** Options the run passes in `reporterOptions`. */
export interface SuiteReporterOptions {
  /** Directory for allure-results. */
  readonly resultsDir: string;
  /** Where console lines go (default process.stdout). */
  readonly write?: (text: string) => void;
  /** A parallel run's job: each test's line goes here (the parent prints them in serial order); no suite or count lines. */
  readonly onTestLine?: (title: string, line: string) => void;
}

/** A test that skipped with a stated reason carries it here (set by the test before `this.skip()`). */
export interface SkipReasonCarrier {
  skipReason?: string;
}

type Runner = Mocha.Runner;

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_SUITE_BEGIN, EVENT_RUN_END } =
  Mocha.Runner.constants;

/** Reporter combining Allure results and console lines for one conformance run. */
export class SuiteReporter extends AllureMochaReporter {
  constructor(runner: Runner, options: Mocha.MochaOptions) {
    const ro = (options.reporterOptions ?? {}) as SuiteReporterOptions;
    super(runner, { ...options, reporterOptions: { resultsDir: ro.resultsDir } });
    const onTestLine = ro.onTestLine;
    const write = onTestLine ? () => undefined : (ro.write ?? ((t: string) => void process.stdout.write(t)));
    const testLine = (t: Mocha.Test, line: string) => (onTestLine ? onTestLine(t.title, line) : write(line));
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const firstLine = (s: string) => s.split('\n')[0] ?? s;
    runner.on(EVENT_SUITE_BEGIN, (s: Mocha.Suite) => {
      if (s.title) write(`\n  ${s.title}\n`);
    });
    runner.on(EVENT_TEST_PASS, (t: Mocha.Test) => {
      counts.passed++;
      testLine(t, `    ✔ ${t.title} (${t.duration ?? 0} ms)\n`);
    });
    runner.on(EVENT_TEST_FAIL, (t: Mocha.Test, err: Error) => {
      counts.failed++;
      testLine(t, `    ✖ ${t.title}: FAILED: ${firstLine(err.message)}\n`);
    });
    runner.on(EVENT_TEST_PENDING, (t: Mocha.Test) => {
      counts.skipped++;
      testLine(
        t,
        `    - ${t.title}: skipped: ${(t as Mocha.Test & SkipReasonCarrier).skipReason ?? 'no reason given'}\n`,
      );
    });
    runner.once(EVENT_RUN_END, () =>
      write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`),
    );
  }
}
