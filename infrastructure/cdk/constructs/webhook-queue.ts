import { Duration } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MAX_DELIVERY_ATTEMPTS } from '../../../domain/webhooks/webhook-policy';
import { deadLetterQueue } from './dead-letter-queue';

/**
 * Where webhook work waits, off the ring workflow: the workflow's sendMessage states queue ring and answer events
 * here. Work that keeps failing (not a receiver that fails: that is the delivery's own retry, by a delayed
 * re-send) moves to the dead-letter queue after a few receives, where an alarm sees it.
 */
export class WebhookQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.deadLetterQueue = deadLetterQueue(this, 'the webhook queue');
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Longer than the delivery function's timeout; the longest retry delay is a message's DelaySeconds (≤ 15 min).
      visibilityTimeout: Duration.minutes(2),
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_DELIVERY_ATTEMPTS },
    });
  }

  /** Queue webhook work (SendMessage only; the queue is SQS-encrypted, so no KMS grant). */
  grantQueueWork(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }));
  }
}
