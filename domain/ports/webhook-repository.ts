import type { HouseholdId } from '../ids';
import type { Webhook, WebhookId } from '../webhooks/webhook';

/** The webhooks of every household, secrets included (they sign deliveries). */
export interface WebhookRepository {
  /** Conditional create: stores the webhook unless the household already has one with its id. True when stored. */
  add(webhook: Webhook): Promise<boolean>;
  /** The webhook if stored; never another household's. */
  get(householdId: HouseholdId, id: WebhookId): Promise<Webhook | undefined>;
  /** The household's webhooks, oldest first (ties by id); never another household's. */
  listByHousehold(householdId: HouseholdId): Promise<readonly Webhook[]>;
  /**
   * Replaces a stored webhook (same household and id). Never brings a removed webhook back: resolves false, storing
   * nothing, when it does not exist; true when stored.
   */
  update(webhook: Webhook): Promise<boolean>;
  /** Idempotent: true when it existed and is now removed, false when there was nothing to remove. */
  remove(householdId: HouseholdId, id: WebhookId): Promise<boolean>;
}
