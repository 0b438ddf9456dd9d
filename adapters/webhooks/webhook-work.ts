import * as v from 'valibot';
import { householdId, ringId } from '../../domain/ids';
import { CODE_REFUSAL_REASONS } from '../../domain/protocol/server-messages';
import { isWebhookId, WEBHOOK_EVENTS, type WebhookId } from '../../domain/webhooks/webhook';
import type { WebhookDelivery, WebhookEvent } from '../../domain/webhooks/webhook-event';
import { VALUE_FREE_MESSAGES } from '../validation/issues';

/**
 * What waits in a webhook queue, as JSON (an SQS message body, the local queue's file): an event to fan out, or
 * one delivery attempt. The workflow's sendMessage states write `{kind: "event", event}` themselves.
 */
export type WebhookWork =
  | { readonly kind: 'event'; readonly event: WebhookEvent }
  | { readonly kind: 'delivery'; readonly delivery: WebhookDelivery };

const id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.\-:]{1,128}$/));
const household = v.pipe(
  id,
  v.transform((value: string) => householdId(value)),
);
const ring = v.pipe(
  id,
  v.transform((value: string) => ringId(value)),
);

const eventSchema = v.variant('event', [
  v.object({ event: v.literal('ring'), householdId: household, ringId: ring }),
  v.object({ event: v.literal('answer'), householdId: household, ringId: ring }),
  v.object({
    event: v.literal('access-code'),
    householdId: household,
    attemptId: id,
    at: v.number(),
    outcome: v.picklist(['accepted', 'refused']),
    visitorName: v.optional(v.string()),
    reason: v.optional(v.picklist(CODE_REFUSAL_REASONS)),
  }),
]);

const workSchema = v.variant('kind', [
  v.object({ kind: v.literal('event'), event: eventSchema }),
  v.object({
    kind: v.literal('delivery'),
    delivery: v.object({
      deliveryId: v.pipe(v.string(), v.maxLength(400)),
      householdId: household,
      webhookId: v.pipe(
        v.string(),
        v.check((value: string) => isWebhookId(value)),
        v.transform((value) => value as WebhookId),
      ),
      event: v.picklist(WEBHOOK_EVENTS),
      body: v.string(),
      attempt: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
    }),
  }),
]);

/** The work in `value` (parsed JSON), or why it is not. */
export function parseWebhookWork(value: unknown): { ok: true; work: WebhookWork } | { ok: false; reason: string } {
  const result = v.safeParse(workSchema, value, VALUE_FREE_MESSAGES);
  if (!result.success) return { ok: false, reason: result.issues.map((issue) => issue.message).join('; ') };
  return { ok: true, work: result.output as WebhookWork };
}
