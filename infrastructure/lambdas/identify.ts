/**
 * Ring workflow, Identify and RecordUnidentifiedRing states: an S3 "Object Created" event → a recorded ring.
 * Its environment variables: LAMBDA_ROOTS['identify'] in functions.ts.
 */
import { makeIdentifyHandler } from '../../adapters/lambda/identify-handler';
import { powertoolsTelemetry } from '../../adapters/lambda/powertools-telemetry';
import { dynamoDbModule, ringsTable, visitorsTable } from '../di/aws/dynamodb.module';
import { photosModule } from '../di/aws/photos.module';
import { faceRecognizerModule } from '../di/aws/face-recognizer.module';
import { ringSettingsFromEnvironment } from '../di/config';
import { settingsModule } from '../di/settings.module';
import { systemModule } from '../di/system.module';
import { TOKENS } from '../di/tokens';
import { identifyBinding, recordUnidentifiedRingBinding, useCases } from '../di/use-case-bindings';
import { serviceName } from './service-name';
import { lambdaContainer } from './lambda-container';
import { lambdaEntry } from './lambda-entry';

const telemetry = powertoolsTelemetry(serviceName('identify'));
const container = lambdaContainer(
  settingsModule(ringSettingsFromEnvironment(process.env)),
  systemModule(),
  useCases(identifyBinding, recordUnidentifiedRingBinding),
  dynamoDbModule(process.env, [ringsTable, visitorsTable]),
  photosModule(process.env),
  faceRecognizerModule(process.env),
);

export const handler = lambdaEntry(
  telemetry,
  makeIdentifyHandler({
    identify: container.get(TOKENS.Identify),
    recordUnidentified: container.get(TOKENS.RecordUnidentifiedRing),
    telemetry,
  }),
);
