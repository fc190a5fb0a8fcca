/**
 * The codec layer's one entry point: import everything codec from here. Contract: docs/dev/codec-api.md.
 */
export * from './status.js';
export * from './opcodes.js';
export * from './sense-codes.js';
export * from './cdb-decoded.js';
export * from './codec-error.js';
export * from './sense.js';
export * from './element-status/index.js';
export * from './mode/index.js';
export * from './inquiry/index.js';
export * from './report-luns-data.js';
export * from './supported-opcodes-data.js';
export * from './persistent-reservation-data.js';
export * from './cdb/index.js';
