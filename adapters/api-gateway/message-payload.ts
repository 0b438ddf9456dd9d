import { NotificationError } from '../../domain/errors';
import type { ServerMessage } from '../../domain/protocol/server-messages';

/**
 * API Gateway's WebSocket message payload limit: 128 KB (131,072 bytes of UTF-8), carried in frames of 32 KB at
 * most. A larger PostToConnection fails with PayloadTooLargeException (413).
 */
export const MAX_MESSAGE_BYTES = 128 * 1024;

const utf8 = new TextEncoder();

export function tooLargeMessage(bytes: number | undefined): string {
  const size = bytes === undefined ? 'the message' : `a message of ${bytes} bytes`;
  return `API Gateway refuses ${size}: its WebSocket messages are limited to 128 KB (${MAX_MESSAGE_BYTES} bytes)`;
}

/**
 * The message as the bytes of one WebSocket frame. Checked here rather than left to API Gateway: a message that is
 * too large fails the same way every time, so it should cost no request, and no retry.
 * @throws NotificationError when the message has no JSON form or its UTF-8 is over MAX_MESSAGE_BYTES.
 */
export function encodeMessage(message: ServerMessage): Uint8Array {
  let json: string;
  try {
    json = JSON.stringify(message);
  } catch (error) {
    throw new NotificationError(`message of type ${JSON.stringify(message.type)} cannot be serialized as JSON`, { cause: error });
  }
  const bytes = utf8.encode(json);
  if (bytes.byteLength > MAX_MESSAGE_BYTES) throw new NotificationError(tooLargeMessage(bytes.byteLength));
  return bytes;
}
