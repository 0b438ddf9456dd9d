/**
 * The doorbells' messages (requestUpload, verifyCode; see message-routes.ts): the reply is pushed to the sender
 * through the management API. Nothing here can read a visitor, a face or the history.
 * Its environment variables: LAMBDA_ROOTS['on-doorbell-message'] in functions.ts.
 */
import { powertoolsTelemetry } from '../../adapters/lambda/powertools-telemetry';
import { accessCodeCryptoModule } from '../di/access-code-crypto.module';
import { accessCodesTable, dynamoDbModule, ringWindowsTable } from '../di/aws/dynamodb.module';
import { photosModule } from '../di/aws/photos.module';
import { pushModule } from '../di/aws/push.module';
import { webhookQueueModule } from '../di/aws/webhook-queue.module';
import { ringSettingsFromEnvironment } from '../di/config';
import { settingsModule } from '../di/settings.module';
import { systemModule } from '../di/system.module';
import { requestUploadBinding, useCases, verifyAccessCodeBinding } from '../di/use-case-bindings';
import { serviceName } from './service-name';
import { lambdaContainer } from './lambda-container';
import { lambdaEntry } from './lambda-entry';
import { doorbellMessages } from './message-handlers';

const telemetry = powertoolsTelemetry(serviceName('on-doorbell-message'));
const container = lambdaContainer(
  settingsModule(ringSettingsFromEnvironment(process.env)),
  systemModule(),
  useCases(requestUploadBinding, verifyAccessCodeBinding),
  dynamoDbModule(process.env, [ringWindowsTable, accessCodesTable]),
  photosModule(process.env),
  pushModule(process.env),
  accessCodeCryptoModule(),
  webhookQueueModule(process.env),
);

export const handler = lambdaEntry(telemetry, doorbellMessages(container, telemetry));
