/**
 * A login the target refuses, carried from the checks to the Login Response that reports it.
 * Spec: RFC 7143 11.13.5 (Status-Class and Status-Detail), 6 (login phase: the target closes the connection after a
 * reject); docs/iscsi.md 7.3.
 */
import { loginStatusName } from '../constants.js';

/** Thrown inside the target's login handling; becomes a Login Response with this status. */
export class LoginRefusal extends Error {
  constructor(
    /** LoginStatus value (Status-Class << 8 | Status-Detail). */
    readonly status: number,
    reason: string,
  ) {
    super(`${loginStatusName(status)}: ${reason}`);
    this.name = 'LoginRefusal';
  }
}
