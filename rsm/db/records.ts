/**
 * The records of the RSM library database and the schema its file is checked against on load.
 * Spec: docs/rsm-semantics.md 4 (NTMS_LIBRARYINFORMATION, NTMS_IEPORTINFORMATION, NTMS_IEDOORINFORMATION,
 * NTMS_STORAGESLOTINFORMATION, NTMS_LIBREQUESTINFORMATION fields), 7.5 (the fixed offline library), 5 (ACLs);
 * design: docs/architecture.md "rsm/ ... database". Times are milliseconds of the injected Clock.
 */
import { z } from 'zod';

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not a GUID');
const dword = z.number().int().min(0).max(0xffffffff);
const word = z.number().int().min(0).max(0xffff);
const time = z.number();

const elementRange = z.object({ first: word, count: word });

/** Element address ranges from MODE SENSE page 1Dh. */
export const elementLayoutSchema = z.object({
  transport: elementRange,
  storage: elementRange,
  importExport: elementRange,
  dataTransfer: elementRange,
});

/** INQUIRY identity, used to recognise a changer again after a restart. */
export const deviceIdentitySchema = z.object({
  vendor: z.string(),
  product: z.string(),
  revision: z.string(),
  serial: z.string(),
});

/** One ACL entry: a principal or group name and its NtmsAccessMask bits (docs/rsm-semantics.md 5, D14). */
export const aclEntrySchema = z.object({ trustee: z.string().min(1), mask: dword });

/** Why a library is offline; 'none' when it is online. */
export const offlineReasonSchema = z.enum(['none', 'fixed-offline', 'marked-offline', 'link-lost', 'not-attached']);

const common = { id: guid, created: time, modified: time };

export const libraryRecordSchema = z.object({
  ...common,
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  libraryType: dword,
  offlineReason: offlineReasonSchema,
  operationalState: dword,
  flags: dword,
  cleanerSlot: guid,
  cleanerSlotDefault: guid,
  cleanerCartridge: guid,
  cleanerUsesRemaining: dword,
  inventoryMethod: dword,
  device: deviceIdentitySchema.nullable(),
  layout: elementLayoutSchema.nullable(),
  hasDoor: z.boolean(),
  /** How the changer shows a pulled magazine (docs/rsm-model.md M2); absent: by sense code. */
  pulledMagazine: z.enum(['sense', 'access-only']).optional(),
  acl: z.array(aclEntrySchema),
});

export const slotRecordSchema = z.object({ ...common, library: guid, address: word, number: dword, state: dword });

export const iePortRecordSchema = z.object({
  ...common,
  library: guid,
  address: word,
  number: dword,
  content: dword,
  position: dword,
  maxExtendSecs: word,
});

export const doorRecordSchema = z.object({
  ...common,
  library: guid,
  number: dword,
  state: dword,
  maxOpenSecs: word,
  locked: z.boolean(),
});

export const driveRecordSchema = z.object({
  ...common,
  library: guid,
  address: word,
  number: dword,
  enabled: z.boolean(),
  state: dword,
  lastCleaned: time.nullable(),
});

/** Where a cartridge is; null when it is in no element (the offline library). */
export const cartridgeLocationSchema = z
  .object({ kind: z.enum(['slot', 'ieport', 'drive', 'transport']), address: word })
  .nullable();

export const cartridgeRecordSchema = z.object({
  ...common,
  library: guid,
  location: cartridgeLocationSchema,
  barcode: z.string(),
  kind: z.enum(['cleaner', 'data']),
  /** The eject request taking it out (per docs/rsm-semantics.md D11), or the NULL GUID. */
  leavingRequest: guid,
});

const historyEntry = z.object({ state: dword, at: time, note: z.string() });

export const libRequestRecordSchema = z.object({
  id: guid,
  operation: dword,
  option: dword,
  state: dword,
  library: guid,
  slotId: guid,
  driveId: guid,
  physMediaId: guid,
  timeQueued: time,
  timeCompleted: time.nullable(),
  dwErrorCode: dword,
  application: z.string(),
  user: z.string(),
  computer: z.string(),
  priority: z.number().int(),
  history: z.array(historyEntry),
  operatorRequests: z.array(guid),
  /** Inputs of the work (dwNumberOfCleansLeft, inventory method). */
  params: z.record(z.string(), z.number()),
});

