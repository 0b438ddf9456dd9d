import type { HouseholdId } from '../domain/ids';
import type { WebhookRepository } from '../domain/ports/webhook-repository';
import { isWebhookId, summaryOf, type WebhookSummary } from '../domain/webhooks/webhook';
import { reEnabled } from '../domain/webhooks/webhook-policy';

export type EnableWebhookResult = { readonly kind: 'enabled'; readonly webhook: WebhookSummary } | { readonly kind: 'not-found' };

/**
 * Re-enables a webhook that was disabled after consecutive failures (or resets the failures of an active one):
 * events from now on are delivered again. What was dropped while it was disabled is not replayed.
 */
export class EnableWebhook {
  constructor(private readonly webhooks: WebhookRepository) {}

  async execute(command: { readonly householdId: HouseholdId; readonly webhookId: unknown }): Promise<EnableWebhookResult> {
    if (!isWebhookId(command.webhookId)) return { kind: 'not-found' };
    const enabled = await this.webhooks.modify(command.householdId, command.webhookId, reEnabled);
    if (!enabled) return { kind: 'not-found' };
    return { kind: 'enabled', webhook: summaryOf(enabled) };
  }
}
