/**
 * CDB codecs: one encoder and one decoder per command a media changer answers, and describeCdb for traces.
 * Spec: docs/dev/codec-api.md "CDBs"; SPC-4 (T10/1731-D) and SMC-3 (T10/1730-D) command clauses, cited in
 * each file; docs/smc-reference.md 1.2.
 */
export * from './test-unit-ready.js';
export * from './request-sense.js';
export * from './inquiry.js';
export * from './mode-sense-6.js';
export * from './mode-sense-10.js';
export * from './mode-select-6.js';
export * from './mode-select-10.js';
export * from './report-luns.js';
export * from './report-supported-operation-codes.js';
export * from './prevent-allow-medium-removal.js';
export * from './reserve-6.js';
export * from './release-6.js';
export * from './persistent-reserve-in.js';
export * from './persistent-reserve-out.js';
export * from './read-element-status.js';
export * from './move-medium.js';
export * from './exchange-medium.js';
export * from './position-to-element.js';
export * from './initialize-element-status.js';
export * from './initialize-element-status-with-range.js';
export * from './open-close-import-export-element.js';
export { CDB_COMMANDS, describeCdb, findCdbCommand, type CdbCommandInfo } from './describe-cdb.js';
export { type WithDefaults } from './cdb-fields.js';
export { summarizeCdb } from './summarize-cdb.js';
