import { doorName } from '../domain/announcement';
import type { AnswerRepository } from '../domain/ports/answer-repository';
import type { Clock } from '../domain/ports/clock';
import type { DeviceRepository } from '../domain/ports/device-repository';
import type { PhotoStore } from '../domain/ports/photo-store';
import type { RingRepository } from '../domain/ports/ring-repository';
import type { WebhookQueue } from '../domain/ports/webhook-queue';
import type { WebhookRepository } from '../domain/ports/webhook-repository';
import { isActive, subscribes } from '../domain/webhooks/webhook';
import { deliveryId, webhookEventId, type WebhookEvent } from '../domain/webhooks/webhook-event';
import { accessCodePayload, answerPayload, ringPayload, type WebhookPayload } from '../domain/webhooks/webhook-payload';
import type { RingSettings } from './settings';

export type DispatchResult =
  | { readonly kind: 'dispatched'; readonly deliveries: number }
  | { readonly kind: 'skipped'; readonly reason: 'no-webhooks' | 'ring-not-found' | 'no-answer' };

/**
 * Fans an event out: one delivery per active webhook of the household that subscribed to it, its body built once
 * here (a ring's snapshot link is made now) and sent unchanged by every attempt. Delivery ids are the event's id
 * and the webhook's, so dispatching the same event twice queues nothing new.
 */
export class DispatchWebhookEvent {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly rings: RingRepository,
    private readonly answers: AnswerRepository,
    private readonly devices: DeviceRepository,
    private readonly photos: PhotoStore,
    private readonly queue: WebhookQueue,
    private readonly clock: Clock,
    private readonly settings: Pick<RingSettings, 'snapshotLinkExpiry' | 'answerWindow'>,
  ) {}

  async execute(event: WebhookEvent): Promise<DispatchResult> {
    const targets = (await this.webhooks.listByHousehold(event.householdId)).filter(
      (webhook) => isActive(webhook) && subscribes(webhook, event.event),
    );
    if (targets.length === 0) return { kind: 'skipped', reason: 'no-webhooks' };
    const eventId = webhookEventId(event);
    const payload = await this.payloadOf(event, eventId);
    if (payload.kind === 'skipped') return payload;
    const body = JSON.stringify(payload.payload);
    await Promise.all(
      targets.map((webhook) =>
        this.queue.schedule(
          {
            deliveryId: deliveryId(eventId, webhook.id),
            householdId: event.householdId,
            webhookId: webhook.id,
            event: event.event,
            body,
            attempt: 1,
          },
          0,
        ),
      ),
    );
    return { kind: 'dispatched', deliveries: targets.length };
  }

  private async payloadOf(
    event: WebhookEvent,
    eventId: string,
  ): Promise<{ readonly kind: 'built'; readonly payload: WebhookPayload } | Extract<DispatchResult, { kind: 'skipped' }>> {
    const now = this.clock.now();
    switch (event.event) {
      case 'ring': {
        const ring = await this.rings.get(event.householdId, event.ringId, now);
        if (!ring) return { kind: 'skipped', reason: 'ring-not-found' };
        const [doorbell, snapshotUrl] = await Promise.all([
          this.devices.get(ring.householdId, ring.doorbellId),
          this.photos.snapshotUrl(ring.photoKey, this.settings.snapshotLinkExpiry, ring.photoType),
        ]);
        return { kind: 'built', payload: ringPayload(eventId, ring, doorName(doorbell?.name), snapshotUrl, this.settings.answerWindow) };
      }
      case 'answer': {
        const response = await this.answers.get(event.householdId, event.ringId, now);
        if (response?.kind !== 'answered') return { kind: 'skipped', reason: 'no-answer' };
        return { kind: 'built', payload: answerPayload(eventId, response.answer) };
      }
      case 'access-code':
        return {
          kind: 'built',
          payload: accessCodePayload(eventId, event.householdId, event.at, event.outcome, event.visitorName, event.reason),
        };
    }
  }
}
