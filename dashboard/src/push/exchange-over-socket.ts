/**
 * The service worker's way to talk to the server, which it has no open connection to: opens a WebSocket as this
 * device (`?token=…`), sends each frame in turn, each only after the server replied to the one before (the server
 * may handle frames of one connection concurrently, and replies of the same type could not be told apart), closes.
 */

/** The part of a WebSocket this needs: the browser's and Node's `ws` both have it. */
export interface AnswerSocket {
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
}

/** One frame and what counts as its reply: `reply` maps a server message to a result, or undefined to keep waiting. */
export interface SocketStep<T> {
  readonly frame: object;
  readonly reply: (message: Readonly<Record<string, unknown>>) => T | undefined;
}

export interface SocketExchange<T> {
  /** `ws(s)://…` without the token. */
  readonly url: string;
  readonly token: string;
  readonly steps: readonly SocketStep<T>[];
  /** For the whole exchange. */
  readonly timeoutMs: number;
  readonly openSocket: (url: string) => AnswerSocket;
}

export type SocketExchangeOutcome<T> =
  /** One result per step, in order. */
  | { readonly kind: 'replied'; readonly replies: readonly T[] }
  /** No connection: offline, the server down, or the token refused at the upgrade (which a browser can't tell apart). */
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'timed-out' };

export function exchangeOverSocket<T>(exchange: SocketExchange<T>): Promise<SocketExchangeOutcome<T>> {
  return new Promise((resolve) => {
    let settled = false;
    let socket: AnswerSocket | undefined;
    const replies: T[] = [];
    const finish = (outcome: SocketExchangeOutcome<T>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket?.close();
      resolve(outcome);
    };
    const sendNext = () => {
      const step = exchange.steps[replies.length];
      if (step === undefined) finish({ kind: 'replied', replies });
      else socket?.send(JSON.stringify(step.frame));
    };
    const timer = setTimeout(() => finish({ kind: 'timed-out' }), exchange.timeoutMs);
    try {
      socket = exchange.openSocket(`${exchange.url}?token=${encodeURIComponent(exchange.token)}`);
    } catch {
      // A malformed URL throws at construction.
      return finish({ kind: 'unreachable' });
    }
    socket.addEventListener('open', sendNext);
    socket.addEventListener('message', (event) => {
      const message = parse(event.data);
      const step = exchange.steps[replies.length];
      const result = message && step ? step.reply(message) : undefined;
      if (result === undefined) return;
      replies.push(result);
      sendNext();
    });
    socket.addEventListener('error', () => finish({ kind: 'unreachable' }));
    socket.addEventListener('close', () => finish({ kind: 'unreachable' }));
  });
}

function parse(data: unknown): Record<string, unknown> | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
