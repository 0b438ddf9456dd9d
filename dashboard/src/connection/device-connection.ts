import type { ClientFrame } from '../../../domain/protocol/client-messages';
import type { ServerMessage } from '../../../domain/protocol/server-messages';
import { retryDelayMs } from './backoff';
import type { ConnectionState } from './connection-state';
import { KEEP_ALIVE_MS, PONG_TIMEOUT_MS } from './keep-alive';

export interface DeviceConnectionOptions {
  /** `ws(s)://…` without the token. */
  readonly url: string;
  readonly token: string;
  readonly onState: (state: ConnectionState) => void;
  readonly onMessage: (message: ServerMessage) => void;
}

interface Waiter {
  readonly accepts: (message: ServerMessage) => boolean;
  readonly resolve: (message: ServerMessage | undefined) => void;
}

/**
 * The page's connection as a device: connects with `?token=…` (browsers can't set headers on a WebSocket),
 * reconnects by itself with capped exponential backoff, and pings under API Gateway's idle timeout.
 *
 * A browser can't see why a WebSocket upgrade failed. When the socket closes before it ever opened, the page asks
 * the same server over HTTP (no-cors: any answer at all counts): a server that answers but would not upgrade
 * refused the token (API Gateway's 401/403), so the page stops and says so instead of retrying forever; a server
 * that doesn't answer is down or unreachable, so the page retries. A refusal is believed only when it happens
 * twice in a row: a server that came up between the failed upgrade and the check must not look like a refusal.
 */
export class DeviceConnection {
  private socket: WebSocket | undefined;
  private attempt = 0;
  /** Failed upgrades in a row while the server answered HTTP. */
  private refusals = 0;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private keepAliveTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private waiters: Waiter[] = [];

  constructor(private readonly options: DeviceConnectionOptions) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    this.socket?.close(1000, 'closed by the page');
    this.socket = undefined;
    this.options.onState({ kind: 'stopped' });
  }

  /** After a refusal or while waiting for a retry: try at once. */
  retryNow(): void {
    this.clearTimers();
    this.socket?.close();
    this.stopped = false;
    this.attempt = 0;
    this.refusals = 0;
    this.open();
  }

  /** False when not connected: the caller says so to the user instead of losing the message silently. */
  send(message: ClientFrame): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /**
   * Sends and resolves with the first message `accepts` takes (the message still reaches `onMessage`), or with
   * undefined if none comes within `timeoutMs` or the message could not be sent.
   */
  request(message: ClientFrame, accepts: (message: ServerMessage) => boolean, timeoutMs = 30_000): Promise<ServerMessage | undefined> {
    return new Promise((resolve) => {
      if (!this.send(message)) return resolve(undefined);
      const waiter: Waiter = {
        accepts,
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(undefined);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private open(): void {
    this.options.onState({ kind: 'connecting' });
    let opened = false;
    const socket = new WebSocket(`${this.options.url}?token=${encodeURIComponent(this.options.token)}`);
    this.socket = socket;
    socket.addEventListener('open', () => {
      opened = true;
      this.refusals = 0;
      this.options.onState({ kind: 'connected' });
      this.keepAliveTimer = setInterval(() => this.ping(), KEEP_ALIVE_MS);
    });
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.clearTimers();
      if (this.stopped) return;
      if (opened) this.scheduleRetry();
      else void this.afterFailedUpgrade();
    });
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return; // Not one of ours; the server only sends JSON.
    }
    // Any message proves the connection works: the next failure starts the backoff afresh.
    this.attempt = 0;
    clearTimeout(this.pongTimer);
    const waiter = this.waiters.find((w) => w.accepts(message));
    if (waiter) {
      this.waiters = this.waiters.filter((w) => w !== waiter);
      waiter.resolve(message);
    }
    this.options.onMessage(message);
  }

  private ping(): void {
    if (!this.send({ action: 'ping' })) return;
    clearTimeout(this.pongTimer);
    this.pongTimer = setTimeout(() => this.socket?.close(), PONG_TIMEOUT_MS);
  }

  private async afterFailedUpgrade(): Promise<void> {
    const serverAnswers = await answersHttp(this.options.url);
    if (this.stopped) return;
    if (!serverAnswers) return this.scheduleRetry(true);
    if (++this.refusals < 2) return this.open();
    this.options.onState({ kind: 'refused' });
  }

  private scheduleRetry(unreachable = false): void {
    const delay = retryDelayMs(this.attempt++, Math.random());
    const retryAt = Date.now() + delay;
    this.options.onState({ kind: 'reconnecting', retryAt, attempt: this.attempt, ...(unreachable ? { unreachable: true as const } : {}) });
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private clearTimers(): void {
    clearTimeout(this.retryTimer);
    clearInterval(this.keepAliveTimer);
    clearTimeout(this.pongTimer);
    for (const waiter of this.waiters) waiter.resolve(undefined);
    this.waiters = [];
  }
}

/** Whether anything answers HTTP where the WebSocket lives (an opaque no-cors answer counts). */
async function answersHttp(webSocketUrl: string): Promise<boolean> {
  try {
    await fetch(webSocketUrl.replace(/^ws/, 'http'), { mode: 'no-cors', cache: 'no-store' });
    return true;
  } catch {
    return false;
  }
}
