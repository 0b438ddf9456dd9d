/**
 * The Web Push frames of the WebSocket protocol (docs/protocol.md, "Web Push"), as the page and its service worker
 * use them: resident-only actions to learn the server's VAPID key and to manage this device's subscriptions, and
 * the payload the server pushes for a ring.
 */

/** `{action:"pushKey"}` → the server's VAPID public key (base64url), the `applicationServerKey` to subscribe with. */
export interface PushKeyMessage {
  readonly type: 'pushKey';
  readonly version: number;
  readonly publicKey: string;
}

export interface DeviceSubscription {
  readonly endpoint: string;
  /** ISO 8601, UTC. */
  readonly createdAt: string;
}

/** The answer to `subscribePush`, `unsubscribePush` and `pushSubscriptions`: this device's subscriptions. */
export interface PushSubscriptionsMessage {
  readonly type: 'pushSubscriptions';
  readonly version: number;
  readonly subscriptions: readonly DeviceSubscription[];
}

/** What `PushSubscription.toJSON()` gives, as sent in `subscribePush`. */
export interface SubscriptionJson {
  readonly endpoint?: string;
  readonly expirationTime?: number | null;
  readonly keys?: Record<string, string>;
}

export type PushFrame =
  | { readonly action: 'pushKey' }
  | { readonly action: 'subscribePush'; readonly subscription: SubscriptionJson }
  | { readonly action: 'unsubscribePush'; readonly endpoint: string }
  | { readonly action: 'pushSubscriptions' };

/** The JSON the server pushes for a ring (`type: "ring"`): links, never photo bytes. */
export interface RingPush {
  readonly type: 'ring';
  readonly ringId: string;
  /** ISO 8601, UTC: when the button was pressed. */
  readonly at: string;
  readonly outcome: string;
  /** "Alice is at the front door". */
  readonly text: string;
  readonly visitors: readonly { readonly name: string }[];
  readonly unknownFaces: number;
  readonly snapshotUrl?: string;
  /** ISO 8601, UTC: after it the server refuses answers. */
  readonly answerBy: string;
  /** Replies the notification offers as actions: preset ids or their labels ("Coming", "Leave it at the door"). */
  readonly quickReplies: readonly string[];
  /** Where a click leads: the dashboard on this ring (`/dashboard/#ring=<ringId>`). */
  readonly url: string;
}

export function isPushKey(message: { readonly type: string }): message is PushKeyMessage {
  return message.type === 'pushKey';
}

export function isPushSubscriptions(message: { readonly type: string }): message is PushSubscriptionsMessage {
  return message.type === 'pushSubscriptions';
}
