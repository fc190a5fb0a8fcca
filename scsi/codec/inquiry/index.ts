/** INQUIRY data and VPD pages codec. Spec: SPC-4 6.6 (INQUIRY), 7.8 (VPD pages); docs/scsi-model.md 8. */
export * from './standard-inquiry.js';
export * from './vpd-page.js';
export * from './device-identification.js';
