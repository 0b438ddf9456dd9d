import type { PushSubscription } from '../push-subscription';

/** How urgent a push is (RFC 8030 §5.3): a ring wakes the phone, so it is `high`. */
export type PushUrgency = 'very-low' | 'low' | 'normal' | 'high';

export interface PushOptions {
  /** How long the push service keeps the message for an unreachable browser, in whole seconds. */
  readonly ttlSeconds: number;
  readonly urgency: PushUrgency;
  /**
   * Messages with the same replace key replace each other while undelivered (the `Topic` header, RFC 8030 §5.4),
   * so a ring pushed again shows once. Any text: the sender turns it into a valid topic.
   */
  readonly replaceKey: string;
}

/**
 * `delivered`: the push service accepted it (201). `gone`: the subscription no longer exists (404/410): delete it.
 * `failed`: anything else once retries are spent (throttled for too long, 5xx, refused, network, timeout).
 */
export type PushDelivery =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'gone'; readonly status: number }
  | { readonly kind: 'failed'; readonly reason: string };

/** Sends Web Push messages (encrypted to the subscription, signed with the deployment's VAPID key). */
export interface PushSender {
  /**
   * Sends one payload to one subscription. Never rejects for the push service's answers, nor for the network:
   * every outcome is a PushDelivery. Retries 429 and 5xx itself (bounded, honouring Retry-After).
   */
  send(subscription: PushSubscription, payload: string, options: PushOptions): Promise<PushDelivery>;
}
