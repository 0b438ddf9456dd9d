/**
 * Answers a ring the way the dashboard does, from the service worker, which has no page and no open connection:
 * opens a WebSocket as this device (`?token=…`), sends `answer`, waits for the server's reply, closes. The same
 * `answer` action and AnswerRing use case as a tap in the page, so a deployed stack takes it just the same.
 */

export type SocketAnswerOutcome =
  /** `byName`: the answering device's name, as the server recorded it. */
  | { readonly kind: 'answered'; readonly byName: string }
  /** The server said no (`expired`, `conflict` when someone answered first, `forbidden`…), in its own words. */
  | { readonly kind: 'refused'; readonly code: string; readonly message: string }
  /** No connection: offline, the server down, or the token refused at the upgrade (which a browser can't tell apart). */
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'timed-out' };

/** The part of a WebSocket this needs: the browser's and Node's `ws` both have it. */
export interface AnswerSocket {
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
}

export interface SocketAnswer {
  /** `ws(s)://…` without the token. */
  readonly url: string;
  readonly token: string;
  readonly ringId: string;
  readonly reply: string;
  readonly timeoutMs: number;
  readonly openSocket: (url: string) => AnswerSocket;
}

/** How long the worker waits for the server before saying the reply may not have arrived. */
export const ANSWER_TIMEOUT_MS = 15_000;

export function answerOverSocket(request: SocketAnswer): Promise<SocketAnswerOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    let socket: AnswerSocket | undefined;
    const finish = (outcome: SocketAnswerOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket?.close();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'timed-out' }), request.timeoutMs);
    try {
      socket = request.openSocket(`${request.url}?token=${encodeURIComponent(request.token)}`);
    } catch {
      // A malformed URL throws at construction.
      return finish({ kind: 'unreachable' });
    }
    socket.addEventListener('open', () => socket?.send(JSON.stringify({ action: 'answer', ringId: request.ringId, reply: request.reply })));
    socket.addEventListener('message', (event) => {
      const message = parse(event.data);
      if (message?.['type'] === 'answer' && message['ringId'] === request.ringId) {
        finish({ kind: 'answered', byName: typeof message['byName'] === 'string' ? message['byName'] : '' });
      } else if (message?.['type'] === 'error') {
        finish({ kind: 'refused', code: String(message['code']), message: String(message['message']) });
      }
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

/** The outcome in words for the notification that follows a failed answer. */
export function failureReason(outcome: Exclude<SocketAnswerOutcome, { kind: 'answered' }>): string {
  switch (outcome.kind) {
    case 'refused':
      return outcome.code === 'expired' ? 'too late, the ring can no longer be answered' : outcome.message;
    case 'unreachable':
      return "the doorbell couldn't be reached; open the dashboard to answer";
    case 'timed-out':
      return 'the doorbell did not confirm in time; open the dashboard to check';
  }
}
