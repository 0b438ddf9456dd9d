/**
 * Why a connection ended: the close code sent to the client (when the gateway closes it) and the
 * `disconnectStatusCode` / `disconnectReason` of the $disconnect event.
 *
 * The reasons are API Gateway's own words where captured events show them: 1001 "Going away" after the idle
 * timeout, 1005 "Client-side close frame status not set" for a close frame without a code, 1000 "Connection Closed
 * Normally" after DeleteConnection. The others (a client's close code, an abrupt drop, a message too big) are
 * worded in the same style; treat `disconnectReason` as a log line, and branch on `disconnectStatusCode`.
 */
export interface DisconnectCause {
  readonly statusCode: number;
  readonly reason: string;
}

/** No message from the client within the idle timeout (API Gateway: 10 minutes). */
export const IDLE_TIMEOUT: DisconnectCause = { statusCode: 1001, reason: 'Going away' };
/** The connection reached the maximum duration (API Gateway: 2 hours). */
export const MAX_DURATION_REACHED: DisconnectCause = { statusCode: 1001, reason: 'Going away' };
/** The gateway is shutting down (`stop()`): what a client sees when a server goes away. */
export const GATEWAY_STOPPING: DisconnectCause = { statusCode: 1001, reason: 'Going away' };
/** DeleteConnection through the management API. */
export const DELETED_BY_MANAGEMENT_API: DisconnectCause = { statusCode: 1000, reason: 'Connection Closed Normally' };
/** No close frame: the TCP connection dropped, or the client stopped answering pings. */
export const ABNORMAL_CLOSURE: DisconnectCause = { statusCode: 1006, reason: 'Connection Closed Abnormally' };
/** A message over the payload limit (API Gateway: 128 KB): RFC 6455's 1009, Message Too Big. */
export const MESSAGE_TOO_BIG: DisconnectCause = { statusCode: 1009, reason: 'Message Too Big' };

/**
 * The client sent more frames than its connection may have waiting (a flood): RFC 6455's 1008, Policy Violation,
 * which is also how API Gateway ends a connection it will not serve.
 */
export const TOO_MANY_QUEUED_FRAMES: DisconnectCause = { statusCode: 1008, reason: 'Too many messages waiting' };

/** The client sent a close frame (`code` 1005: one without a status code). */
export function closedByClient(code: number): DisconnectCause {
  if (code === 1005) return { statusCode: 1005, reason: 'Client-side close frame status not set' };
  if (code === 1006) return ABNORMAL_CLOSURE;
  return { statusCode: code, reason: 'Client-side close frame status code' };
}

/**
 * The gateway's WebSocket library closed the connection over a protocol error (by its error code): RFC 6455's
 * 1009 for a message over the limit, 1007 for text that is not UTF-8, 1002 for the rest.
 */
export function protocolViolation(libraryErrorCode: string | undefined): DisconnectCause {
  switch (libraryErrorCode) {
    case 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH':
    case 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH':
      return MESSAGE_TOO_BIG;
    case 'WS_ERR_INVALID_UTF8':
      return { statusCode: 1007, reason: 'Invalid frame payload data' };
    default:
      return { statusCode: 1002, reason: 'Protocol error' };
  }
}
