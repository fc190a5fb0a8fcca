/**
 * The Linux SCSI generic transport (`sg:/dev/sgN`): SG_IO with the sg v3 header. Spec: docs/sg.md.
 */
export * from './sg-io-header.js';
export * from './sg-status.js';
export * from './sg-timeouts.js';
export * from './sg-url.js';
export * from './sg-driver.js';
export * from './sg-transport.js';
export * from './sg-open.js';
export * from './sysfs-devices.js';
export { createKoffiSgDriver, SgPlatformError, layoutDifferences } from './koffi-sg-driver.js';
