import type { HouseholdId } from '../domain/ids';
import type { Clock } from '../domain/ports/clock';
import type { IdGenerator } from '../domain/ports/id-generator';
import type { SecretGenerator } from '../domain/ports/secret-generator';
import type { WebhookRepository } from '../domain/ports/webhook-repository';
import {
  MAX_WEBHOOKS_PER_HOUSEHOLD,
  parseWebhookEvents,
  parseWebhookUrl,
  summaryOf,
  type Webhook,
  type WebhookId,
  type WebhookSummary,
} from '../domain/webhooks/webhook';

export interface AddWebhookCommand {
  readonly householdId: HouseholdId;
  /** As the owner typed them. */
  readonly url: unknown;
  /** Absent: every event. */
  readonly events?: unknown;
}

export type AddWebhookResult =
  | {
      readonly kind: 'added';
      readonly webhook: WebhookSummary;
      /** The signing secret: returned here once, never listed again. */
      readonly secret: string;
    }
  | { readonly kind: 'rejected'; readonly reason: string };

/** Adds a webhook to a household: an http(s) URL, the events it wants, a fresh signing secret (shown once). */
export class AddWebhook {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly secrets: SecretGenerator,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: AddWebhookCommand): Promise<AddWebhookResult> {
    const url = parseWebhookUrl(command.url);
    if (!url.ok) return { kind: 'rejected', reason: url.reason };
    const events = parseWebhookEvents(command.events);
    if (!events.ok) return { kind: 'rejected', reason: events.reason };
    const existing = await this.webhooks.listByHousehold(command.householdId);
    if (existing.length >= MAX_WEBHOOKS_PER_HOUSEHOLD) {
      return { kind: 'rejected', reason: `a household has at most ${MAX_WEBHOOKS_PER_HOUSEHOLD} webhooks; remove one first` };
    }
    const webhook: Webhook = {
      id: `wh_${this.ids.next()}` as WebhookId,
      householdId: command.householdId,
      url: url.value,
      events: events.value,
      secret: this.secrets.next(),
      createdAt: this.clock.now(),
      consecutiveFailures: 0,
    };
    if (!(await this.webhooks.add(webhook))) return { kind: 'rejected', reason: 'a webhook with that id exists; try again' };
    return { kind: 'added', webhook: summaryOf(webhook), secret: webhook.secret };
  }
}
