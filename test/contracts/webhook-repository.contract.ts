import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HouseholdId } from '../../domain/ids';
import type { WebhookRepository } from '../../domain/ports/webhook-repository';
import type { Webhook, WebhookId } from '../../domain/webhooks/webhook';

export function aWebhook(overrides: Partial<Webhook> = {}): Webhook {
  return {
    id: 'wh_1' as WebhookId,
    householdId: 'home' as HouseholdId,
    url: 'https://example.com/hook',
    events: ['ring', 'answer'],
    secret: 'a'.repeat(64),
    createdAt: 1_000,
    consecutiveFailures: 0,
    ...overrides,
  };
}

export function webhookRepositoryContract(name: string, make: () => Promise<WebhookRepository>) {
  describe(`WebhookRepository: ${name}`, () => {
    it('adds a webhook once and returns it whole', async () => {
      const repository = await make();
      const webhook = aWebhook({ lastDelivery: { at: 5, outcome: 'status 500', ok: false }, disabledAt: 6, consecutiveFailures: 15 });
      expect(await repository.add(webhook)).toBe(true);
      expect(await repository.add({ ...webhook, url: 'https://other.example/' })).toBe(false);
      expect(await repository.get(webhook.householdId, webhook.id)).toEqual(webhook);
    });

    it('lists a household oldest first', async () => {
      const repository = await make();
      await repository.add(aWebhook({ id: 'wh_b' as WebhookId, createdAt: 2 }));
      await repository.add(aWebhook({ id: 'wh_a' as WebhookId, createdAt: 3 }));
      await repository.add(aWebhook({ id: 'wh_c' as WebhookId, createdAt: 1 }));
      expect((await repository.listByHousehold('home' as HouseholdId)).map((w) => w.id)).toEqual(['wh_c', 'wh_b', 'wh_a']);
    });

    it('modifies the webhook as stored, and never brings a removed one back', async () => {
      const repository = await make();
      const webhook = aWebhook({ consecutiveFailures: 2 });
      await repository.add(webhook);
      const modified = await repository.modify(webhook.householdId, webhook.id, (stored) => ({
        ...stored,
        consecutiveFailures: stored.consecutiveFailures + 1,
      }));
      expect(modified).toEqual({ ...webhook, consecutiveFailures: 3 });
      expect(await repository.get(webhook.householdId, webhook.id)).toEqual(modified);
      expect(await repository.remove(webhook.householdId, webhook.id)).toBe(true);
      expect(await repository.modify(webhook.householdId, webhook.id, (stored) => ({ ...stored, consecutiveFailures: 4 }))).toBeUndefined();
      expect(await repository.get(webhook.householdId, webhook.id)).toBeUndefined();
    });

    it('loses no change when many modify one webhook at once: every failure is counted', async () => {
      const repository = await make();
      const webhook = aWebhook();
      await repository.add(webhook);
      const writers = 8;
      const results = await Promise.all(
        Array.from({ length: writers }, () =>
          repository.modify(webhook.householdId, webhook.id, (stored) => ({
            ...stored,
            consecutiveFailures: stored.consecutiveFailures + 1,
          })),
        ),
      );
      expect((await repository.get(webhook.householdId, webhook.id))?.consecutiveFailures).toBe(writers);
      // Each writer saw its own count: no two changes were applied to the same stored version.
      expect(results.map((result) => result?.consecutiveFailures).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
        Array.from({ length: writers }, (_, index) => index + 1),
      );
    });

    it('removes idempotently', async () => {
      const repository = await make();
      expect(await repository.remove('home' as HouseholdId, 'wh_none' as WebhookId)).toBe(false);
    });

    it('never lets one household see, change or remove another household’s webhooks', async () => {
      // Household ids drawn as prefixes of one another (h, h1, h10) catch keys that concatenate without a boundary.
      const household = fc.constantFrom('h', 'h1', 'h10', 'h1-0');
      const id = fc.constantFrom('wh_1', 'wh_10', 'wh_2');
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.tuple(household, id), { selector: ([h, i]) => `${h}/${i}`, maxLength: 8 }),
          household,
          async (stored, other) => {
            const repository = await make();
            for (const [h, i] of stored)
              await repository.add(aWebhook({ householdId: h as HouseholdId, id: i as WebhookId, url: `https://${h}.example/${i}` }));
            const listed = await repository.listByHousehold(other as HouseholdId);
            expect(listed.every((webhook) => webhook.householdId === other)).toBe(true);
            expect(listed.map((webhook) => webhook.id).sort()).toEqual(
              stored
                .filter(([h]) => h === other)
                .map(([, i]) => i)
                .sort(),
            );
            for (const [h, i] of stored.filter(([h]) => h !== other)) {
              expect(await repository.get(other as HouseholdId, i as WebhookId).then((w) => w?.url)).not.toBe(`https://${h}.example/${i}`);
            }
          },
        ),
        { numRuns: 15 },
      );
    });
  });
}
