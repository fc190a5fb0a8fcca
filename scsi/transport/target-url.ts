/**
 * Target URLs, one syntax for every tool (docs/architecture.md "ScsiTransport"):
 *   sim:                        every bundled fixture, in-process (the conformance suite's default)
 *   sim:<fixture>[,<fixture>]   those fixtures, in-process
 *   iscsi://[user[%pass]@]host[:port]/<target-iqn>/<lun>[?header_digest=..&data_digest=..&target_user=..&target_password=..]
 *                               read by the iSCSI initiator's own grammar (iscsi/initiator/iscsi-url.ts, libiscsi's
 *                               URL form; port 3260 by default), so a URL this accepts is one the initiator connects to
 *   serial:<path>[,<path2>][?baud=N&lun=N&name=INITIATOR&pace=1&timeout=MS]
 *                               one serial line, or two lines to the same target (two I_T nexuses, e.g. the
 *                               conformance suite's RSM model and its read-back); the parameters apply to both
 *   sg:<path>[,<path2>][?timeout-quick=S&timeout-move=S&timeout-init=S&timeout-other=S&max-transfer=BYTES]
 *                               a Linux SCSI generic node (`/dev/sgN`, or `/dev/schN`), read by the sg transport's
 *                               own grammar (sg/sg-url.ts); a second node of the same changer (another HBA path)
 *                               is a second I_T nexus, as the second line of serial: is
 * Parsing is pure; opening the transport is the caller's business.
 */
import { Iscsi } from './iscsi/constants.js';
import { hideCredentials, ISCSI_URL_FORM, IscsiUrlError, parseIscsiUrl } from './iscsi/initiator/iscsi-url.js';
import { parseSerialUrl } from './serial/serial-url.js';
import { parseSgUrl } from './sg/sg-url.js';
import type { SgTimeouts } from './sg/sg-timeouts.js';

/** The supported forms, as error messages name them. */
const SUPPORTED_FORMS = `sim:[<fixture>[,<fixture>]], ${ISCSI_URL_FORM}, serial:<path>[,<path2>][?baud=N&lun=N], sg:/dev/sgN[?timeout-move=S]`;

/** A parsed target URL. */
export type TargetUrl =
  | { readonly kind: 'sim'; readonly fixtures: readonly string[] }
  | {
      /**
       * The parts that choose the target. Digest choices and mutual CHAP stay in the URL's query: the initiator
       * reads them from the same URL with the same grammar (IscsiInitiator.connect(url)).
       */
      readonly kind: 'iscsi';
      readonly host: string;
      readonly port: number;
      readonly targetName: string;
      readonly lun: number;
      /** CHAP user and secret (`user%password@`, or `user:password@`); the grammar takes both or neither. */
      readonly user?: string;
      readonly password?: string;
    }
  | {
      readonly kind: 'serial';
      readonly path: string;
      /** A second line to the same target (`serial:<path>,<path2>`): a second I_T nexus. Absent with one line. */
      readonly secondPath?: string;
      readonly baudRate: number;
      readonly lun: number;
      readonly initiatorName?: string;
      readonly pace?: boolean;
      /** The initiator's response deadline (`timeout=` in ms; docs/serial-framing.md section 8.5). */
      readonly responseTimeoutMs?: number;
    }
  | {
      readonly kind: 'sg';
      /** The SCSI generic node (`/dev/sg3`). */
      readonly path: string;
      /** A second node of the same changer (another path, another I_T nexus). Absent with one node. */
      readonly secondPath?: string;
      /** Time-out per command class, in milliseconds. */
      readonly timeouts: SgTimeouts;
      /** The largest data buffer of one command (`max-transfer`), when the URL sets it. */
      readonly maxTransfer?: number;
      /** Always 0: a node is one logical unit. */
      readonly lun: 0;
    };

/** A target URL that cannot be parsed; the message names the URL (without credentials) and says what was expected. */
export class TargetUrlError extends Error {
  constructor(url: string, problem: string, options?: { cause?: unknown }) {
    super(`target URL "${hideCredentials(url)}": ${problem}`, options);
    this.name = 'TargetUrlError';
  }
}

