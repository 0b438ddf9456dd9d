/**
 * The residents' messages (history, answer, visitors, enroll, forget; see message-routes.ts): replies are pushed to
 * the sender through the management API, an answer also to the rest of the household, and resumes the waiting run.
 * Reads DEVICES_TABLE, RINGS_TABLE, CONNECTIONS_TABLE, ANSWERS_TABLE, VISITORS_TABLE, PHOTOS_BUCKET,
 * CONNECTIONS_API_ENDPOINT, REKOGNITION_COLLECTION_PREFIX and the ring settings (all optional); optional
 * DYNAMODB_ENDPOINT, S3_ENDPOINT, STEP_FUNCTIONS_ENDPOINT, REKOGNITION_ENDPOINT, REKOGNITION_CANDIDATE_FLOOR;
 * FACE_RECOGNIZER=model: the face model instead of Rekognition, with FACE_DESCRIPTORS_TABLE.
 */
import { makeMessageHandler } from '../../adapters/lambda/message-handler';
import { powertoolsTelemetry } from '../../adapters/lambda/powertools-telemetry';
import { workflowCallbacksModule } from '../di/aws/workflow-callbacks.module';
import { answersTable, connectionsTable, devicesTable, dynamoDbModule, ringsTable, visitorsTable } from '../di/aws/dynamodb.module';
import { photosModule } from '../di/aws/photos.module';
import { pushModule } from '../di/aws/push.module';
import { faceRecognizerModule } from '../di/aws/face-recognizer.module';
import { ringSettingsFromEnvironment } from '../di/config';
import { settingsModule } from '../di/settings.module';
import { systemModule } from '../di/system.module';
import { TOKENS } from '../di/tokens';
import {
  answerRingBinding,
  enrollBinding,
  forgetBinding,
  listVisitorsBinding,
  ringHistoryBinding,
  useCases,
} from '../di/use-case-bindings';
import { serviceName } from './service-name';
import { lambdaContainer } from './lambda-container';
import { lambdaEntry } from './lambda-entry';

const telemetry = powertoolsTelemetry(serviceName('on-resident-message'));
const container = lambdaContainer(
  settingsModule(ringSettingsFromEnvironment(process.env)),
  systemModule(),
  useCases(ringHistoryBinding, answerRingBinding, listVisitorsBinding, enrollBinding, forgetBinding),
  dynamoDbModule(process.env, [devicesTable, ringsTable, connectionsTable, answersTable, visitorsTable]),
  photosModule(process.env),
  pushModule(process.env),
  workflowCallbacksModule(process.env),
  faceRecognizerModule(process.env),
);

export const handler = lambdaEntry(
  telemetry,
  makeMessageHandler({
    ringHistory: container.get(TOKENS.RingHistory),
    answerRing: container.get(TOKENS.AnswerRing),
    visitors: {
      listVisitors: container.get(TOKENS.ListVisitors),
      enroll: container.get(TOKENS.Enroll),
      forget: container.get(TOKENS.Forget),
    },
    notifier: container.get(TOKENS.DeviceNotifier),
    telemetry,
  }),
);
