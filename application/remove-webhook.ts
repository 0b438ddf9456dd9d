import type { HouseholdId } from '../domain/ids';
import type { WebhookRepository } from '../domain/ports/webhook-repository';
import { isWebhookId } from '../domain/webhooks/webhook';

export type RemoveWebhookResult = { readonly kind: 'removed' } | { readonly kind: 'not-found' };

/** Removes a webhook; deliveries still queued for it are dropped when their turn comes. */
export class RemoveWebhook {
  constructor(private readonly webhooks: WebhookRepository) {}

  async execute(command: { readonly householdId: HouseholdId; readonly webhookId: unknown }): Promise<RemoveWebhookResult> {
    if (!isWebhookId(command.webhookId)) return { kind: 'not-found' };
    return (await this.webhooks.remove(command.householdId, command.webhookId)) ? { kind: 'removed' } : { kind: 'not-found' };
  }
}
