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
   * Read-modify-write without lost updates: applies `change` to the webhook as stored and stores the result only if
   * nobody stored another version in between; if somebody did, reads it again and applies `change` to that, so two
   * concurrent changes (two delivery attempts counting failures) both count. `change` must be pure: it may run more
   * than once. Never brings a removed webhook back: resolves undefined, storing nothing, when it does not exist;
   * otherwise the webhook as stored.
   * @throws WebhookChangeConflictError when other writers won every one of many tries (never seen under real load).
   */
  modify(householdId: HouseholdId, id: WebhookId, change: (webhook: Webhook) => Webhook): Promise<Webhook | undefined>;
  /** Idempotent: true when it existed and is now removed, false when there was nothing to remove. */
  remove(householdId: HouseholdId, id: WebhookId): Promise<boolean>;
}

/** How many times `modify` reads again after a conflicting write before giving up. */
export const MAX_WEBHOOK_CHANGE_TRIES = 25;

export class WebhookChangeConflictError extends Error {
  constructor(id: WebhookId) {
    super(`webhook ${id} kept changing under ${MAX_WEBHOOK_CHANGE_TRIES} tries to update it`);
    this.name = 'WebhookChangeConflictError';
  }
}
