/**
 * Session handles, as the client side of ntmsapi keeps them: each handle remembers the service incarnation it
 * was opened against, so a call after a restart can be told from a call while the service is down.
 * Spec: docs/rsm-semantics.md 3.1 and 3.2 (OpenNtmsSession, CloseNtmsSession; a closed handle is invalid),
 * D13 (unreachable service: 2250 with a once-valid handle; after a restart old handles give 6), D15.
 */

/** A session handle: a number, as the model's HANDLE. NULL is 0 or null; INVALID_HANDLE_VALUE is -1. */
export type NtmsHandle = number;

/** What the model knows about an open session. */
export interface SessionEntry {
  readonly handle: NtmsHandle;
  /** The service incarnation (start count) the session was opened against. */
  readonly incarnation: number;
  readonly principal: string;
  readonly application: string;
  readonly server: string;
  readonly openedAt: number;
}

/** Why a handle cannot be used, or the session it names. */
export type HandleLookup = { readonly kind: 'unknown' } | { readonly kind: 'session'; readonly session: SessionEntry };

/** The handle table. Handles are never reused by one table. */
export class SessionTable {
  private readonly open = new Map<NtmsHandle, SessionEntry>();
  private nextHandle = 0x1000;

  /** Registers a session and returns its handle. */
  add(fields: Omit<SessionEntry, 'handle'>): SessionEntry {
    const handle = this.nextHandle;
    this.nextHandle += 4;
    const entry: SessionEntry = { handle, ...fields };
    this.open.set(handle, entry);
    return entry;
  }

  /** The session of an open handle; 'unknown' for NULL, INVALID_HANDLE_VALUE, closed and never-issued handles. */
  lookup(handle: NtmsHandle | null | undefined): HandleLookup {
    if (handle === null || handle === undefined) return { kind: 'unknown' };
    const session = this.open.get(handle);
    return session ? { kind: 'session', session } : { kind: 'unknown' };
  }

  /** Forgets a handle (CloseNtmsSession). Library requests it queued are not touched (per docs/rsm-semantics.md D15). */
  remove(handle: NtmsHandle): void {
    this.open.delete(handle);
  }

  /** Open sessions, for reports. */
  list(): SessionEntry[] {
    return [...this.open.values()];
  }
}
