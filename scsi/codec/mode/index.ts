/** Mode parameter codec: headers, control page, SMC pages 1Dh-1Fh. Spec: SPC-4 7.5; SMC-3 7.3; docs/smc-reference.md 1.4. */
export * from './types.js';
export * from './control-page.js';
export * from './element-address-page.js';
export * from './transport-geometry-page.js';
export * from './device-capabilities-page.js';
export { encodeModePage, decodeModePages } from './mode-page.js';
export * from './parameter-list.js';
