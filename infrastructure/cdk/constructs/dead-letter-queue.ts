import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from '../acknowledge';

/**
 * A dead-letter queue (`DeadLetterQueue` in `scope`): encrypted, TLS-only, kept 14 days, which SQS allows at most,
 * so an operator alerted by its alarm has time to look. `of` names what it catches, for the cdk-nag acknowledgement.
 */
export function deadLetterQueue(scope: Construct, of: string): Queue {
  const queue = new Queue(scope, 'DeadLetterQueue', {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledge(queue, 'AwsSolutions-SQS3', `This queue is itself the dead-letter queue of ${of}; a message here raises an alarm.`);
  return queue;
}
