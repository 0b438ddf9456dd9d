import type { WebhookQueue } from '../../domain/ports/webhook-queue';
import type { Duration } from '../../domain/time';
import type { WebhookDelivery, WebhookEvent } from '../../domain/webhooks/webhook-event';
import { copy } from './copy';

/** Keeps what was queued, runs nothing: for tests that check what a use case queues. */
export class RecordingWebhookQueue implements WebhookQueue {
  readonly events: WebhookEvent[] = [];
  readonly deliveries: { readonly delivery: WebhookDelivery; readonly delay: Duration }[] = [];

  async publish(event: WebhookEvent): Promise<void> {
    this.events.push(copy(event));
  }

  async schedule(delivery: WebhookDelivery, delay: Duration): Promise<void> {
    const waiting = this.deliveries.some(
      (queued) => queued.delivery.deliveryId === delivery.deliveryId && queued.delivery.attempt === delivery.attempt,
    );
    if (!waiting) this.deliveries.push({ delivery: copy(delivery), delay });
  }
}
