import { householdId, type HouseholdId } from '../../domain/ids';
import type { WebhookRepository } from '../../domain/ports/webhook-repository';
import { isWebhookId, WEBHOOK_EVENTS, type LastDelivery, type Webhook, type WebhookId } from '../../domain/webhooks/webhook';
import { writtenUnlessConditionFails } from './conditional-write';
import { DynamoDbTable } from './dynamodb-table';
import { ItemFields } from './item-fields';
import { queryAll, type Item } from './pages';
import { WEBHOOKS_TABLE } from './table-definitions';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';

const parseWebhookId = (value: unknown): WebhookId => {
  if (!isWebhookId(value)) throw new TypeError('not a webhook id');
  return value;
};

/**
 * Webhooks keyed by household and webhook id, secret included (it signs deliveries; the table is encrypted at rest
 * like the others). Creates and updates are conditional, so an update never brings a removed webhook back.
 */
export class DynamoDbWebhookRepository extends DynamoDbTable implements WebhookRepository {
  async add(webhook: Webhook): Promise<boolean> {
    return writtenUnlessConditionFails(this.putItem(webhookToItem(webhook), { ConditionExpression: 'attribute_not_exists(webhookId)' }));
  }

  async get(household: HouseholdId, id: WebhookId): Promise<Webhook | undefined> {
    const item = await this.getItem({ householdId: household, webhookId: id });
    return item && this.webhookFrom(item);
  }

  async listByHousehold(household: HouseholdId): Promise<readonly Webhook[]> {
    const items = await queryAll(this.client, this.householdPartition(household));
    return items
      .map((item) => this.webhookFrom(item))
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async update(webhook: Webhook): Promise<boolean> {
    return writtenUnlessConditionFails(this.putItem(webhookToItem(webhook), { ConditionExpression: 'attribute_exists(webhookId)' }));
  }

  async remove(household: HouseholdId, id: WebhookId): Promise<boolean> {
    return writtenUnlessConditionFails(
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { householdId: household, webhookId: id },
          ConditionExpression: 'attribute_exists(webhookId)',
        }),
      ),
    );
  }

  private webhookFrom(item: Item): Webhook {
    const fields = ItemFields.of(item, WEBHOOKS_TABLE, this.tableName);
    const disabledAt = fields.optionalNumber('disabledAt');
    const last = fields.optionalMap('lastDelivery');
    const lastDelivery: LastDelivery | undefined = last && {
      at: last.number('at'),
      outcome: last.string('outcome'),
      ok: last.boolean('ok'),
    };
    return {
      id: fields.id('webhookId', parseWebhookId),
      householdId: fields.id('householdId', householdId),
      url: fields.string('url'),
      events: fields.ids('events', (value) => {
        if (!(WEBHOOK_EVENTS as readonly unknown[]).includes(value)) throw new TypeError('not a webhook event');
        return value as Webhook['events'][number];
      }),
      secret: fields.string('secret'),
      createdAt: fields.number('createdAt'),
      consecutiveFailures: fields.number('consecutiveFailures'),
      ...(disabledAt !== undefined && { disabledAt }),
      ...(lastDelivery !== undefined && { lastDelivery }),
    };
  }
}

function webhookToItem(webhook: Webhook): Item {
  return {
    householdId: webhook.householdId,
    webhookId: webhook.id,
    url: webhook.url,
    events: [...webhook.events],
    secret: webhook.secret,
    createdAt: webhook.createdAt,
    consecutiveFailures: webhook.consecutiveFailures,
    ...(webhook.disabledAt !== undefined && { disabledAt: webhook.disabledAt }),
    ...(webhook.lastDelivery !== undefined && { lastDelivery: { ...webhook.lastDelivery } }),
  };
}
