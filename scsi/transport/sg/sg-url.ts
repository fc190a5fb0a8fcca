/**
 * Linux SCSI generic target URLs: `sg:/dev/sgN` or `sg:/dev/schN` (the ch driver passes SG_IO through), with
 * per-class time-outs in seconds: `sg:/dev/sg3?timeout-move=600&timeout-init=7200`.
 * Spec: docs/sg.md section 3 (URL form and options); docs/architecture.md "ScsiTransport" (targets chosen by URL).
 */
import { splitDevicePathUrl } from '../device-path-url.js';
import { TransportError } from '../scsi-transport.js';
import {
  DEFAULT_SG_TIMEOUTS,
  MAX_SG_TIMEOUT_SECONDS,
  SG_TIMEOUT_CLASSES,
  timeoutClassOfOption,
  type SgTimeoutClass,
  type SgTimeouts,
} from './sg-timeouts.js';

/** The URL form, as error messages name it. */
export const SG_URL_FORM =
  'sg:/dev/sgN[?timeout-quick=S&timeout-move=S&timeout-init=S&timeout-other=S&max-transfer=BYTES]';

/** Bounds of `max-transfer`: one sector to the largest READ ELEMENT STATUS allocation length (24 bits). */
export const MAX_TRANSFER_RANGE = { min: 512, max: 0xffffff } as const;

/** What an sg: URL says. */
export interface SgUrl {
  /** The device node (`/dev/sg3`, `/dev/sch0`). */
  readonly path: string;
  /** Time-out of each command class, in milliseconds. */
  readonly timeouts: SgTimeouts;
  /** The largest data buffer of one command, in bytes (`max-transfer`); absent: what the kernel says it can build. */
  readonly maxTransfer?: number | undefined;
}

const fail = (url: string, why: string): never => {
  throw new TransportError(`bad sg URL ${JSON.stringify(url)}: ${why}`, 'EINVAL');
};

/** Parses an `sg:` URL. Throws TransportError EINVAL naming the problem (unknown options included). */
export function parseSgUrl(url: string): SgUrl {
  const { path, params } = splitDevicePathUrl(url, 'sg', 'sg', `the device path is missing; expected ${SG_URL_FORM}`);
  if (!path.startsWith('/')) fail(url, `the device path must be absolute (e.g. /dev/sg3), got ${JSON.stringify(path)}`);
  const timeouts: Record<SgTimeoutClass, number> = { ...DEFAULT_SG_TIMEOUTS };
  const known = [...Object.values(SG_TIMEOUT_CLASSES).map((c) => c.option), 'max-transfer'].join(', ');
  let maxTransfer: number | undefined;
  for (const [key, value] of params) {
    if (key === 'max-transfer') {
      maxTransfer = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!(maxTransfer >= MAX_TRANSFER_RANGE.min && maxTransfer <= MAX_TRANSFER_RANGE.max))
        fail(
          url,
          `max-transfer must be a whole number of bytes from ${MAX_TRANSFER_RANGE.min} to ${MAX_TRANSFER_RANGE.max}, got ${JSON.stringify(value)}`,
        );
      continue;
    }
    const cls = timeoutClassOfOption(key);
    if (cls === undefined) fail(url, `unknown option ${JSON.stringify(key)} (known: ${known})`);
    const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
    if (!(seconds > 0) || seconds > MAX_SG_TIMEOUT_SECONDS)
      fail(
        url,
        `${key} must be a number of seconds above 0 and at most ${MAX_SG_TIMEOUT_SECONDS}, got ${JSON.stringify(value)}`,
      );
    timeouts[cls as SgTimeoutClass] = Math.max(1, Math.round(seconds * 1000));
  }
  return { path, timeouts, ...(maxTransfer !== undefined ? { maxTransfer } : {}) };
}

/** The URL of a device with its non-default time-outs, for descriptions ("sg:/dev/sg3?timeout-move=600"). */
export function formatSgUrl(target: SgUrl): string {
  const params = new URLSearchParams();
  for (const [name, c] of Object.entries(SG_TIMEOUT_CLASSES) as [SgTimeoutClass, { option: string }][]) {
    if (target.timeouts[name] !== DEFAULT_SG_TIMEOUTS[name]) params.set(c.option, String(target.timeouts[name] / 1000));
  }
  if (target.maxTransfer !== undefined) params.set('max-transfer', String(target.maxTransfer));
  const query = params.toString();
  return `sg:${target.path}${query ? `?${query}` : ''}`;
}