function parseIscsiTargetUrl(url: string): TargetUrl {
  try {
    const p = parseIscsiUrl(url);
    return {
      kind: 'iscsi',
      host: p.host,
      port: p.port ?? Iscsi.DEFAULT_PORT,
      targetName: p.targetName,
      lun: p.lun,
      ...(p.chap ? { user: p.chap.user, password: p.chap.secret } : {}),
    };
  } catch (e) {
    if (e instanceof IscsiUrlError) throw new TargetUrlError(url, e.problem, { cause: e });
    throw e;
  }
}

/** `sg:<path>[,<path2>][?...]`: each node read by the sg transport's grammar, the options applying to both. */
function parseSgTargetUrl(url: string): TargetUrl {
  const q = url.indexOf('?');
  const query = q < 0 ? '' : url.slice(q);
  const nodes = url.slice('sg:'.length, q < 0 ? undefined : q).split(',');
  if (nodes.length > 2)
    throw new TargetUrlError(url, 'expected sg:<path>[,<path2>][?options]: at most two nodes of one changer');
  try {
    const [p, second] = nodes.map((node) => parseSgUrl(`sg:${node}${query}`));
    if (!p) throw new TargetUrlError(url, 'the device path is missing');
    if (second && second.path === p.path)
      throw new TargetUrlError(url, `both nodes are ${p.path}; the second must be another path to the changer`);
    return {
      kind: 'sg',
      path: p.path,
      ...(second ? { secondPath: second.path } : {}),
      timeouts: p.timeouts,
      ...(p.maxTransfer !== undefined ? { maxTransfer: p.maxTransfer } : {}),
      lun: 0,
    };
  } catch (e) {
    if (e instanceof TargetUrlError) throw e;
    throw new TargetUrlError(url, (e as Error).message.replace(/^.*?: /, ''));
  }
}

/** Parses a target URL (see the module comment for the forms). */
export function parseTargetUrl(url: string): TargetUrl {
  if (url === 'sim' || url === 'sim:') return { kind: 'sim', fixtures: [] };
  if (url.startsWith('sim:')) {
    const fixtures = url
      .slice(4)
      .split(',')
      .map((s) => s.trim());
    if (fixtures.some((f) => !/^[a-z0-9][a-z0-9._-]*$/i.test(f)))
      throw new TargetUrlError(url, 'expected sim:<fixture>[,<fixture>...] with fixture ids such as ibm-ts3100');
    return { kind: 'sim', fixtures };
  }
  if (url.startsWith('iscsi://')) return parseIscsiTargetUrl(url);
  if (url.startsWith('serial:')) {
    // One grammar for serial URLs: the serial transport's own (docs/serial-framing.md section 12), applied to
    // each line of `serial:<path>,<path2>?...` (a comma in a path is written %2C).
    const q = url.indexOf('?');
    const query = q < 0 ? '' : url.slice(q);
    const lines = url.slice('serial:'.length, q < 0 ? undefined : q).split(',');
    if (lines.length > 2)
      throw new TargetUrlError(
        url,
        'expected serial:<path>[,<path2>][?baud=N&lun=N&name=INITIATOR&pace=1&timeout=MS]: at most two lines',
      );
    if (lines.some((l) => l.trim() === ''))
      throw new TargetUrlError(url, 'a serial device path is empty; expected serial:<path>[,<path2>]');
    try {
      const [p, second] = lines.map((line) => parseSerialUrl(`serial:${line}${query}`));
      if (!p) throw new TargetUrlError(url, 'the device path is missing');
      if (second && second.path === p.path)
        throw new TargetUrlError(url, `both lines name ${p.path}; the second line must be another device`);
      return {
        kind: 'serial',
        path: p.path,
        ...(second ? { secondPath: second.path } : {}),
        baudRate: p.baudRate,
        lun: p.lun,
        ...(p.initiatorName !== undefined ? { initiatorName: p.initiatorName } : {}),
        ...(p.pace !== undefined ? { pace: p.pace } : {}),
        ...(p.responseTimeoutMs !== undefined ? { responseTimeoutMs: p.responseTimeoutMs } : {}),
      };
    } catch (e) {
      if (e instanceof TargetUrlError) throw e;
      throw new TargetUrlError(url, (e as Error).message.replace(/^.*?: /, ''));
    }
  }
  if (url.startsWith('sg:')) return parseSgTargetUrl(url);
  throw new TargetUrlError(url, `unknown scheme; expected ${SUPPORTED_FORMS}`);
}
