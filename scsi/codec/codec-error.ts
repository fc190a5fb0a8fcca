/**
 * A malformed reply: thrown by the data decoders (sense, element status, mode pages, INQUIRY) when bytes from
 * a target cannot be what the standard says they are. Design: docs/dev/codec-api.md.
 */
export class CodecError extends Error {
  constructor(
    /** What was being decoded ("element status page header"). */
    readonly what: string,
    /** Byte offset where decoding failed. */
    readonly offset: number,
    message: string,
  ) {
    super(`${what} at byte ${offset}: ${message}`);
    this.name = 'CodecError';
  }
}
