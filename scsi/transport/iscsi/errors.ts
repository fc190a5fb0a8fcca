/**
 * Errors of the iSCSI layer.
 * Spec: RFC 7143 7.1 (protocol errors end in a Reject or a dropped connection), 11.13.5 (login status);
 * docs/iscsi.md 7.8.
 */
import { TransportError } from '../scsi-transport.js';
import { loginStatusName } from './constants.js';

/**
 * A PDU that breaks the protocol. Decoders throw it; the side that received the PDU answers with a Reject
 * (`rejectReason`) or drops the connection when the stream can no longer be trusted (`fatal`).
 */
export class IscsiProtocolError extends Error {
  constructor(
    message: string,
    /** Reject reason code to send back (RejectReason). */
    readonly rejectReason: number,
    /** True when the byte stream itself is lost (bad header digest, oversized segment): close the connection. */
    readonly fatal = false,
  ) {
    super(message);
    this.name = 'IscsiProtocolError';
  }
}

/** A login the target refused, or a target that failed mutual authentication. Code `ELOGIN`. */
export class IscsiLoginError extends TransportError {
  constructor(
    message: string,
    /** Status-Class << 8 | Status-Detail from the Login Response (synthesised 0201h for a failed mutual CHAP). */
    readonly loginStatus: number,
  ) {
    super(`${message}: ${loginStatusName(loginStatus)}`, 'ELOGIN');
    this.name = 'IscsiLoginError';
  }
}
