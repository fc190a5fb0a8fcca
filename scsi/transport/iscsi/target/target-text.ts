/**
 * Text Requests in the full feature phase: SendTargets (discovery sessions list the target, normal sessions may
 * ask about their own target), MaxRecvDataSegmentLength redeclarations, and long texts split with the C bit in
 * both directions.
 * Spec: RFC 7143 11.10 / 11.11 (Text Request/Response, C bit and Target Transfer Tag continuation), 13.3
 * (SendTargets: All in discovery sessions only), 13.8 (TargetAddress "host:port,tpgt"), 13.12
 * (MaxRecvDataSegmentLength may be redeclared in the full feature phase), 6.2 (NotUnderstood, Reject);
 * docs/iscsi.md 7.9.
 */
import { Iscsi, RejectReason } from '../constants.js';
import { IscsiProtocolError } from '../errors.js';
import { ISCSI_KEYS, parseNumber } from '../text/keys.js';
import { SpecialValue, decodeTextData, encodeTextData, type TextPair } from '../text/text-codec.js';

/** Facts about the target and connection that SendTargets reports. */
export interface SendTargetsContext {
  readonly targetName: string;
  readonly tpgt: number;
  /** The portal address of this connection ("127.0.0.1:3260" or "[::1]:3260"). */
  readonly portal: string;
  readonly discovery: boolean;
}

/** Formats a portal for TargetAddress (IPv6 literals in brackets). */
export function formatPortal(host: string, port: number): string {
  const bare = host.startsWith('::ffff:') && host.includes('.') ? host.slice(7) : host;
  return bare.includes(':') ? `[${bare}]:${port}` : `${bare}:${port}`;
}

/** The answer to one SendTargets key. */
export function answerSendTargets(value: string, ctx: SendTargetsContext): TextPair[] {
  const entry: TextPair[] = [
    { key: 'TargetName', value: ctx.targetName },
    { key: 'TargetAddress', value: `${ctx.portal},${ctx.tpgt}` },
  ];
  if (value === 'All') return ctx.discovery ? entry : [{ key: 'SendTargets', value: SpecialValue.REJECT }];
  if (value === '') return ctx.discovery ? [] : entry;
  return value.toLowerCase() === ctx.targetName.toLowerCase() ? entry : [];
}

/** One chunk of a Text Response. */
export interface TextChunk {
  readonly data: Buffer;
  readonly final: boolean;
  /** TTT to put in the response: a continuation tag, or FFFFFFFFh on the final chunk. */
  readonly targetTransferTag: number;
}

const MAX_TEXT = 65536;

/** Text exchanges of one session (one outstanding exchange at a time, as RFC 7143 11.10 allows; docs/iscsi.md 7.9). */
export class TextExchange {
  private incoming: { itt: number; ttt: number; parts: Buffer[]; length: number } | undefined;
  private outgoing: { itt: number; ttt: number; rest: Buffer } | undefined;
  /** The initiator's latest MaxRecvDataSegmentLength declaration, if any. */
  redeclaredMaxRecvDataSegmentLength: number | undefined;

  constructor(private readonly nextTag: () => number) {}

  /**
   * Handles one Text Request and returns the chunk to send back. Throws IscsiProtocolError for a continuation
   * tag that matches nothing or an over-long text.
   */
  handle(
    request: { initiatorTaskTag: number; targetTransferTag: number; continue: boolean; data: Buffer },
    ctx: SendTargetsContext,
    segmentLength: number,
  ): TextChunk {
    const itt = request.initiatorTaskTag;
    if (request.targetTransferTag !== Iscsi.RESERVED_TAG) {
      if (this.outgoing !== undefined && this.outgoing.ttt === request.targetTransferTag && this.outgoing.itt === itt) {
        const rest = this.outgoing.rest;
        this.outgoing = undefined;
        return this.chunk(itt, rest, segmentLength);
      }
      if (this.incoming === undefined || this.incoming.ttt !== request.targetTransferTag || this.incoming.itt !== itt) {
        throw new IscsiProtocolError(
          `Text Request with unknown Target Transfer Tag ${request.targetTransferTag.toString(16)}h`,
          RejectReason.INVALID_PDU_FIELD,
        );
      }
    } else {
      this.outgoing = undefined;
      this.incoming = undefined;
    }
    const incoming = this.incoming ?? { itt, ttt: Iscsi.RESERVED_TAG, parts: [], length: 0 };
    incoming.parts.push(request.data);
    incoming.length += request.data.length;
    if (incoming.length > MAX_TEXT) {
      this.incoming = undefined;
      throw new IscsiProtocolError('text request longer than 64 KiB', RejectReason.PROTOCOL_ERROR);
    }
    if (request.continue) {
      this.incoming = { ...incoming, ttt: this.nextTag() };
      return { data: Buffer.alloc(0), final: false, targetTransferTag: this.incoming.ttt };
    }
    this.incoming = undefined;
    const answers = this.answer(decodeTextData(Buffer.concat(incoming.parts)), ctx);
    return this.chunk(itt, encodeTextData(answers), segmentLength);
  }

  private answer(pairs: readonly TextPair[], ctx: SendTargetsContext): TextPair[] {
    const answers: TextPair[] = [];
    for (const { key, value } of pairs) {
      if (key === 'SendTargets') {
        answers.push(...answerSendTargets(value, ctx));
      } else if (key === 'MaxRecvDataSegmentLength') {
        const n = parseNumber(value);
        if (n === undefined || n < 512 || n > Iscsi.MAX_DATA_SEGMENT_LENGTH)
          answers.push({ key, value: SpecialValue.REJECT });
        else this.redeclaredMaxRecvDataSegmentLength = n;
      } else {
        // Other known keys are leading-only or login-only: not negotiable in the full feature phase.
        answers.push({ key, value: ISCSI_KEYS[key] === undefined ? SpecialValue.NOT_UNDERSTOOD : SpecialValue.REJECT });
      }
    }
    return answers;
  }

  private chunk(itt: number, data: Buffer, segmentLength: number): TextChunk {
    if (data.length <= segmentLength) return { data, final: true, targetTransferTag: Iscsi.RESERVED_TAG };
    const ttt = this.nextTag();
    this.outgoing = { itt, ttt, rest: data.subarray(segmentLength) };
    return { data: data.subarray(0, segmentLength), final: false, targetTransferTag: ttt };
  }
}
