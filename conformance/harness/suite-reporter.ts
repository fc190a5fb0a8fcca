/**
 * The conformance run's mocha reporter: Allure results (allure-mocha) plus, on the same runner, mocha's spec
 * reporter on stdout and its xunit reporter writing JUnit XML. One reporter class that builds the others in its
 * constructor, because allure-mocha's own `extraReporters` option is mangled by mocha's option parser
 * (toolchain-notes.md "Pitfalls"). Also prints the plain closing line "N passed, N failed, N skipped".
 */
import Mocha from 'mocha';
import allureMocha from 'allure-mocha';

// allure-mocha's types describe a CommonJS module (default under `.default`); its ESM entry exports the class as
// default. Accept either shape.
const AllureMochaReporter = ((allureMocha as unknown as { default?: unknown }).default ?? allureMocha) as typeof allureMocha.default;

/** Options the run passes in `reporterOptions`. */
export interface SuiteReporterOptions {
  /** Directory for allure-results. */
  readonly resultsDir: string;
  /** Path of the JUnit XML file. */
  readonly junitFile: string;
  /** Suite name in the JUnit file. */
  readonly suiteName: string;
}

type Runner = Mocha.Runner;

/** Reporter combining Allure, spec and xunit output for one conformance run. */
export class SuiteReporter extends AllureMochaReporter {
  private readonly xunit: Mocha.reporters.XUnit;

  constructor(runner: Runner, options: Mocha.MochaOptions) {
    const ro = (options.reporterOptions ?? {}) as SuiteReporterOptions;
    super(runner, { ...options, reporterOptions: { resultsDir: ro.resultsDir } });
    new Mocha.reporters.Spec(runner, {});
    this.xunit = new Mocha.reporters.XUnit(runner, { reporterOptions: { output: ro.junitFile, suiteName: ro.suiteName } });
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const s = runner.stats;
      process.stdout.write(`\n${s?.passes ?? 0} passed, ${s?.failures ?? 0} failed, ${s?.pending ?? 0} skipped\n`);
    });
  }

  override done(failures: number, fn?: (failures: number) => void): void {
    this.xunit.done(failures, () => super.done(failures, fn));
  }
}
