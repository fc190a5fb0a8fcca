/**
 * A line of an mhVTL configuration file that cannot be used: the message names the file and the line.
 * Design: docs/lab-view.md "Bringing an mhVTL library".
 */

/** One unusable line (or file) of device.conf or library_contents. */
export class MhvtlFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    problem: string,
  ) {
    super(line === undefined ? `${file}: ${problem}` : `${file}:${line}: ${problem}`);
    this.name = 'MhvtlFormatError';
  }
}
