/**
 * SCSI over a serial line: the framing, the link layer, the target and the initiator.
 * Spec: docs/serial-framing.md.
 */
export { crc32c, Crc32cParameters } from './crc32c.js';
export {
  FrameFlag,
  FrameLayout,
  FrameType,
  MAX_FRAME_LENGTH,
  SEQ_MODULO,
  frameTypeName,
  isSequencedType,
  type Frame,
  type FrameTypeCode,
} from './frame-format.js';
export { decodeFrame, encodeFrame, headerCheck, type DecodedFrame, type FrameFault } from './frame-codec.js';
export { FrameDecoder, type DecoderEvent, type FrameDecoderOptions } from './frame-decoder.js';
export { Reassembler, splitMessage, type Fragment, type Reassembled } from './fragmentation.js';
export { LineWriter, Pacing, lineTimeMs, type LineWriterOptions, type WritePriority } from './line-writer.js';
export { LinkSender, MAX_WINDOW, type LinkSenderOptions, type SenderStats } from './link-sender.js';
export { LinkReceiver, type ReceiverStats } from './link-receiver.js';
export {
  LinkDefaults,
  SerialLink,
  defaultRetransmitMs,
  type LinkStats,
  type SerialLinkHandlers,
  type SerialLinkOptions,
  type SerialLinkTuning,
} from './serial-link.js';
export { type Parsed } from './parsed.js';
export {
  ResetReason,
  SessionProtocol,
  decodeHello,
  decodeReset,
  decodeWelcome,
  encodeHello,
  encodeReady,
  encodeReset,
  encodeWelcome,
  resetReasonName,
  type Hello,
  type Reset,
  type Welcome,
} from './session-messages.js';
export {
  ResponseCode,
  ScsiMessageLayout,
  decodeCommand,
  decodeResponse,
  encodeCommand,
  encodeResponse,
  peekTag,
  type CommandMessage,
  type ResponseMessage,
} from './scsi-messages.js';
export { closeSerialPort, openSerialPort } from './serial-port-io.js';
export { SerialUrlDefaults, formatSerialUrl, parseSerialUrl, type SerialUrl } from './serial-url.js';
export { TargetDefaults } from './target-endpoint.js';
export type { SerialTargetEventMap } from './target-events.js';
export {
  SerialTarget,
  SerialTargetDefaults,
  type SerialTargetCommonOptions,
  type SerialTargetOptions,
  type SerialTargetStats,
} from './serial-target.js';
export { SerialInitiator } from './serial-initiator.js';
export {
  InitiatorDefaults,
  type SerialInitiatorCommonOptions,
  type SerialInitiatorOptions,
} from './serial-initiator-options.js';
