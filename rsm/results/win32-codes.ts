/**
 * The Win32 result codes the RSM model returns or records as a library request's dwErrorCode, with the values
 * of winerror.h. Spec: docs/rsm-semantics.md 2.1 (table of codes) and D1; the changer-class codes (1117, 1160-1167)
 * follow docs/smc-reference.md 4 (how the Windows changer class maps sense data); 1235 is the project's code for
 * requests a service restart abandoned (docs/rsm-model.md "Restart").
 */

/** Real Win32 codes, by winerror.h name. */
export const Win32 = {
  ERROR_SUCCESS: 0,
  ERROR_ACCESS_DENIED: 5,
  ERROR_INVALID_HANDLE: 6,
  ERROR_NOT_ENOUGH_MEMORY: 8,
  ERROR_INVALID_DRIVE: 15,
  ERROR_NOT_READY: 21,
  ERROR_NOT_SUPPORTED: 50,
  ERROR_INVALID_PARAMETER: 87,
  ERROR_INSUFFICIENT_BUFFER: 122,
  ERROR_BUSY: 170,
  ERROR_INVALID_ADDRESS: 487,
  ERROR_IO_DEVICE: 1117,
  ERROR_SOURCE_ELEMENT_EMPTY: 1160,
  ERROR_DESTINATION_ELEMENT_FULL: 1161,
  ERROR_ILLEGAL_ELEMENT_ADDRESS: 1162,
  ERROR_MAGAZINE_NOT_PRESENT: 1163,
  ERROR_DEVICE_DOOR_OPEN: 1166,
  ERROR_DEVICE_NOT_CONNECTED: 1167,
  ERROR_CONNECTION_UNAVAIL: 1201,
  ERROR_INVALID_COMPUTERNAME: 1210,
  ERROR_NO_NETWORK: 1222,
  ERROR_CANCELLED: 1223,
  ERROR_REQUEST_ABORTED: 1235,
  ERROR_TIMEOUT: 1460,
  RPC_S_NO_INTERFACES: 1817,
  ERROR_NOT_CONNECTED: 2250,
  ERROR_INVALID_MEDIA: 4300,
  ERROR_INVALID_LIBRARY: 4301,
  ERROR_INVALID_MEDIA_POOL: 4302,
  ERROR_MEDIA_OFFLINE: 4304,
  ERROR_LIBRARY_OFFLINE: 4305,
  ERROR_EMPTY: 4306,
  ERROR_NOT_EMPTY: 4307,
  ERROR_MEDIA_UNAVAILABLE: 4308,
  ERROR_RESOURCE_DISABLED: 4309,
  ERROR_INVALID_CLEANER: 4310,
  ERROR_UNABLE_TO_CLEAN: 4311,
  ERROR_OBJECT_NOT_FOUND: 4312,
  ERROR_DATABASE_FAILURE: 4313,
  ERROR_DATABASE_FULL: 4314,
  ERROR_RESOURCE_NOT_PRESENT: 4316,
  ERROR_INVALID_OPERATION: 4317,
  ERROR_MEDIA_NOT_AVAILABLE: 4318,
  ERROR_DEVICE_NOT_AVAILABLE: 4319,
  ERROR_REQUEST_REFUSED: 4320,
  ERROR_LIBRARY_FULL: 4322,
  ERROR_TRANSPORT_FULL: 4328,
  ERROR_CONTROLLING_IEPORT: 4329,
  ERROR_UNABLE_TO_EJECT_MOUNTED_MEDIA: 4330,
  ERROR_CLEANER_SLOT_SET: 4331,
  ERROR_CLEANER_SLOT_NOT_SET: 4332,
  ERROR_CLEANER_CARTRIDGE_SPENT: 4333,
  ERROR_UNEXPECTED_OMID: 4334,
  ERROR_CLEANER_CARTRIDGE_INSTALLED: 4340,
  ERROR_IEPORT_FULL: 4341,
  ERROR_RESOURCE_NOT_AVAILABLE: 5006,
  ERROR_INVALID_STATE: 5023,
} as const;

/** A name of {@link Win32}. */
export type Win32Name = keyof typeof Win32;

/** ntmsapi's INVALID_HANDLE_VALUE, ((HANDLE)-1), as the model's handle type has it. */
export const INVALID_HANDLE_VALUE = -1;

/** One-line meanings for reports (paraphrased from the error-code reference, docs/rsm-semantics.md 2.1). */
export const WIN32_MEANINGS: Readonly<Partial<Record<Win32Name, string>>> = {
  ERROR_SUCCESS: 'the operation succeeded or was queued',
  ERROR_ACCESS_DENIED: 'the caller lacks the right the function needs',
  ERROR_INVALID_HANDLE: 'the session handle is NULL, closed or unknown to this service',
  ERROR_INVALID_PARAMETER: 'a NULL pointer or a value out of range',
  ERROR_IO_DEVICE: 'the changer reported a hardware (mechanical) failure',
  ERROR_REQUEST_ABORTED: 'the service stopped while the request was outstanding',
  ERROR_TIMEOUT: 'the operator did not act within the time-out',
  ERROR_NOT_CONNECTED: 'the RSM service cannot be reached',
  ERROR_INVALID_LIBRARY: 'no library with that id in the database',
  ERROR_LIBRARY_OFFLINE: 'the library is offline (link lost, marked offline, or the offline library)',
  ERROR_RESOURCE_DISABLED: 'the library or drive is disabled',
  ERROR_OBJECT_NOT_FOUND: 'no object with that id, or the request is not outstanding',
  ERROR_RESOURCE_NOT_PRESENT: 'the library has no door (and, for the cleaner, no IE port either)',
  ERROR_INVALID_OPERATION: 'STOP naming no outstanding operation, or on a library without an IE port',
  ERROR_CONTROLLING_IEPORT: 'the IE port could not be opened or closed',
  ERROR_CLEANER_SLOT_SET: 'a cleaner slot is already reserved',
  ERROR_CLEANER_SLOT_NOT_SET: 'no cleaner slot is reserved',
  ERROR_CLEANER_CARTRIDGE_SPENT: 'the cleaner has no cleanings left',
  ERROR_CLEANER_CARTRIDGE_INSTALLED: 'a cleaner cartridge is (still) in the library',
  ERROR_IEPORT_FULL: 'the IE port has no free element',
  ERROR_RESOURCE_NOT_AVAILABLE: 'the slot is full or not present',
};
