import type { RingPushPayload } from '../../../domain/protocol/push-payload';
import type { PushKeyMessage, PushSubscriptionsMessage, ServerMessage } from '../../../domain/protocol/server-messages';

/** One of this device's subscriptions, as the server lists them (`pushSubscriptions`). */
export type DeviceSubscription = PushSubscriptionsMessage['subscriptions'][number];

/**
 * The ring push (domain/protocol/push-payload.ts) as the service worker reads it: lenient where a newer server may
 * send more (an outcome this page has no label for, a reply that is no preset), so a ring is never left unshown.
 */
export type RingPush = Omit<RingPushPayload, 'version' | 'outcome' | 'reason' | 'quickReplyPresets'> & {
  readonly outcome: string;
  readonly reason?: string;
  /** The presets the quick replies stand for, in the same order; possibly shorter (then the labels are read). */
  readonly quickReplyPresets: readonly string[];
};

export function isPushKey(message: ServerMessage): message is PushKeyMessage {
  return message.type === 'pushKey';
}

export function isPushSubscriptions(message: ServerMessage): message is PushSubscriptionsMessage {
  return message.type === 'pushSubscriptions';
}
