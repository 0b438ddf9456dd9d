/**
 * Ring workflow, PushRing state: the announced ring to every Web Push subscription of the household (browsers whose
 * page is closed). A function of its own, so that the WebSocket functions never carry web-push and a push failure
 * cannot touch the ring. Its environment variables: LAMBDA_ROOTS['push-ring'] in functions.ts.
 */
import { makePushRingHandler } from '../../adapters/lambda/push-ring-handler';
import { powertoolsTelemetry } from '../../adapters/lambda/powertools-telemetry';
import { devicesTable, dynamoDbModule, pushSubscriptionsTable, ringsTable } from '../di/aws/dynamodb.module';
import { photosModule } from '../di/aws/photos.module';
import { vapidKeysModule } from '../di/aws/vapid-keys.module';
import { webPushModule } from '../di/aws/web-push.module';
import { ringSettingsFromEnvironment } from '../di/config';
import { settingsModule } from '../di/settings.module';
import { systemModule } from '../di/system.module';
import { TOKENS } from '../di/tokens';
import { pushRingBinding, useCases } from '../di/use-case-bindings';
import { lambdaContainer } from './lambda-container';
import { lambdaEntry } from './lambda-entry';
import { serviceName } from './service-name';

const telemetry = powertoolsTelemetry(serviceName('push-ring'));
const container = lambdaContainer(
  settingsModule(ringSettingsFromEnvironment(process.env)),
  systemModule(),
  useCases(pushRingBinding),
  dynamoDbModule(process.env, [ringsTable, devicesTable, pushSubscriptionsTable]),
  photosModule(process.env),
  vapidKeysModule(process.env, { generate: false }),
  webPushModule(process.env),
);

export const handler = lambdaEntry(telemetry, makePushRingHandler({ pushRing: container.get(TOKENS.PushRing), telemetry }));
