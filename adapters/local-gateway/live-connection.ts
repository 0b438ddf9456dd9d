import { isUtf8 } from 'node:buffer';
import type { RawData, WebSocket } from 'ws';
import {
  ABNORMAL_CLOSURE,
  closedByClient,
  IDLE_TIMEOUT,
  MAX_DURATION_REACHED,
  protocolViolation,
  TOO_MANY_QUEUED_FRAMES,
  type DisconnectCause,
} from './disconnect-causes';
import type { ConnectionAuthorizer } from './gateway-events';
import { SerialQueue } from './serial-queue';
import type { ConnectionFacts } from './websocket-events';

export interface Frame {
  readonly data: Buffer;
  readonly isBinary: boolean;
}

export interface ConnectionLimits {
  readonly idleTimeoutMs: number;
  readonly maxConnectionDurationMs: number;
  /** Frames that may wait for their turn; one more closes the connection (TOO_MANY_QUEUED_FRAMES). */
  readonly maxQueuedFrames: number;
}

/** How long a connection closed for a flood may take to answer the close frame before it is dropped. */
const FLOOD_CLOSE_GRACE_MS = 1_000;

export interface ConnectionEvents {
  /** A data frame from the client, in order. Not called once the connection is closing. */
  message(connection: LiveConnection, frame: Frame): void;
  /** The socket is gone, for `cause`; called once. */
  closed(connection: LiveConnection, cause: DisconnectCause): void;
}

/**
 * One upgraded connection: its socket, what its events share, and the timers API Gateway keeps per connection
 * (idle timeout, maximum duration). It knows why it ended: the cause the gateway closed it for, else the client's
 * close frame, else an abnormal closure (no close frame at all).
 */
export class LiveConnection {
  lastActiveAt: number;
  /** Tasks of this connection (its messages, then its $disconnect), one at a time, in order. */
  readonly tasks = new SerialQueue();
  /** Resolves once the socket is closed, whoever closed it. */
  readonly closed: Promise<void>;
  private closingCause: DisconnectCause | undefined;
  private answeredLastPing = true;
  /** Frames queued and not yet started: bounded by `maxQueuedFrames`. */
  private waitingFrames = 0;
  private readonly idleTimer: NodeJS.Timeout;
  private readonly durationTimer: NodeJS.Timeout;

  constructor(
    private readonly socket: WebSocket,
    readonly facts: ConnectionFacts,
    readonly authorizer: ConnectionAuthorizer | undefined,
    limits: ConnectionLimits,
    events: ConnectionEvents,
  ) {
    this.lastActiveAt = facts.connectedAt;
    this.idleTimer = setTimeout(() => this.close(IDLE_TIMEOUT), limits.idleTimeoutMs);
    this.durationTimer = setTimeout(() => this.close(MAX_DURATION_REACHED), limits.maxConnectionDurationMs);

    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (this.closingCause !== undefined) return; // API Gateway routes nothing once it is closing the connection
      if (this.waitingFrames >= limits.maxQueuedFrames) {
        this.closeFlooding();
        return;
      }
      this.lastActiveAt = Date.now();
      // Only the client's own messages keep a connection alive; pings, pongs and posts to it don't.
      this.idleTimer.refresh();
      events.message(this, { data: asBuffer(data), isBinary });
    });
    socket.on('pong', () => {
      this.answeredLastPing = true;
    });
    // The library closes the socket itself after a protocol error (1009 for a message over maxPayload); the
    // error only tells why. Without this listener, the error would be thrown and take the process down.
    socket.on('error', (error: Error & { readonly code?: string }) => {
      this.closingCause ??= protocolViolation(error.code);
    });
    this.closed = new Promise((resolve) => {
      socket.once('close', (code: number) => {
        clearTimeout(this.idleTimer);
        clearTimeout(this.durationTimer);
        events.closed(this, this.closingCause ?? closedByClient(code));
        resolve();
      });
    });
  }

  get connectionId(): string {
    return this.facts.connectionId;
  }

  /**
   * Queues the handling of one client frame behind the connection's earlier tasks. A frame whose turn comes once
   * the connection is closing (or closed) is dropped, not handled: a client that flooded and left costs nothing more.
   */
  queueFrame(handle: () => Promise<void>): Promise<void> {
    this.waitingFrames += 1;
    return this.tasks.push(async () => {
      this.waitingFrames -= 1;
      if (this.isOpen) await handle();
    });
  }

  /** Open and not being closed: the management API answers 410 for anything else. */
  get isOpen(): boolean {
    return this.closingCause === undefined && this.socket.readyState === this.socket.OPEN;
  }

  /**
   * Sends one frame: text when the bytes are UTF-8 (the JSON every handler posts), binary otherwise, since a text
   * frame must be UTF-8. Resolves false if the connection is not open or closes before the frame is written.
   */
  send(data: Buffer): Promise<boolean> {
    if (!this.isOpen) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.socket.send(data, { binary: !isUtf8(data) }, (error) => {
        if (!error) this.lastActiveAt = Date.now();
        resolve(!error);
      });
    });
  }

  /** Starts the closing handshake; the first cause given is the one $disconnect reports. */
  close(cause: DisconnectCause): void {
    this.closingCause ??= cause;
    this.socket.close(cause.statusCode, cause.reason);
  }

  /** Closes with 1008 and, should the client keep sending instead of answering, drops it shortly after. */
  private closeFlooding(): void {
    this.close(TOO_MANY_QUEUED_FRAMES);
    const drop = setTimeout(() => this.terminate(TOO_MANY_QUEUED_FRAMES), FLOOD_CLOSE_GRACE_MS);
    drop.unref();
    void this.closed.then(() => clearTimeout(drop));
  }

  /** Drops the socket without a closing handshake, e.g. when the client stopped answering. */
  terminate(cause: DisconnectCause = ABNORMAL_CLOSURE): void {
    this.closingCause ??= cause;
    this.socket.terminate();
  }

  /**
   * One heartbeat: a client that has not answered the previous ping is taken for gone (a half-open socket sends
   * no TCP close, so nothing else would ever notice); the others are pinged again.
   */
  heartbeat(): void {
    if (!this.answeredLastPing) {
      this.terminate(ABNORMAL_CLOSURE);
      return;
    }
    this.answeredLastPing = false;
    this.socket.ping();
  }
}

/** The library hands over a Buffer unless told otherwise (`binaryType`); the other shapes are handled all the same. */
function asBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}
