import type { Duration } from '../time';
import type { WebhookDelivery, WebhookEvent } from '../webhooks/webhook-event';

/**
 * Where webhook work waits, apart from the ring: locally an in-process queue (durable with `--data`), deployed an
 * SQS queue. Whoever consumes it runs DispatchWebhookEvent for events and DeliverWebhook for deliveries.
 */
export interface WebhookQueue {
  /** Queues an event for fan-out to the household's webhooks; returns once queued, never waits for a delivery. */
  publish(event: WebhookEvent): Promise<void>;
  /**
   * Queues one delivery attempt, to run no sooner than `delay` from now. Scheduling the same delivery id and
   * attempt again while it waits changes nothing (a duplicate event delivers once).
   */
  schedule(delivery: WebhookDelivery, delay: Duration): Promise<void>;
}
