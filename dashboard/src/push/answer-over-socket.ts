/**
 * Answers a ring the way the dashboard does, from the service worker, which has no page and no open connection:
 * opens a WebSocket as this device (`?token=…`), sends `answer`, waits for the server's reply, closes. The same
 * `answer` action and AnswerRing use case as a tap in the page, so a deployed stack takes it just the same.
 */
import { exchangeOverSocket, type AnswerSocket } from './exchange-over-socket';

export type { AnswerSocket };

export type SocketAnswerOutcome =
  /** `byName`: the answering device's name, as the server recorded it. */
  | { readonly kind: 'answered'; readonly byName: string }
  /** The server said no (`expired`, `conflict` when someone answered first, `forbidden`…), in its own words. */
  | { readonly kind: 'refused'; readonly code: string; readonly message: string }
  /** No connection: offline, the server down, or the token refused at the upgrade (which a browser can't tell apart). */
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'timed-out' };

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

export async function answerOverSocket(request: SocketAnswer): Promise<SocketAnswerOutcome> {
  const outcome = await exchangeOverSocket<SocketAnswerOutcome>({
    ...request,
    steps: [
      {
        frame: { action: 'answer', ringId: request.ringId, reply: request.reply },
        reply: (message) => {
          if (message['type'] === 'answer' && message['ringId'] === request.ringId) {
            return { kind: 'answered', byName: typeof message['byName'] === 'string' ? message['byName'] : '' };
          }
          if (message['type'] === 'error') return { kind: 'refused', code: String(message['code']), message: String(message['message']) };
          return undefined;
        },
      },
    ],
  });
  return outcome.kind === 'replied' ? outcome.replies[0]! : outcome;
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
