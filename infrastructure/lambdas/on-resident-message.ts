/**
 * The residents' messages (history, answer, visitors, enroll, forget, the webhook and Web Push actions; see message-routes.ts): replies are pushed to
 * the sender through the management API, an answer also to the rest of the household, and resumes the waiting run.
 * Its environment variables: LAMBDA_ROOTS['on-resident-message'] in functions.ts.
 */
import { powertoolsTelemetry } from '../../adapters/lambda/powertools-telemetry';
import { workflowCallbacksModule } from '../di/aws/workflow-callbacks.module';
import {
  answersTable,
  connectionsTable,
  devicesTable,
  dynamoDbModule,
  pushSubscriptionsTable,
  ringsTable,
  visitorsTable,
  webhooksTable,
} from '../di/aws/dynamodb.module';
import { vapidKeysModule } from '../di/aws/vapid-keys.module';
import { webhooksModule } from '../di/webhooks.module';
import { photosModule } from '../di/aws/photos.module';
import { pushModule } from '../di/aws/push.module';
import { faceRecognizerModule } from '../di/aws/face-recognizer.module';
import { ringSettingsFromEnvironment } from '../di/config';
import { settingsModule } from '../di/settings.module';
import { systemModule } from '../di/system.module';
import {
  answerRingBinding,
  enrollBinding,
  forgetBinding,
  getPushKeyBinding,
  listPushSubscriptionsBinding,
  listVisitorsBinding,
  ringHistoryBinding,
  subscribePushBinding,
  unsubscribePushBinding,
  useCases,
  listWebhooksBinding,
  addWebhookBinding,
  removeWebhookBinding,
  enableWebhookBinding,
} from '../di/use-case-bindings';
import { serviceName } from './service-name';
import { lambdaContainer } from './lambda-container';
import { lambdaEntry } from './lambda-entry';
import { residentMessages } from './message-handlers';

const telemetry = powertoolsTelemetry(serviceName('on-resident-message'));
const container = lambdaContainer(
  settingsModule(ringSettingsFromEnvironment(process.env)),
  systemModule(),
  useCases(
    ringHistoryBinding,
    answerRingBinding,
    listVisitorsBinding,
    enrollBinding,
    forgetBinding,
    listWebhooksBinding,
    addWebhookBinding,
    removeWebhookBinding,
    enableWebhookBinding,
    getPushKeyBinding,
    subscribePushBinding,
    unsubscribePushBinding,
    listPushSubscriptionsBinding,
  ),
  dynamoDbModule(process.env, [
    devicesTable,
    ringsTable,
    connectionsTable,
    answersTable,
    visitorsTable,
    webhooksTable,
    pushSubscriptionsTable,
  ]),
  webhooksModule(),
  // The first resident to turn notifications on makes the deployment's VAPID keys (see the key store).
  vapidKeysModule(process.env, { generate: true }),
  photosModule(process.env),
  pushModule(process.env),
  workflowCallbacksModule(process.env),
  faceRecognizerModule(process.env),
);

export const handler = lambdaEntry(telemetry, residentMessages(container, telemetry));