export const opRequestRecordSchema = z.object({
  id: guid,
  command: dword,
  state: dword,
  library: guid,
  libRequest: guid,
  message: z.string(),
  timeSubmitted: time,
  timeCompleted: time.nullable(),
  history: z.array(historyEntry),
});

export const principalRecordSchema = z.object({ name: z.string().min(1), groups: z.array(z.string()) });

/** The format marker and version of the database file. */
export const DB_FORMAT = 'changerbench-rsm-db' as const;
export const DB_VERSION = 1 as const;

/** The whole database as it is written to disk. */
export const dbSnapshotSchema = z.object({
  format: z.literal(DB_FORMAT),
  version: z.literal(DB_VERSION),
  computer: z.string(),
  offlineLibrary: guid,
  savedAt: time,
  libraries: z.array(libraryRecordSchema),
  slots: z.array(slotRecordSchema),
  iePorts: z.array(iePortRecordSchema),
  doors: z.array(doorRecordSchema),
  drives: z.array(driveRecordSchema),
  cartridges: z.array(cartridgeRecordSchema),
  libRequests: z.array(libRequestRecordSchema),
  opRequests: z.array(opRequestRecordSchema),
  principals: z.array(principalRecordSchema),
});

/** A value no caller may change in place: records are changed only through their table (rsm/db/table.ts). */
export type Frozen<T> = T extends readonly (infer E)[]
  ? readonly Frozen<E>[]
  : T extends object
    ? { readonly [K in keyof T]: Frozen<T[K]> }
    : T;

/** The writable form of a frozen record, as a table's edit() hands it to the change. */
export type Thawed<T> = T extends readonly (infer E)[]
  ? Thawed<E>[]
  : T extends object
    ? { -readonly [K in keyof T]: Thawed<T[K]> }
    : T;

export type ElementLayout = Frozen<z.infer<typeof elementLayoutSchema>>;
export type DeviceIdentity = Frozen<z.infer<typeof deviceIdentitySchema>>;
export type AclEntry = Frozen<z.infer<typeof aclEntrySchema>>;
export type OfflineReason = z.infer<typeof offlineReasonSchema>;
export type LibraryRecord = Frozen<z.infer<typeof libraryRecordSchema>>;
export type SlotRecord = Frozen<z.infer<typeof slotRecordSchema>>;
export type IePortRecord = Frozen<z.infer<typeof iePortRecordSchema>>;
export type DoorRecord = Frozen<z.infer<typeof doorRecordSchema>>;
export type DriveRecord = Frozen<z.infer<typeof driveRecordSchema>>;
export type CartridgeLocation = Frozen<z.infer<typeof cartridgeLocationSchema>>;
export type CartridgeRecord = Frozen<z.infer<typeof cartridgeRecordSchema>>;
export type HistoryEntry = Frozen<z.infer<typeof historyEntry>>;
export type LibRequestRecord = Frozen<z.infer<typeof libRequestRecordSchema>>;
export type OpRequestRecord = Frozen<z.infer<typeof opRequestRecordSchema>>;
export type PrincipalRecord = Frozen<z.infer<typeof principalRecordSchema>>;
/** The whole database as it is written to disk (plain, writable data). */
export type DbSnapshot = z.infer<typeof dbSnapshotSchema>;

/** The record tables of the database, in the order a snapshot lists them. */
export const TABLE_NAMES = [
  'libraries',
  'slots',
  'iePorts',
  'doors',
  'drives',
  'cartridges',
  'libRequests',
  'opRequests',
  'principals',
] as const;

/** One record table. */
export type TableName = (typeof TABLE_NAMES)[number];

/** The schema of one record of each table (a journal record is checked against it on load). */
export const TABLE_SCHEMAS = {
  libraries: libraryRecordSchema,
  slots: slotRecordSchema,
  iePorts: iePortRecordSchema,
  doors: doorRecordSchema,
  drives: driveRecordSchema,
  cartridges: cartridgeRecordSchema,
  libRequests: libRequestRecordSchema,
  opRequests: opRequestRecordSchema,
  principals: principalRecordSchema,
} as const satisfies Record<TableName, z.ZodType>;

/** The key of a record in its table: the GUID, or the name of a principal. */
export function recordKey(table: TableName, record: unknown): string {
  const r = record as { id?: unknown; name?: unknown };
  return String(table === 'principals' ? r.name : r.id);
}
