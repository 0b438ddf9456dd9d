import { doorName } from '../domain/announcement';
import { answerDeadline } from '../domain/answer';
import type { HouseholdId, RingId } from '../domain/ids';
import type { Clock } from '../domain/ports/clock';
import type { DeviceRepository } from '../domain/ports/device-repository';
import type { PhotoStore } from '../domain/ports/photo-store';
import type { PushDelivery, PushSender } from '../domain/ports/push-sender';
import type { PushSubscriptionRepository } from '../domain/ports/push-subscription-repository';
import type { RingRepository } from '../domain/ports/ring-repository';
import { ringPushPayload } from '../domain/protocol/push-payload';
import { ringSummary } from '../domain/protocol/server-messages';
import { settleWithConcurrency } from './concurrency';
import type { RingSettings } from './settings';

export type PushRingResult =
  | {
      readonly kind: 'pushed';
      readonly delivered: number;
      /** Subscriptions the push service said are gone (404/410): deleted. */
      readonly pruned: number;
      /** Pushes that failed for another reason; the subscriptions are kept. Origins only: an endpoint is a capability. */
      readonly failed: readonly { readonly origin: string; readonly reason: string }[];
    }
  | { readonly kind: 'skipped'; readonly reason: 'ring-not-found' | 'no-subscriptions' };

/**
 * Pushes an announced ring to every Web Push subscription of its household (the browsers whose page is closed),
 * with bounded concurrency, deleting subscriptions the push service says are gone. It runs after the WebSocket
 * announcement, as its own step, so it can neither delay nor fail the ring: every push outcome is a result, and
 * one failing subscription never stops the others.
 */
export class PushRing {
  constructor(
    private readonly rings: RingRepository,
    private readonly devices: DeviceRepository,
    private readonly photos: PhotoStore,
    private readonly subscriptions: PushSubscriptionRepository,
    private readonly sender: PushSender,
    private readonly clock: Clock,
    private readonly settings: Pick<RingSettings, 'snapshotLinkExpiry' | 'answerWindow' | 'pushConcurrency'>,
  ) {}

  async execute(command: { readonly householdId: HouseholdId; readonly ringId: RingId }): Promise<PushRingResult> {
    const ring = await this.rings.get(command.householdId, command.ringId, this.clock.now());
    if (!ring) return { kind: 'skipped', reason: 'ring-not-found' };
    const subscriptions = await this.subscriptions.listByHousehold(ring.householdId);
    if (subscriptions.length === 0) return { kind: 'skipped', reason: 'no-subscriptions' };

    const [doorbell, snapshotUrl] = await Promise.all([
      this.devices.get(ring.householdId, ring.doorbellId),
      this.photos.snapshotUrl(ring.photoKey, this.settings.snapshotLinkExpiry, ring.photoType),
    ]);
    const payload = JSON.stringify(ringPushPayload(ringSummary(ring, doorName(doorbell?.name), snapshotUrl, this.settings.answerWindow)));
    // Kept while the snapshot link works, and at least through the answer window: after that the message has lost its use.
    const untilAnswered = answerDeadline(ring, this.settings.answerWindow) - this.clock.now();
    const ttlSeconds = Math.max(1, Math.ceil(Math.max(this.settings.snapshotLinkExpiry, untilAnswered) / 1000));
    const options = { ttlSeconds, urgency: 'high', replaceKey: `ring:${ring.householdId}:${ring.id}` } as const;

    const outcomes = await settleWithConcurrency(subscriptions, this.settings.pushConcurrency, async (subscription) => {
      const delivery = await this.sender.send(subscription, payload, options);
      if (delivery.kind === 'gone') await this.subscriptions.remove(subscription.householdId, subscription.endpoint);
      return delivery;
    });

    let delivered = 0;
    let pruned = 0;
    const failed: { origin: string; reason: string }[] = [];
    outcomes.forEach((outcome, index) => {
      const delivery: PushDelivery = outcome.status === 'fulfilled' ? outcome.value : { kind: 'failed', reason: describe(outcome.reason) };
      if (delivery.kind === 'delivered') delivered++;
      else if (delivery.kind === 'gone') pruned++;
      else failed.push({ origin: originOf(subscriptions[index]!.endpoint), reason: delivery.reason });
    });
    return { kind: 'pushed', delivered, pruned, failed };
  }
}

function originOf(endpoint: string): string {
  try {
    return new URL(endpoint).origin;
  } catch {
    return 'unknown';
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
