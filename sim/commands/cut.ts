/**
 * Allocation length truncation for parameter data: a device server sends at most ALLOCATION LENGTH bytes and
 * reports no error for a short allocation. Spec: SPC-4 4.2.5.6 "Allocation length", docs/scsi-model.md 6.
 */

/** The first `allocationLength` bytes of `data` (a view, no copy). */
export function cut(data: Buffer, allocationLength: number): Buffer {
  return data.length > allocationLength ? data.subarray(0, allocationLength) : data;
}
