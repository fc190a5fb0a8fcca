/**
 * SendTargets discovery: a discovery session that asks for every target and its portals, then logs out.
 * Spec: RFC 7143 4.3 (discovery sessions), 13.3 (SendTargets=All), 13.8 (TargetAddress: domainname[:port][,tpgt],
 * IPv6 literals in brackets), 12 (CHAP applies to discovery sessions too); docs/iscsi.md 7.9.
 */
import { Iscsi } from '../constants.js';
import { decodeTextData, encodeTextData } from '../text/text-codec.js';
import { establishSession } from './initiator-connection.js';
import { resolveInitiatorOptions, type IscsiInitiatorOptions } from './initiator-options.js';

/** A portal a target is reachable on. */
export interface DiscoveredPortal {
  readonly host: string;
  readonly port: number;
  readonly tpgt: number | undefined;
}

/** A target named by SendTargets, with its portals. */
export interface DiscoveredTarget {
  readonly targetName: string;
  readonly portals: DiscoveredPortal[];
}

/** Discovery options: the initiator options without a target name. */
export type DiscoveryOptions = Omit<IscsiInitiatorOptions, 'targetName' | 'lun'>;

/** Parses a TargetAddress value ("10.0.0.1:3260,1", "[fe80::1]:3260,2", "host"). */
export function parseTargetAddress(value: string): DiscoveredPortal {
  const comma = value.lastIndexOf(',');
  const tpgtText = comma >= 0 && !value.slice(comma).includes(']') ? value.slice(comma + 1) : undefined;
  const address = tpgtText === undefined ? value : value.slice(0, comma);
  const tpgt = tpgtText !== undefined && /^\d+$/.test(tpgtText) ? Number(tpgtText) : undefined;
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(address);
  if (bracket !== null)
    return { host: bracket[1] ?? '', port: bracket[2] === undefined ? Iscsi.DEFAULT_PORT : Number(bracket[2]), tpgt };
  const colon = address.lastIndexOf(':');
  if (colon >= 0 && address.indexOf(':') === colon)
    return { host: address.slice(0, colon), port: Number(address.slice(colon + 1)) || Iscsi.DEFAULT_PORT, tpgt };
  return { host: address, port: Iscsi.DEFAULT_PORT, tpgt };
}

/** Logs in for discovery, asks SendTargets=All, logs out, and returns the targets in the order given. */
export async function discoverTargets(options: DiscoveryOptions): Promise<DiscoveredTarget[]> {
  const resolved = resolveInitiatorOptions({ ...options, targetName: '(discovery)' });
  const { session } = await establishSession(resolved, true);
  try {
    const text = await session.text(encodeTextData([{ key: 'SendTargets', value: 'All' }]));
    const targets: DiscoveredTarget[] = [];
    for (const { key, value } of decodeTextData(text)) {
      if (key === 'TargetName') targets.push({ targetName: value, portals: [] });
      else if (key === 'TargetAddress') targets[targets.length - 1]?.portals.push(parseTargetAddress(value));
    }
    await session.logout().catch(() => undefined);
    return targets;
  } finally {
    session.closing();
  }
}
