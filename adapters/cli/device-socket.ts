import WebSocket from 'ws';
import type { ClientFrame } from '../../domain/protocol/client-messages';
import type { MessageOf, ServerMessage, ServerMessageType } from '../../domain/protocol/server-messages';
import { CliError } from './cli-error';

/**
 * A device's WebSocket to the doorbell (local gateway or API Gateway): connects with `?token=`, turns refusals into
 * clear errors, parses each frame, and waits for the messages a command needs.
 */
export class DeviceSocket {
  private readonly listeners = new Set<(message: ServerMessage) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      let message: ServerMessage;
      try {
        // The server speaks the protocol this CLI is built with (same source tree); an odd frame only reaches the
        // `default` branches of the printers, which show it as JSON.
        message = JSON.parse(data.toString()) as ServerMessage;
      } catch {
        return;
      }
      for (const listener of this.listeners) listener(message);
    });
  }

  static connect(url: string, token: string): Promise<DeviceSocket> {
    const address = new URL(url);
    address.searchParams.set('token', token);
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(address);
      socket.once('open', () => resolve(new DeviceSocket(socket)));
      socket.once('unexpected-response', (_request, response) => {
        const status = response.statusCode ?? 0;
        const why =
          status === 401 ? 'no token was given' : status === 403 ? 'the token is invalid, expired or revoked' : `it answered ${status}`;
        reject(new CliError(`The doorbell refused the connection (${status}): ${why}.`));
        socket.terminate();
      });
      socket.once('error', (error) =>
        reject(
          new CliError(
            `Cannot connect to ${url}: ${(error as NodeJS.ErrnoException).code ?? error.message}. Is the doorbell running (npm start)?`,
          ),
        ),
      );
    });
  }

  send(message: ClientFrame): void {
    this.socket.send(JSON.stringify(message));
  }

  onMessage(listener: (message: ServerMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The first message matching `accept`; rejects on an `error` message, after `timeoutMs`, or when the socket closes
   * first (so a wait nobody needs any more, once the socket is closed, never keeps the process alive until it times out).
   */
  next<T extends ServerMessageType>(
    type: T,
    timeoutMs: number,
    what: string,
    accept: (message: MessageOf<T>) => boolean = () => true,
  ): Promise<MessageOf<T>> {
    return new Promise((resolve, reject) => {
      const settle = (outcome: () => void) => {
        clearTimeout(timer);
        stop();
        this.socket.off('close', closed);
        outcome();
      };
      const closed = () => settle(() => reject(new CliError(`The connection closed while waiting for ${what}.`)));
      const timer = setTimeout(
        () => settle(() => reject(new CliError(`Timed out after ${timeoutMs / 1000} s waiting for ${what}.`))),
        timeoutMs,
      );
      const stop = this.onMessage((message) => {
        if (message.type === 'error') settle(() => reject(new CliError(`The doorbell answered an error: ${message.message}`)));
        else if (isOfType(message, type) && accept(message)) settle(() => resolve(message));
      });
      this.socket.once('close', closed);
    });
  }

  onClose(listener: (code: number, reason: string) => void): void {
    this.socket.on('close', (code, reason) => listener(code, reason.toString()));
  }

  close(): void {
    this.socket.close(1000);
  }
}

function isOfType<T extends ServerMessageType>(message: ServerMessage, type: T): message is MessageOf<T> {
  return message.type === type;
}
