/**
 * The webhook queue's consumer (SQS event source): fans events out to the household's webhooks and attempts each
 * delivery, re-sending a failed one with a delay. Off the ring workflow: nothing here can delay or fail a ring.
 * Its environment variables: LAMBDA_ROOTS['deliver-webhooks'] in functions.ts.
 */
import { makeDeliverWebhooksHandler } from '../../adapters/lambda/deliver-webhooks-handler';
import { powertoolsTelemetry } from '../../adapters/lambda/powertools-telemetry';
import { answersTable, devicesTable, dynamoDbModule, ringsTable, webhooksTable } from '../di/aws/dynamodb.module';
import { photosModule } from '../di/aws/photos.module';
import { webhookQueueModule } from '../di/aws/webhook-queue.module';
import { ringSettingsFromEnvironment } from '../di/config';
import { settingsModule } from '../di/settings.module';
import { systemModule } from '../di/system.module';
import { TOKENS } from '../di/tokens';
import { deliverWebhookBinding, dispatchWebhookEventBinding, useCases } from '../di/use-case-bindings';
import { webhooksModule } from '../di/webhooks.module';
import { serviceName } from './service-name';
import { lambdaContainer } from './lambda-container';
import { lambdaEntry } from './lambda-entry';

const telemetry = powertoolsTelemetry(serviceName('deliver-webhooks'));
const container = lambdaContainer(
  settingsModule(ringSettingsFromEnvironment(process.env)),
  systemModule(),
  useCases(dispatchWebhookEventBinding, deliverWebhookBinding),
  dynamoDbModule(process.env, [webhooksTable, ringsTable, answersTable, devicesTable]),
  photosModule(process.env),
  webhookQueueModule(process.env),
  webhooksModule(),
);

export const handler = lambdaEntry(
  telemetry,
  makeDeliverWebhooksHandler({
    dispatch: container.get(TOKENS.DispatchWebhookEvent),
    deliver: container.get(TOKENS.DeliverWebhook),
    telemetry,
  }),
);
