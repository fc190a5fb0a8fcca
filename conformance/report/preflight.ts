/**
 * What a run checks before any test runs or any report is touched: the fixtures directory exists, the target
 * resolves, and every library can be reached and identified over SCSI (INQUIRY, VPD, MODE SENSE read on the suite's
 * own nexus). A target nobody listens on, a serial line that does not exist, a malformed or missing fixture: each
 * is one {@link TargetUnusableError} whose message says what and where, and the run exits 2 with earlier reports
 * left alone. Design: issue 11 "The CI gate" (a target or model that cannot be used).
 */
import { existsSync, statSync } from 'node:fs';
import { hideCredentials } from '../../scsi/transport/iscsi/initiator/iscsi-url.js';
import { parseTargetUrl } from '../../scsi/transport/target-url.js';
import { readDeviceIdentity, type DeviceIdentity } from '../../scsi/host/read-identity.js';
import type { LibraryTarget } from '../harness/target/target-session.js';

/** A target, model or fixture the run cannot use (exit 2, before any test). */
export class TargetUnusableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetUnusableError';
  }
}

/** Checks `--fixtures-dir` and, for `serial:` targets, that the lines exist. Throws TargetUnusableError. */
export function checkLocalInputs(url: string, fixturesDir: string | undefined): void {
  if (fixturesDir !== undefined) {
    if (!existsSync(fixturesDir)) throw new TargetUnusableError(`--fixtures-dir ${fixturesDir}: no such directory`);
    if (!statSync(fixturesDir).isDirectory())
      throw new TargetUnusableError(`--fixtures-dir ${fixturesDir}: not a directory`);
  }
  let parsed;
  try {
    parsed = parseTargetUrl(url);
  } catch {
    return; // resolveTarget reports a malformed URL with its own message
  }
  if (parsed.kind === 'serial') {
    for (const path of [parsed.path, parsed.secondPath]) {
      if (path !== undefined && !existsSync(path))
        throw new TargetUnusableError(`target "${hideCredentials(url)}": serial line ${path} does not exist`);
    }
  }
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Opens one session on `library` and reads its identity on the suite's nexus. Throws TargetUnusableError naming
 * the library and the cause (connection refused, a fixture's field, INQUIRY failing).
 */
export async function identifyLibrary(library: LibraryTarget, url: string): Promise<DeviceIdentity> {
  if (library.unavailable !== undefined)
    throw new TargetUnusableError(`target "${hideCredentials(url)}": ${library.unavailable}`);
  let session;
  try {
    session = await library.open();
  } catch (e) {
    throw new TargetUnusableError(
      `target "${hideCredentials(url)}", library ${library.label}: cannot be used: ${messageOf(e)}`,
    );
  }
  try {
    const lun = session.hints.lun;
    return await session.time.settle(readDeviceIdentity(session.probeTransport, lun));
  } catch (e) {
    throw new TargetUnusableError(
      `target "${hideCredentials(url)}", library ${library.label}: cannot be identified (INQUIRY): ${messageOf(e)}`,
    );
  } finally {
    await session.close().catch(() => undefined);
  }
}
