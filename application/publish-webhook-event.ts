import type { WebhookQueue } from '../domain/ports/webhook-queue';
import type { WebhookEvent } from '../domain/webhooks/webhook-event';

export type PublishResult = { readonly kind: 'queued' } | { readonly kind: 'not-queued'; readonly error: string };

/**
 * Queues an event for the household's webhooks, best effort: a queue that fails is reported, never thrown, so a
 * webhook can never fail or hold up what produced the event (a ring, an answer, a keypad).
 */
export class PublishWebhookEvent {
  constructor(private readonly queue: WebhookQueue) {}

  async execute(event: WebhookEvent): Promise<PublishResult> {
    try {
      await this.queue.publish(event);
      return { kind: 'queued' };
    } catch (error) {
      return { kind: 'not-queued', error: error instanceof Error ? error.name : 'unknown' };
    }
  }
}
