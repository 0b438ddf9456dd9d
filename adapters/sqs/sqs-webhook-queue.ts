import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { WebhookQueue } from '../../domain/ports/webhook-queue';
import type { Duration } from '../../domain/time';
import type { WebhookDelivery, WebhookEvent } from '../../domain/webhooks/webhook-event';
import type { WebhookWork } from '../webhooks/webhook-work';

/** SQS holds a message back at most 15 minutes (DelaySeconds ≤ 900); the policy's longest delay is that too. */
export const MAX_SQS_DELAY_SECONDS = 900;

export interface SqsWebhookQueueOptions {
  readonly client: SQSClient;
  readonly queueUrl: string;
}

/**
 * The deployed webhook queue: each piece of work is one SQS message (`WebhookWork` as JSON, the shape the ring
 * workflow's sendMessage states write too), a retry a message sent again with `DelaySeconds`. SQS is at least once:
 * a repeat carries the same `Doorbell-Webhook-Id`, which receivers use to drop it.
 */
export class SqsWebhookQueue implements WebhookQueue {
  constructor(private readonly options: SqsWebhookQueueOptions) {}

  async publish(event: WebhookEvent): Promise<void> {
    await this.send({ kind: 'event', event }, 0);
  }

  async schedule(delivery: WebhookDelivery, delay: Duration): Promise<void> {
    await this.send({ kind: 'delivery', delivery }, delay);
  }

  private async send(work: WebhookWork, delay: Duration): Promise<void> {
    const DelaySeconds = Math.min(MAX_SQS_DELAY_SECONDS, Math.max(0, Math.ceil(delay / 1000)));
    await this.options.client.send(
      new SendMessageCommand({ QueueUrl: this.options.queueUrl, MessageBody: JSON.stringify(work), DelaySeconds }),
    );
  }
}
