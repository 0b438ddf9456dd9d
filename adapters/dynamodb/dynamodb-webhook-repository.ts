import { householdId, type HouseholdId } from '../../domain/ids';
import { MAX_WEBHOOK_CHANGE_TRIES, WebhookChangeConflictError, type WebhookRepository } from '../../domain/ports/webhook-repository';
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
 * like the others). Creates and changes are conditional: a change never brings a removed webhook back, and it is a
 * compare-and-set on the item's `revision` (bumped by every change), re-read and re-applied when another write won.
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

  async modify(household: HouseholdId, id: WebhookId, change: (webhook: Webhook) => Webhook): Promise<Webhook | undefined> {
    for (let tries = 0; tries < MAX_WEBHOOK_CHANGE_TRIES; tries++) {
      const item = await this.getItem({ householdId: household, webhookId: id });
      if (!item) return undefined;
      // Items written before revisions were kept have none: revision 0.
      const revision = ItemFields.of(item, WEBHOOKS_TABLE, this.tableName).optionalNumber('revision');
      const changed = { ...change(this.webhookFrom(item)), householdId: household, id };
      const stored = await writtenUnlessConditionFails(
        this.putItem(
          { ...webhookToItem(changed), revision: (revision ?? 0) + 1 },
          revision === undefined
            ? { ConditionExpression: 'attribute_exists(webhookId) AND attribute_not_exists(revision)' }
            : { ConditionExpression: 'revision = :revision', ExpressionAttributeValues: { ':revision': revision } },
        ),
      );
      if (stored) return changed;
    }
    throw new WebhookChangeConflictError(id);
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
