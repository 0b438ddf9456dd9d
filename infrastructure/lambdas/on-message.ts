/**
 * Device messages on any route (ping, history, requestUpload, answer, verifyCode, the residents' visitors, enroll
 * and forget); replies are pushed to the sender through the management API, an answer also to the rest of the
 * household, and resumes the waiting run.
 * Reads DEVICES_TABLE, RINGS_TABLE, RING_WINDOWS_TABLE, CONNECTIONS_TABLE, ANSWERS_TABLE, ACCESS_CODES_TABLE,
 * VISITORS_TABLE, PHOTOS_BUCKET, CONNECTIONS_API_ENDPOINT, REKOGNITION_COLLECTION_PREFIX and the ring settings (all
 * optional); optional DYNAMODB_ENDPOINT, S3_ENDPOINT, STEP_FUNCTIONS_ENDPOINT, REKOGNITION_ENDPOINT,
 * REKOGNITION_CANDIDATE_FLOOR.
 */
import { makeMessageHandler } from '../../adapters/lambda/message-handler';
import { powertoolsTelemetry } from '../../adapters/lambda/powertools-telemetry';
import { accessCodeCryptoModule } from '../di/access-code-crypto.module';
import { workflowCallbacksModule } from '../di/aws/workflow-callbacks.module';
import { accessCodesTable, answersTable, connectionsTable, devicesTable, dynamoDbModule, ringsTable, ringWindowsTable, visitorsTable } from '../di/aws/dynamodb.module';
import { photosModule } from '../di/aws/photos.module';
import { pushModule } from '../di/aws/push.module';
import { rekognitionModule } from '../di/aws/rekognition.module';
import { ringSettingsFromEnvironment } from '../di/config';
import { settingsModule } from '../di/settings.module';
import { systemModule } from '../di/system.module';
import { TOKENS } from '../di/tokens';
import {
  answerRingBinding,
  enrollBinding,
  forgetBinding,
  listVisitorsBinding,
  requestUploadBinding,
  ringHistoryBinding,
  useCases,
  verifyAccessCodeBinding,
} from '../di/use-case-bindings';
import { serviceName } from './service-name';
import { lambdaContainer } from './lambda-container';
import { lambdaEntry } from './lambda-entry';

const telemetry = powertoolsTelemetry(serviceName('on-message'));
const container = lambdaContainer(
  settingsModule(ringSettingsFromEnvironment(process.env)),
  systemModule(),
  useCases(
    ringHistoryBinding,
    requestUploadBinding,
    answerRingBinding,
    verifyAccessCodeBinding,
    listVisitorsBinding,
    enrollBinding,
    forgetBinding,
  ),
  dynamoDbModule(process.env, [devicesTable, ringsTable, ringWindowsTable, connectionsTable, answersTable, accessCodesTable, visitorsTable]),
  photosModule(process.env),
  pushModule(process.env),
  workflowCallbacksModule(process.env),
  accessCodeCryptoModule(),
  rekognitionModule(process.env),
);

export const handler = lambdaEntry(
  telemetry,
  makeMessageHandler({
    ringHistory: container.get(TOKENS.RingHistory),
    requestUpload: container.get(TOKENS.RequestUpload),
    answerRing: container.get(TOKENS.AnswerRing),
    verifyAccessCode: container.get(TOKENS.VerifyAccessCode),
    notifier: container.get(TOKENS.DeviceNotifier),
    telemetry,
    visitors: { listVisitors: container.get(TOKENS.ListVisitors), enroll: container.get(TOKENS.Enroll), forget: container.get(TOKENS.Forget) },
  }),
);
