/** Test helper for "random bytes: a value or a CodecError, never another exception". */
import { expect } from 'chai';
import { CodecError } from '../../../scsi/codec/codec-error.js';

/** Runs `decode`; returns its value, or undefined after checking that what it threw is a CodecError. */
export function valueOrCodecError<T>(decode: () => T): T | undefined {
  try {
    return decode();
  } catch (e) {
    expect(e).to.be.instanceOf(CodecError);
    return undefined;
  }
}
