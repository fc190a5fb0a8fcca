/**
 * Finds and imports the return path files (conformance/eject-ntms-cleaner/*.spec.ts, or *.spec.js when the suite
 * runs compiled from dist/), located from this file's own URL so it works from the sources under tsx and from
 * the build. Each file must default-export a returnPath({...}). Paths come back in report order: by documented
 * result, then by id. Design: docs/architecture.md style rule 10 (one self-describing file per return path).
 */
import { readdirSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EJECT_NTMS_CLEANER_RESULTS } from './documented-results.js';
import { isReturnPath, type ReturnPath } from './return-path.js';

/** Where the EjectNtmsCleaner path files are, next to this harness. */
export const DEFAULT_PATHS_DIR: string = fileURLToPath(new URL('../eject-ntms-cleaner/', import.meta.url));

/** The extension this module was loaded with: path files are loaded with the same one. */
const OWN_EXTENSION = extname(fileURLToPath(import.meta.url));

/** A path file that cannot be used. */
export class PathFileError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'PathFileError';
  }
}

/** The path files of `dir` (full paths), those ending in .spec.ts or .spec.js as this module is loaded. */
export function listPathFiles(dir: string = DEFAULT_PATHS_DIR): string[] {
  const ext = OWN_EXTENSION === '.js' ? '.spec.js' : '.spec.ts';
  return readdirSync(dir)
    .filter((name) => name.endsWith(ext) && !name.endsWith('.d.ts'))
    .sort()
    .map((name) => `${dir.replace(/\/$/, '')}/${name}`);
}

/** The rank of a path in reports: the position of its result in the documented list, then its id. */
function compareForReport(a: ReturnPath, b: ReturnPath): number {
  const rank = (p: ReturnPath) => {
    const i = EJECT_NTMS_CLEANER_RESULTS.findIndex((d) => d.name === p.returns);
    return i < 0 ? EJECT_NTMS_CLEANER_RESULTS.length : i;
  };
  const precedence = (p: ReturnPath) => (p.id.includes('.Precedence') ? 1 : 0);
  return precedence(a) - precedence(b) || rank(a) - rank(b) || a.id.localeCompare(b.id);
}

/** A path and the file it came from. */
export interface PathModule {
  readonly path: ReturnPath;
  readonly file: string;
}

/** Imports every path file of `dir`; throws PathFileError for a file without a returnPath default export. */
export async function loadPathModules(dir: string = DEFAULT_PATHS_DIR): Promise<PathModule[]> {
  const modules: PathModule[] = [];
  for (const file of listPathFiles(dir)) {
    const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
    if (!isReturnPath(mod.default)) throw new PathFileError(file, 'the default export is not a returnPath({...})');
    modules.push({ path: mod.default, file });
  }
  return modules.sort((a, b) => compareForReport(a.path, b.path));
}

/** The return paths of `dir`, in report order. */
export async function loadReturnPaths(dir: string = DEFAULT_PATHS_DIR): Promise<ReturnPath[]> {
  return (await loadPathModules(dir)).map((m) => m.path);
}
