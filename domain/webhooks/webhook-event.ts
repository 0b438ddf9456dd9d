import type { HouseholdId, RingId } from '../ids';
import type { CodeRefusalReason } from '../protocol/server-messages';
import type { Instant } from '../time';
import type { WebhookEventName } from './webhook';
import type { WebhookId } from './webhook';

/**
 * Something happened that webhooks may want to hear of, as producers queue it: small, and free of anything
 * sensitive. A ring or an answer is named by its ring (the payload is built from the stored ring when it is
 * delivered); an access-code attempt carries its outcome, since nothing else records it.
 */
export type WebhookEvent =
  | { readonly event: 'ring'; readonly householdId: HouseholdId; readonly ringId: RingId }
  | { readonly event: 'answer'; readonly householdId: HouseholdId; readonly ringId: RingId }
  | {
      readonly event: 'access-code';
      readonly householdId: HouseholdId;
      /** Unique per attempt (minted by the producer). */
      readonly attemptId: string;
      readonly at: Instant;
      readonly outcome: 'accepted' | 'refused';
      /** Only when accepted. */
      readonly visitorName?: string;
      /** Only when refused because the keypad locked the household's codes (too many wrong codes). */
      readonly reason?: CodeRefusalReason;
    };

/**
 * The event's id, the same however often the event is produced: a ring's is its ring id, so a duplicate S3 event
 * (or a retried workflow state) yields the same id and, per webhook, the same delivery id.
 */
export function webhookEventId(event: WebhookEvent): string {
  return event.event === 'access-code' ? `access-code.${event.attemptId}` : `${event.event}.${event.ringId}`;
}

/** One event to one webhook: its id stays the same across retries, so receivers can drop a repeat. */
export function deliveryId(eventId: string, webhookId: WebhookId): string {
  return `${eventId}.${webhookId}`;
}

/** One delivery to one webhook, as it waits in the queue: the signed-over body is fixed once, retries send it again. */
export interface WebhookDelivery {
  readonly deliveryId: string;
  readonly householdId: HouseholdId;
  readonly webhookId: WebhookId;
  readonly event: WebhookEventName;
  /** The JSON body, exactly as sent (and signed) on every attempt. */
  readonly body: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
}
