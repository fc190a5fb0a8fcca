/**
 * Events a serial target reports to its owner (the simulator's CLI, tests, logs).
 * Spec: docs/serial-framing.md section 7 (sessions) and section 11 (line loss and reopening).
 */

/** Events of a SerialTarget, by name, with their arguments (for a typed EventEmitter). */
export interface SerialTargetEventMap {
  /** A HELLO started a session: the backend will see commands under `nexus`. */
  'session-start': [info: { readonly nexus: string; readonly initiatorName: string }];
  /** A session ended (RESET, new HELLO, dead link, line lost, close); the backend was told nexusLost. */
  'session-end': [info: { readonly nexus: string; readonly reason: string }];
  /** The port closed under the target (peer gone, device removed). The target lives on. */
  'line-lost': [info: { readonly error: Error | undefined }];
  /** The port is open (again) and READY went out. */
  'line-open': [info: { readonly path: string }];
}
