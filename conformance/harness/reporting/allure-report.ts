/**
 * `changerbench report`: builds the Allure HTML report (reports/allure/index.html, one file in Allure's single-file
 * mode so it opens from the file system, without analytics) from a run's allure-results with the
 * allure-commandline package's bundled Allure, after checking that a Java runtime and the allure binary exist
 * and saying exactly what to install when one is missing. Design: docs/toolchain.md (allure-commandline 2.46
 * bundles Allure's jars; it needs a Java runtime, Debian openjdk-17-jre-headless; `allure generate` ~1.5 s).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Runs a program and waits (spawnSync's shape); injected so the checks can be tested. */
export type RunProgram = (
  command: string,
  args: readonly string[],
  env?: Readonly<Record<string, string>>,
) => Pick<SpawnSyncReturns<string>, 'status' | 'stdout' | 'stderr' | 'error'>;

const runProgram: RunProgram = (command, args, env) =>
  spawnSync(command, [...args], { encoding: 'utf8', env: env ? { ...process.env, ...env } : process.env });

/**
 * Allure's generator reads ALLURE_NO_ANALYTICS ("true" leaves out the Google Analytics script it otherwise writes
 * into index.html), so the report opens from the file system without reaching the network.
 */
export const ALLURE_ENV: Readonly<Record<string, string>> = { ALLURE_NO_ANALYTICS: 'true' };

/** What to install when Java is missing. */
export const JAVA_HINT =
  'install a Java runtime (8 or later), e.g. on Debian: apt-get install openjdk-17-jre-headless (.ci/run installs it)';

/** What to install when the allure binary is missing. */
export const ALLURE_HINT =
  'install the allure-commandline npm package (npm install allure-commandline), which bundles Allure';

/** A report that cannot be built; the message says what to do. */
export class ReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportError';
  }
}

/** The bundled allure launcher of the allure-commandline package, or undefined when it is not installed. */
export function findAllureBinary(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('allure-commandline/package.json');
    const bin = join(dirname(pkg), 'dist', 'bin', process.platform === 'win32' ? 'allure.bat' : 'allure');
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/** The Java runtime's version line; throws ReportError with {@link JAVA_HINT} when `java` cannot run. */
export function checkJava(run: RunProgram = runProgram): string {
  const r = run('java', ['-version']);
  if (r.error || r.status !== 0) {
    const why = r.error
      ? (r.error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no "java" on the PATH'
        : r.error.message
      : `"java -version" exited with ${r.status}`;
    throw new ReportError(`cannot build the Allure report: ${why}; ${JAVA_HINT}`);
  }
  return `${r.stderr}${r.stdout}`.split('\n')[0]?.trim() ?? 'java';
}

/** Options of {@link buildAllureReport}. */
export interface AllureReportOptions {
  readonly reportsDir: string;
  readonly run?: RunProgram;
  /** Finds the allure launcher (default: the allure-commandline package's, {@link findAllureBinary}). */
  readonly findAllure?: () => string | undefined;
}

/** Builds `<reportsDir>/allure` from `<reportsDir>/allure-results`; resolves to a line saying where it is. */
export function buildAllureReport(options: AllureReportOptions): string {
  const run = options.run ?? runProgram;
  const results = join(options.reportsDir, 'allure-results');
  const out = join(options.reportsDir, 'allure');
  if (!existsSync(results) || readdirSync(results).length === 0) {
    throw new ReportError(
      `no Allure results in ${results}: run "changerbench conformance run --reports ${options.reportsDir}" first`,
    );
  }
  const java = checkJava(run);
  const allure = (options.findAllure ?? findAllureBinary)();
  if (allure === undefined)
    throw new ReportError(`cannot build the Allure report: the allure binary was not found; ${ALLURE_HINT}`);
  // --single-file: one index.html with the data inlined, which opens from file:// (the multi-file report fetches
  // its data and shows "Failed to fetch" there; docs/toolchain.md).
  const r = run(allure, ['generate', results, '--clean', '--single-file', '-o', out], ALLURE_ENV);
  if (r.error || r.status !== 0)
    throw new ReportError(
      `allure generate failed (${r.error?.message ?? `exit ${r.status}`}): ${`${r.stderr}`.trim()}`,
    );
  return `Allure report written to ${out} (open ${join(out, 'index.html')}, one self-contained file; ${java})`;
}
