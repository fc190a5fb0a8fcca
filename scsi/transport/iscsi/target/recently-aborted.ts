/**
 * The Initiator Task Tags of tasks aborted lately, so that Data-Out still in flight for one of them is dropped
 * quietly instead of rejected as for an unknown task; only the newest `limit` tags are kept.
 * Spec: RFC 7143 11.5.1 (ABORT TASK); docs/iscsi.md 1.2 (Full feature phase).
 */

/** A bounded, oldest-first-forgotten set of task tags. */
export class RecentlyAborted {
  private readonly tags = new Set<number>();

  constructor(private readonly limit = 256) {}

  /** Remembers `tag`, forgetting the oldest one past the limit. */
  add(tag: number): void {
    this.tags.add(tag);
    if (this.tags.size > this.limit) {
      const oldest = this.tags.values().next().value;
      if (oldest !== undefined) this.tags.delete(oldest);
    }
  }

  /** Whether `tag` was aborted lately. */
  has(tag: number): boolean {
    return this.tags.has(tag);
  }
}
