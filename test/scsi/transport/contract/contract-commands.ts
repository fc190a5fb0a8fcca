/**
 * The CDBs the contract suite sends and the checks it makes on the answers, shared by every case file.
 * Spec: SPC-4 6.6 INQUIRY, 6.47 TEST UNIT READY, 4.5 sense data (field pointer: 4.5.2.4); SMC-3 6.10 READ ELEMENT
 * STATUS, 6.6 MOVE MEDIUM, PREVENT ALLOW MEDIUM REMOVAL; SAM-5 (unit attention).
 * See docs/scsi-model.md 8, 10, 7 and 4; docs/smc-reference.md 1.2.
 */
import { expect } from 'chai';
import {
  decodeSense,
  encodeInquiryCdb,
  encodeMoveMediumCdb,
  encodePreventAllowMediumRemovalCdb,
  encodeReadElementStatusCdb,
  encodeTestUnitReadyCdb,
  ScsiStatus,
  SenseKey,
  type AscAscq,
  type FieldPointer,
  type SenseData,
} from '../../../../scsi/codec/index.js';
import { TransportError, type ScsiResult, type ScsiTransport } from '../../../../scsi/transport/scsi-transport.js';

/** The LUN every harness serves the changer at. */
export const LUN = 0;

/** Largest ALLOCATION LENGTH of READ ELEMENT STATUS (24 bits). */
export const MAX_ELEMENT_STATUS_ALLOCATION = 0xffffff;

/** CDBs of the contract cases. */
export const Cdb = {
  testUnitReady: (): Buffer => encodeTestUnitReadyCdb(),
  inquiry: (allocationLength: number): Buffer => encodeInquiryCdb({ allocationLength }),
  /** INQUIRY with EVPD=0 and a non-zero PAGE CODE: an invalid field at byte 2 (the encoder refuses to build it). */
  inquiryWithPageCodeButNoEvpd: (): Buffer => Buffer.from([0x12, 0x00, 0x80, 0x00, 0x24, 0x00]),
  preventRemoval: (prevent: boolean): Buffer => encodePreventAllowMediumRemovalCdb({ prevent: prevent ? 1 : 0 }),
  /** READ ELEMENT STATUS of `count` elements of `elementType` (0: all types) from `startingAddress`. */
  readElementStatus: (
    elementType: number,
    startingAddress: number,
    count: number,
    allocationLength: number,
    voltag = true,
  ): Buffer =>
    encodeReadElementStatusCdb({ voltag, elementType, startingAddress, numberOfElements: count, allocationLength }),
  moveMedium: (sourceAddress: number, destinationAddress: number): Buffer =>
    encodeMoveMediumCdb({ transportAddress: 0, sourceAddress, destinationAddress }),
} as const;

/** Executes `cdb` at the changer's LUN, accepting up to `allocationLength` bytes of data-in. */
export function run(transport: ScsiTransport, cdb: Buffer, allocationLength = 0): Promise<ScsiResult> {
  return transport.execute({ lun: LUN, cdb, allocationLength });
}

/** Asserts GOOD status (with the sense in the message if not). */
export function expectGood(result: ScsiResult, what: string): void {
  const sense = result.senseData ? senseText(decodeSense(result.senseData)) : 'no sense';
  expect(result.status, `${what}: status (${sense})`).to.equal(ScsiStatus.GOOD);
}

/** Asserts CHECK CONDITION with this sense key and ASC/ASCQ (and field pointer, when given); returns the sense. */
export function expectCheck(
  result: ScsiResult,
  key: number,
  code: AscAscq,
  what: string,
  fieldPointer?: FieldPointer,
): SenseData {
  expect(result.status, `${what}: status`).to.equal(ScsiStatus.CHECK_CONDITION);
  expect(result.senseData, `${what}: autosense data`).to.be.instanceOf(Buffer);
  const sense = decodeSense(result.senseData as Buffer);
  expect(senseText(sense), `${what}: sense`).to.equal(senseText({ key, asc: code.asc, ascq: code.ascq }));
  if (fieldPointer) expect(sense.fieldPointer, `${what}: field pointer`).to.deep.equal(fieldPointer);
  expect(result.dataIn.length, `${what}: no data-in with CHECK CONDITION`).to.equal(0);
  return sense;
}

/** Asserts a unit attention with this ASC/ASCQ. */
export function expectUnitAttention(result: ScsiResult, code: AscAscq, what: string): void {
  expectCheck(result, SenseKey.UNIT_ATTENTION, code, what);
}

function senseText(s: { key: number; asc: number; ascq: number }): string {
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  return `${hex(s.key)}/${hex(s.asc)}/${hex(s.ascq)}`;
}

/** Sends TEST UNIT READY until it is GOOD (unit attentions are consumed on the way, at most eight). */
export async function takeUnitAttentions(transport: ScsiTransport): Promise<void> {
  for (let i = 0; i < 8; i++) {
    const r = await run(transport, Cdb.testUnitReady());
    if (r.status === ScsiStatus.GOOD) return;
    expect(r.senseData ? decodeSense(r.senseData).key : undefined, 'only unit attentions before GOOD').to.equal(
      SenseKey.UNIT_ATTENTION,
    );
  }
  expect.fail('TEST UNIT READY still not GOOD after eight unit attentions');
}

/** Awaits a promise that must reject with a TransportError whose code is one of `codes`; returns the error. */
export async function expectTransportError(
  promise: Promise<unknown>,
  codes: readonly string[],
  what: string,
): Promise<TransportError> {
  let outcome: unknown;
  try {
    outcome = await promise;
  } catch (error) {
    expect(error, `${what}: rejected with a TransportError`).to.be.instanceOf(TransportError);
    const e = error as TransportError;
    expect(codes, `${what}: code ${e.code} (${e.message})`).to.include(e.code);
    return e;
  }
  return expect.fail(`${what}: expected a TransportError, got ${JSON.stringify(outcome)}`);
}

/** Polls a condition until it holds (a hang guard, not a timing assertion); shared with the serial tests. */
export { waitFor } from '../../../support/pty-pair.js';
