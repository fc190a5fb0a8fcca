// Entry of a load worker thread (iscsi-load.ts): a worker does not inherit tsx's module hooks from `node --import
// tsx`, so it registers them before loading the TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./iscsi-load.ts');
