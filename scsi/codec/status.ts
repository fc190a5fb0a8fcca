/**
 * SCSI status codes.
 * Spec: SAM-5 (T10/2104-D) 5.3.1 "Status codes"; docs/scsi-model.md 2.
 */
export const ScsiStatus = {
  GOOD: 0x00,
  CHECK_CONDITION: 0x02,
  CONDITION_MET: 0x04,
  BUSY: 0x08,
  RESERVATION_CONFLICT: 0x18,
  TASK_SET_FULL: 0x28,
  ACA_ACTIVE: 0x30,
  TASK_ABORTED: 0x40,
} as const;

/** One of the values of {@link ScsiStatus}. */
export type ScsiStatusCode = (typeof ScsiStatus)[keyof typeof ScsiStatus];

/** Name of a status byte, for traces ("CHECK CONDITION"); unknown values print as hex. */
export function statusName(status: number): string {
  for (const [name, value] of Object.entries(ScsiStatus)) {
    if (value === status) return name.replace(/_/g, ' ');
  }
  return `STATUS 0x${status.toString(16).padStart(2, '0')}`;
}
