/** READ ELEMENT STATUS parameter data codec. Spec: SMC-3 6.10; docs/smc-reference.md 1.3. */
export * from './types.js';
export * from './volume-tag.js';
export { elementDescriptorLength } from './descriptor.js';
export * from './encode.js';
export * from './decode.js';
export * from './raw-writer.js';
