/**
 * What the service worker does when the browser renews its push subscription (`pushsubscriptionchange`, Push API):
 * take the new subscription the event names, or subscribe again with the old one's server key; then tell the server,
 * as this device over a short-lived WebSocket, to push to the new endpoint (`subscribePush`) and forget the old one
 * (`unsubscribePush`). Without this the server keeps pushing to an endpoint that no longer reaches the browser.
 */
import type { DeviceCredentials } from './device-credentials';
import { exchangeOverSocket, type AnswerSocket, type SocketStep } from './exchange-over-socket';

/** The part of a PushSubscription this needs. */
export interface RenewableSubscription {
  readonly endpoint: string;
  toJSON(): { readonly endpoint?: string; readonly expirationTime?: number | null; readonly keys?: Record<string, string> };
}

/** The event's two subscriptions; either may be missing (browsers differ in what they fill in). */
export interface SubscriptionChange {
  readonly newSubscription?: RenewableSubscription | null;
  readonly oldSubscription?: {
    readonly endpoint: string;
    readonly options?: { readonly applicationServerKey?: ArrayBuffer | null };
  } | null;
}

export interface RenewalContext {
  /** `pushManager.subscribe({ userVisibleOnly: true, applicationServerKey })` of the worker's registration. */
  readonly subscribe: (applicationServerKey: ArrayBuffer) => Promise<RenewableSubscription>;
  readonly credentials: () => Promise<DeviceCredentials | undefined>;
  readonly timeoutMs: number;
  readonly openSocket: (url: string) => AnswerSocket;
}

export type RenewalOutcome =
  /** The server pushes to `endpoint` now; the old endpoint, if the event named one, is forgotten. */
  | { readonly kind: 'renewed'; readonly endpoint: string }
  /** No new subscription: the event named none, and the old one's server key is unknown or subscribing failed. */
  | { readonly kind: 'not-resubscribed'; readonly reason: string }
  /** Notifications were switched off on this browser (no stored credentials): nothing to tell the server. */
  | { readonly kind: 'not-set-up' }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string }
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'timed-out' };

/** How long the worker waits for the server. */
export const RENEWAL_TIMEOUT_MS = 15_000;

type StepResult = { readonly kind: 'listed' } | { readonly kind: 'refused'; readonly code: string; readonly message: string };

const listedOrRefused = (message: Readonly<Record<string, unknown>>): StepResult | undefined => {
  if (message['type'] === 'pushSubscriptions') return { kind: 'listed' };
  if (message['type'] === 'error') return { kind: 'refused', code: String(message['code']), message: String(message['message']) };
  return undefined;
};

/** Never throws: every way it can end is an outcome. */
export async function renewSubscription(change: SubscriptionChange, context: RenewalContext): Promise<RenewalOutcome> {
  const credentials = await context.credentials().catch(() => undefined);
  if (!credentials) return { kind: 'not-set-up' };
  const renewed = change.newSubscription ?? (await resubscribe(change, context));
  if ('kind' in renewed) return renewed;

  const { endpoint, expirationTime, keys } = renewed.toJSON();
  const steps: SocketStep<StepResult>[] = [
    {
      frame: { action: 'subscribePush', subscription: { endpoint: endpoint ?? renewed.endpoint, expirationTime, keys } },
      reply: listedOrRefused,
    },
  ];
  const oldEndpoint = change.oldSubscription?.endpoint;
  if (oldEndpoint !== undefined && oldEndpoint !== renewed.endpoint) {
    steps.push({ frame: { action: 'unsubscribePush', endpoint: oldEndpoint }, reply: listedOrRefused });
  }
  const outcome = await exchangeOverSocket({ ...credentials, steps, timeoutMs: context.timeoutMs, openSocket: context.openSocket });
  if (outcome.kind !== 'replied') return outcome;
  // The new endpoint's registration is what matters; a refused removal of the old one (already gone) is not a failure.
  const [subscribed] = outcome.replies;
  return subscribed?.kind === 'refused' ? subscribed : { kind: 'renewed', endpoint: renewed.endpoint };
}

async function resubscribe(
  change: SubscriptionChange,
  context: RenewalContext,
): Promise<RenewableSubscription | Extract<RenewalOutcome, { kind: 'not-resubscribed' }>> {
  const key = change.oldSubscription?.options?.applicationServerKey;
  if (!key) return { kind: 'not-resubscribed', reason: "the old subscription's server key is unknown" };
  try {
    return await context.subscribe(key);
  } catch (error) {
    return { kind: 'not-resubscribed', reason: error instanceof Error ? error.message : String(error) };
  }
}
