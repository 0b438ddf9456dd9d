import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { newRequestId } from './aws-ids';
import type { Refusal } from './connect-admission';

/**
 * Answers an upgrade request with an HTTP error instead of 101 and closes the socket: what a client sees when API
 * Gateway refuses a handshake (`Unexpected server response: 401` in `ws`, a failed connection in a browser).
 * The upgrade socket is raw TCP, not a ServerResponse, so the response is written by hand.
 */
export function refuseHandshake(socket: Duplex, refusal: Refusal): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = Buffer.from(refusal.body);
  const head = [
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}`,
    'Connection: close',
    'Content-Type: application/json',
    `Content-Length: ${body.byteLength}`,
    `x-amzn-RequestId: ${newRequestId()}`,
    ...(refusal.errorType === undefined ? [] : [`x-amzn-ErrorType: ${refusal.errorType}`]),
  ];
  socket.once('finish', () => socket.destroy());
  socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), body]));
}
