/**
 * The session's non-SCSI requests: NOP-Out, Task Management, Text and Logout, each answered in CmdSN order (or at
 * once when immediate).
 * Spec: RFC 7143 11.18 / 11.19 (NOP-Out answered by NOP-In echoing the ping data), 11.5 / 11.6 (task management),
 * 11.10 / 11.11 (text), 11.14 / 11.15 (logout: close the session or connection; recovery removal not supported at
 * ErrorRecoveryLevel 0); docs/iscsi.md 7.7.
 */
import { Iscsi, LogoutReason, LogoutResponseCode, TmfFunction, TmfResponse } from '../constants.js';
import { IscsiProtocolError } from '../errors.js';
import type { PduChannel } from '../pdu-channel.js';
import { decodeLogoutRequest, encodeLogoutResponse } from '../pdu/logout.js';
import { decodeNopOut, encodeNopIn } from '../pdu/nop.js';
import type { Pdu } from '../pdu/pdu.js';
import { decodeTaskManagementRequest, encodeTaskManagementResponse } from '../pdu/task-management.js';
import { decodeTextRequest, encodeTextResponse } from '../pdu/text.js';
import type { SessionParameters } from '../text/negotiation.js';
import type { ResolvedTargetOptions } from './target-options.js';
import type { TargetPinger } from './target-pinger.js';
import { formatPortal, type TextExchange } from './target-text.js';
import { performTaskManagement, type TmfHost } from './target-tmf.js';

/** What the control handlers need from the session. */
export interface ControlHost extends TmfHost {
  readonly options: ResolvedTargetOptions;
  readonly channel: PduChannel;
  readonly cid: number;
  readonly discovery: boolean;
  readonly text: TextExchange;
  readonly pinger: TargetPinger;
  readonly parameters: SessionParameters;
  setPeerMaxRecvDataSegmentLength(length: number): void;
  send(pdu: Pdu): void;
  reject(reason: number, header: Buffer): void;
  nextStatSN(): number;
  ordered(immediate: boolean, cmdSN: number, action: () => void): void;
  terminate(why: string): void;
  coldReset(): void;
}

/** NOP-Out: a ping to answer, or the answer to our NOP-In. */
export function onNopOut(host: ControlHost, pdu: Pdu): void {
  const nop = decodeNopOut(pdu);
  if (nop.initiatorTaskTag === Iscsi.RESERVED_TAG) {
    if (nop.targetTransferTag !== Iscsi.RESERVED_TAG) host.pinger.answered(nop.targetTransferTag, nop.data);
    return;
  }
  const lunField = Buffer.from(nop.lunField);
  const data = nop.data.subarray(0, host.parameters.peerMaxRecvDataSegmentLength);
  host.ordered(nop.immediate, nop.cmdSN, () =>
    host.send(
      encodeNopIn({
        lunField,
        initiatorTaskTag: nop.initiatorTaskTag,
        targetTransferTag: Iscsi.RESERVED_TAG,
        statSN: host.nextStatSN(),
        expCmdSN: host.window.expCmdSN,
        maxCmdSN: host.window.maxCmdSN,
        data,
      }),
    ),
  );
}

export function onTaskManagement(host: ControlHost, pdu: Pdu): void {
  const request = decodeTaskManagementRequest(pdu);
  host.ordered(request.immediate, request.cmdSN, () => {
    const response = performTaskManagement(host, request);
    host.logger.info({ nexus: host.nexus, function: request.function, lun: request.lun, response }, 'task management');
    host.send(
      encodeTaskManagementResponse({
        response,
        initiatorTaskTag: request.initiatorTaskTag,
        statSN: host.nextStatSN(),
        expCmdSN: host.window.expCmdSN,
        maxCmdSN: host.window.maxCmdSN,
      }),
    );
    if (request.function === TmfFunction.TARGET_COLD_RESET && response === TmfResponse.FUNCTION_COMPLETE)
      host.coldReset();
  });
}

export function onText(host: ControlHost, pdu: Pdu): void {
  const request = decodeTextRequest(pdu);
  const socket = host.channel.socket;
  const ctx = {
    targetName: host.options.targetName,
    tpgt: host.options.tpgt,
    portal: formatPortal(socket.localAddress ?? host.options.host, socket.localPort ?? host.options.port),
    discovery: host.discovery,
  };
  host.ordered(request.immediate, request.cmdSN, () => {
    let chunk;
    try {
      chunk = host.text.handle(request, ctx, host.parameters.peerMaxRecvDataSegmentLength);
    } catch (err) {
      if (!(err instanceof IscsiProtocolError)) throw err;
      host.reject(err.rejectReason, pdu.bhs);
      return;
    }
    const redeclared = host.text.redeclaredMaxRecvDataSegmentLength;
    if (redeclared !== undefined) host.setPeerMaxRecvDataSegmentLength(redeclared);
    host.send(
      encodeTextResponse({
        final: chunk.final,
        continue: !chunk.final && chunk.data.length > 0,
        lunField: Buffer.from(request.lunField),
        initiatorTaskTag: request.initiatorTaskTag,
        targetTransferTag: chunk.targetTransferTag,
        statSN: host.nextStatSN(),
        expCmdSN: host.window.expCmdSN,
        maxCmdSN: host.window.maxCmdSN,
        data: chunk.data,
      }),
    );
  });
}

export function onLogout(host: ControlHost, pdu: Pdu): void {
  const request = decodeLogoutRequest(pdu);
  host.ordered(request.immediate, request.cmdSN, () => {
    let response: number = LogoutResponseCode.SUCCESS;
    if (request.reason === LogoutReason.REMOVE_CONNECTION_FOR_RECOVERY)
      response = LogoutResponseCode.RECOVERY_NOT_SUPPORTED;
    else if (request.reason === LogoutReason.CLOSE_CONNECTION && request.cid !== host.cid)
      response = LogoutResponseCode.CID_NOT_FOUND;
    host.send(
      encodeLogoutResponse({
        response,
        initiatorTaskTag: request.initiatorTaskTag,
        statSN: host.nextStatSN(),
        expCmdSN: host.window.expCmdSN,
        maxCmdSN: host.window.maxCmdSN,
        time2Wait: 0,
        time2Retain: 0,
      }),
    );
    if (response === LogoutResponseCode.SUCCESS) host.terminate('logout');
  });
}
