/**
 * Device messages on any route (ping, history, requestUpload; answer and verifyCode come later); replies are
 * pushed to the sender through the management API.
 * Reads DEVICES_TABLE, RINGS_TABLE, RING_WINDOWS_TABLE, PHOTOS_BUCKET, CONNECTIONS_API_ENDPOINT and the ring
 * settings (MATCH_THRESHOLD, DEBOUNCE_SECONDS, RETENTION_DAYS, SNAPSHOT_LINK_SECONDS, UPLOAD_LINK_SECONDS,
 * PUSH_CONCURRENCY, all optional); optional DYNAMODB_ENDPOINT, S3_ENDPOINT.
 */
import { makeMessageHandler } from '../../adapters/lambda/message-handler';
import { powertoolsTelemetry } from '../../adapters/lambda/powertools-telemetry';
import { dynamoDbModule } from '../di/aws/dynamodb.module';
import { photosModule } from '../di/aws/photos.module';
import { pushModule } from '../di/aws/push.module';
import { ringSettingsFromEnvironment } from '../di/config';
import { settingsModule } from '../di/settings.module';
import { systemModule } from '../di/system.module';
import { TOKENS } from '../di/tokens';
import { useCasesModule } from '../di/use-cases.module';
import { LAMBDA_ROOTS } from './functions';
import { lambdaContainer } from './lambda-container';
import { lambdaEntry } from './lambda-entry';

const telemetry = powertoolsTelemetry(LAMBDA_ROOTS['on-message'].serviceName);
const container = lambdaContainer(
  settingsModule(ringSettingsFromEnvironment(process.env)),
  systemModule(),
  useCasesModule,
  dynamoDbModule(process.env, ['devices', 'rings', 'ringWindows']),
  photosModule(process.env),
  pushModule(process.env),
);

export const handler = lambdaEntry(
  telemetry,
  makeMessageHandler({
    ringHistory: container.get(TOKENS.RingHistory),
    requestUpload: container.get(TOKENS.RequestUpload),
    notifier: container.get(TOKENS.DeviceNotifier),
    telemetry,
  }),
);
