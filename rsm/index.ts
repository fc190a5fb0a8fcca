/**
 * The RSM host model's public API: the service with its ntmsapi-named functions, results and profiles,
 * policies, GUID helpers, NTMS constants, object-information structures, and the inspection views the
 * conformance suite reads. Spec: docs/rsm-semantics.md section 14 (D1-D16); docs/rsm-model.md.
 */
export { RsmService } from './service/rsm-service-api.js';
export {
  RsmServiceCore,
  type CheckReport,
  type RsmServiceOptions,
  type RsmServiceState,
} from './service/rsm-service.js';
export { ServiceStoppedError } from './service/service-runtime.js';
export type { ChangerHints } from './service/library-discovery.js';
export type { PulledMagazineIndication } from './changer/element-state.js';
export { RsmAdmin } from './service/rsm-admin.js';
export {
  RsmInspector,
  type CartridgeView,
  type LibraryRequestView,
  type LibraryView,
  type OperatorRequestView,
} from './service/inspector.js';
export type { OpenSessionResult } from './api/session-api.js';
export * from './api/object-info-types.js';
export type { NtmsHandle } from './session/session-table.js';

export * from './results/win32-codes.js';
export * from './results/code-profile.js';
export * from './results/result-table.js';
export * from './policy/rsm-policies.js';

export * from './ntms/ntms-constants.js';
export {
  cryptoRandomSource,
  guidRef,
  isGuid,
  newGuid,
  NULL_GUID,
  seededRandomSource,
  type Guid,
  type GuidRef,
  type RandomSource,
} from './ntms/guid.js';

export { WellKnownGroup, hasAccess, rightMask, rightsMask, type NtmsRight } from './security/security-model.js';
export { RsmDatabaseError, type DbStore } from './db/durable-store.js';
export { FileDbStore, type FileDbStoreOptions } from './db/file-store.js';
export { MemoryDbStore } from './db/memory-store.js';
export type { DbBatch, DbChanges, DbHeader } from './db/change-log.js';
export type { AclEntry, DbSnapshot } from './db/records.js';

export { CHECK_PIPELINES } from './checks/check-pipeline.js';
export { CHECK_STEPS, type CheckStepName } from './checks/check-steps.js';
export { UnitAttentionMeaning, type UnitAttentionEvent } from './changer/unit-attention.js';
