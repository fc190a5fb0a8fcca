/**
 * iSCSI for changerbench: a target serving any ScsiTargetBackend and an initiator implementing ScsiTransport.
 * Spec: RFC 7143 (what the code takes from it: docs/iscsi.md 7); design: docs/iscsi.md.
 */
export { IscsiTarget } from './target/iscsi-target.js';
export type { IscsiTargetOptions } from './target/target-options.js';
export type { SessionInfo } from './target/target-session.js';
export { nexusString } from './target/target-session.js';
export { IscsiInitiator, type ExecuteOptions } from './initiator/iscsi-initiator.js';
export type { IscsiInitiatorOptions, LoginFlow } from './initiator/initiator-options.js';
export { DEFAULT_INITIATOR_NAME } from './initiator/initiator-options.js';
export type { DiscoveredPortal, DiscoveredTarget, DiscoveryOptions } from './initiator/discovery.js';
export { parseIscsiUrl, IscsiUrlError, type ParsedIscsiUrl } from './initiator/iscsi-url.js';
export type { ChapCredentials } from './chap.js';
export { IscsiLoginError, IscsiProtocolError } from './errors.js';
export { LoginStatus, TmfResponse, loginStatusName } from './constants.js';
export type { SessionParameters, NegotiationPolicy } from './text/negotiation.js';
export type { DigestNameValue } from './text/keys.js';
