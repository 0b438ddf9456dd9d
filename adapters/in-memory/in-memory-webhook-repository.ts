import type { HouseholdId } from '../../domain/ids';
import type { WebhookRepository } from '../../domain/ports/webhook-repository';
import type { Webhook, WebhookId } from '../../domain/webhooks/webhook';
import { copy } from './copy';

export class InMemoryWebhookRepository implements WebhookRepository {
  private readonly webhooks = new Map<string, Webhook>();

  async add(webhook: Webhook): Promise<boolean> {
    const key = storageKey(webhook.householdId, webhook.id);
    if (this.webhooks.has(key)) return false;
    this.webhooks.set(key, copy(webhook));
    return true;
  }

  async get(householdId: HouseholdId, id: WebhookId): Promise<Webhook | undefined> {
    const webhook = this.webhooks.get(storageKey(householdId, id));
    return webhook && copy(webhook);
  }

  async listByHousehold(householdId: HouseholdId): Promise<readonly Webhook[]> {
    return [...this.webhooks.values()]
      .filter((webhook) => webhook.householdId === householdId)
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(copy);
  }

  // Read, change and write happen in one turn of the event loop: no other change can come in between.
  async modify(householdId: HouseholdId, id: WebhookId, change: (webhook: Webhook) => Webhook): Promise<Webhook | undefined> {
    const key = storageKey(householdId, id);
    const stored = this.webhooks.get(key);
    if (!stored) return undefined;
    const changed = copy({ ...change(copy(stored)), householdId, id });
    this.webhooks.set(key, changed);
    return copy(changed);
  }

  async remove(householdId: HouseholdId, id: WebhookId): Promise<boolean> {
    return this.webhooks.delete(storageKey(householdId, id));
  }
}

function storageKey(householdId: HouseholdId, id: WebhookId): string {
  return `${householdId}/${id}`;
}
