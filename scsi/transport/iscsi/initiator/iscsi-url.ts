/**
 * iSCSI URLs as libiscsi writes them: iscsi://[user[%password]@]host[:port]/<target-iqn>/<lun>, with the query
 * arguments header_digest, data_digest (crc32c | none), target_user and target_password (mutual CHAP).
 * A portal URL (discovery) stops after host[:port].
 * Spec: libiscsi README "iSCSI URL format"; RFC 3986 (percent-decoding of the target name and credentials);
 * docs/iscsi.md 2.
 */
import type { DigestNameValue } from '../text/keys.js';
import type { IscsiInitiatorOptions } from './initiator-options.js';

/** The forms of a target URL and of a portal URL, as error messages name them. */
export const ISCSI_URL_FORM = 'iscsi://[user[%password]@]host[:port]/<target-iqn>/<lun>';
export const ISCSI_PORTAL_URL_FORM = 'iscsi://[user[%password]@]host[:port]';

/**
 * The URL with its credentials hidden, for messages and logs: everything before the last `@` ahead of the query
 * (iSCSI names never contain `@`, so a password with `@` or `/` in it is covered whole) becomes `***`, and so
 * does the value of every target_password argument.
 */
export function hideCredentials(url: string): string {
  const q = url.indexOf('?');
  const head = q >= 0 ? url.slice(0, q) : url;
  const query = q >= 0 ? url.slice(q) : '';
  const scheme = head.indexOf('//');
  const at = head.lastIndexOf('@');
  const shownHead = scheme >= 0 && at > scheme ? `${head.slice(0, scheme + 2)}***${head.slice(at)}` : head;
  return shownHead + query.replace(/([?&]target_password=)[^&]*/g, '$1***');
}

/** A URL the parser cannot read; the message names the URL (without credentials) and says why. */
export class IscsiUrlError extends Error {
  constructor(
    url: string,
    /** What is wrong and what was expected, without the URL. */
    readonly problem: string,
  ) {
    super(`iSCSI URL "${hideCredentials(url)}": ${problem}`);
    this.name = 'IscsiUrlError';
  }
}

function integerProblem(what: string, text: string, min: number, max: number): string {
  return `${what} must be an integer from ${min} to ${max}, got "${text}"`;
}

/** The parts of an iSCSI URL (targetName and lun are absent in a portal URL). */
export type ParsedIscsiUrl = Omit<IscsiInitiatorOptions, 'targetName'> & { readonly targetName?: string };

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function digestList(url: string, key: string, value: string): readonly DigestNameValue[] {
  if (value === 'crc32c') return ['CRC32C'];
  if (value === 'none') return ['None'];
  throw new IscsiUrlError(url, `${key} must be crc32c or none`);
}

/** The parts of a target URL: a target name and LUN always. */
export type ParsedIscsiTargetUrl = ParsedIscsiUrl & { readonly targetName: string; readonly lun: number };

/** Parses a target URL (`portalOnly` false) or a portal URL for discovery (`portalOnly` true). */
export function parseIscsiUrl(url: string, portalOnly?: false): ParsedIscsiTargetUrl;
export function parseIscsiUrl(url: string, portalOnly: boolean): ParsedIscsiUrl;
export function parseIscsiUrl(url: string, portalOnly = false): ParsedIscsiUrl {
  const form = portalOnly ? ISCSI_PORTAL_URL_FORM : ISCSI_URL_FORM;
  if (!url.startsWith('iscsi://')) throw new IscsiUrlError(url, `must start with iscsi://; expected ${form}`);
  let rest = url.slice('iscsi://'.length);
  let query = '';
  const q = rest.indexOf('?');
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  const at = rest.lastIndexOf('@', rest.indexOf('/') >= 0 ? rest.indexOf('/') : rest.length);
  let user: string | undefined;
  let password: string | undefined;
  if (at >= 0) {
    const credentials = rest.slice(0, at);
    rest = rest.slice(at + 1);
    const split = credentials.search(/[%:]/);
    user = decode(split >= 0 ? credentials.slice(0, split) : credentials);
    password = split >= 0 ? decode(credentials.slice(split + 1)) : undefined;
  }
  const [portal = '', targetName, lunText, ...extra] = rest.split('/');
  let host = portal;
  let port: number | undefined;
  const bracket = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(portal);
  if (bracket !== null) {
    host = bracket[1] ?? '';
    if (bracket[2] !== undefined) port = Number(bracket[2]);
  } else if (portal.includes(':')) {
    const colon = portal.lastIndexOf(':');
    host = portal.slice(0, colon);
    const p = portal.slice(colon + 1);
    if (!/^\d{1,5}$/.test(p)) throw new IscsiUrlError(url, integerProblem('port', p, 1, 65535));
    port = Number(p);
  }
  if (!host) throw new IscsiUrlError(url, `missing host; expected ${form}`);
  if (port !== undefined && (port < 1 || port > 65535))
    throw new IscsiUrlError(url, integerProblem('port', String(port), 1, 65535));
  let parsed: ParsedIscsiUrl = { host, ...(port === undefined ? {} : { port }) };
  if (!portalOnly) {
    if (!targetName || lunText === undefined || extra.length > 0)
      throw new IscsiUrlError(url, `expected ${ISCSI_URL_FORM}`);
    if (!/^\d{1,5}$/.test(lunText) || Number(lunText) > 16383)
      throw new IscsiUrlError(url, integerProblem('LUN', lunText, 0, 16383));
    parsed = { ...parsed, targetName: decode(targetName), lun: Number(lunText) };
  } else if ((targetName ?? '') !== '' || extra.length > 0) {
    throw new IscsiUrlError(url, `a portal URL has no target name or LUN; expected ${ISCSI_PORTAL_URL_FORM}`);
  }
  const params = new URLSearchParams(query);
  let targetUser: string | undefined;
  let targetPassword: string | undefined;
  for (const [key, value] of params) {
    if (key === 'header_digest') parsed = { ...parsed, headerDigest: digestList(url, key, value) };
    else if (key === 'data_digest') parsed = { ...parsed, dataDigest: digestList(url, key, value) };
    else if (key === 'target_user') targetUser = value;
    else if (key === 'target_password') targetPassword = value;
    else
      throw new IscsiUrlError(
        url,
        `unknown argument "${key}" (header_digest, data_digest, target_user, target_password)`,
      );
  }
  if (user !== undefined && password !== undefined && user !== '' && password !== '') {
    parsed = { ...parsed, chap: { user, secret: password } };
    if (targetUser && targetPassword) parsed = { ...parsed, mutualChap: { user: targetUser, secret: targetPassword } };
  } else if (user !== undefined) {
    throw new IscsiUrlError(url, 'CHAP credentials need both a user and a password (user%password@)');
  }
  return parsed;
}
