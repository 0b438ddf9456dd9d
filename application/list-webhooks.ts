import type { HouseholdId } from '../domain/ids';
import type { WebhookRepository } from '../domain/ports/webhook-repository';
import { summaryOf, type WebhookSummary } from '../domain/webhooks/webhook';

/** The household's webhooks, oldest first, without their secrets. */
export class ListWebhooks {
  constructor(private readonly webhooks: WebhookRepository) {}

  async execute(command: { readonly householdId: HouseholdId }): Promise<readonly WebhookSummary[]> {
    return (await this.webhooks.listByHousehold(command.householdId)).map(summaryOf);
  }
}
