import type { Clock } from '../domain/ports/clock';
import type { RandomSource } from '../domain/ports/random-source';
import type { WebhookQueue } from '../domain/ports/webhook-queue';
import type { WebhookRepository } from '../domain/ports/webhook-repository';
import { failureText, type WebhookSender } from '../domain/ports/webhook-sender';
import { isActive } from '../domain/webhooks/webhook';
import type { WebhookDelivery } from '../domain/webhooks/webhook-event';
import { afterAttempt, nextStep, type AttemptResult } from '../domain/webhooks/webhook-policy';

export type DeliverResult =
  | { readonly kind: 'delivered'; readonly status: number }
  | { readonly kind: 'retry-scheduled'; readonly outcome: string; readonly delay: number }
  | { readonly kind: 'given-up'; readonly outcome: string; readonly reason: 'attempts-exhausted' | 'webhook-disabled' }
  | { readonly kind: 'dropped'; readonly reason: 'webhook-removed' | 'webhook-disabled' };

/**
 * One attempt of one delivery: signed and sent, the webhook's failure count updated (a success resets it; enough
 * consecutive failures disable it), and on failure the next attempt queued after the policy's backoff, until the
 * attempts run out. A delivery for a removed or disabled webhook is dropped unsent.
 */
export class DeliverWebhook {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly sender: WebhookSender,
    private readonly queue: WebhookQueue,
    private readonly clock: Clock,
    private readonly random: RandomSource,
  ) {}

  async execute(delivery: WebhookDelivery): Promise<DeliverResult> {
    const webhook = await this.webhooks.get(delivery.householdId, delivery.webhookId);
    if (!webhook) return { kind: 'dropped', reason: 'webhook-removed' };
    if (!isActive(webhook)) return { kind: 'dropped', reason: 'webhook-disabled' };

    const now = this.clock.now();
    const sent = await this.sender.send({
      url: webhook.url,
      secret: webhook.secret,
      deliveryId: delivery.deliveryId,
      event: delivery.event,
      body: delivery.body,
      timestamp: Math.floor(now / 1000),
    });
    const result: AttemptResult = sent.kind === 'delivered' ? { ok: true } : { ok: false, outcome: failureText(sent.failure) };
    const at = this.clock.now();
    // Counted on the webhook as stored now, not as read before sending: another attempt may have counted meanwhile.
    const after = await this.webhooks.modify(webhook.householdId, webhook.id, (current) => afterAttempt(current, result, at));
    // Removed meanwhile: nothing to record, and nothing more to try.
    if (!after) return { kind: 'dropped', reason: 'webhook-removed' };

    const step = nextStep(delivery.attempt, result, after, this.random.fraction());
    if (sent.kind === 'delivered') return { kind: 'delivered', status: sent.status };
    const outcome = failureText(sent.failure);
    if (step.kind === 'retry') {
      await this.queue.schedule({ ...delivery, attempt: delivery.attempt + 1 }, step.delay);
      return { kind: 'retry-scheduled', outcome, delay: step.delay };
    }
    return { kind: 'given-up', outcome, reason: step.kind === 'give-up' ? step.reason : 'attempts-exhausted' };
  }
}
