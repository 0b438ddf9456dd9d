import { SQSClient } from '@aws-sdk/client-sqs';
import { ContainerModule } from 'inversify';
import { SqsWebhookQueue } from '../../../adapters/sqs/sqs-webhook-queue';
import { env, readEnvironment, type Environment } from '../config';
import { TOKENS } from '../tokens';

/** The webhook queue on SQS (`WEBHOOK_QUEUE_URL`); `SQS_ENDPOINT` points it elsewhere (tests). */
export function webhookQueueModule(environment: Environment): ContainerModule {
  const { WEBHOOK_QUEUE_URL, SQS_ENDPOINT } = readEnvironment(environment, {
    WEBHOOK_QUEUE_URL: env.url(),
    SQS_ENDPOINT: env.optionalUrl(),
  });
  const client = new SQSClient(SQS_ENDPOINT ? { endpoint: SQS_ENDPOINT } : {});
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.WebhookQueue).toConstantValue(new SqsWebhookQueue({ client, queueUrl: String(WEBHOOK_QUEUE_URL) }));
  });
}
