/**
 * Ring workflow, Announce and IssueAccessCodes states: pushes the ring to every device of the household, then
 * a one-time code per trusted visitor to its residents.
 * Its environment variables: LAMBDA_ROOTS['announce'] in functions.ts.
 */
import { makeAnnounceHandler } from '../../adapters/lambda/announce-handler';
import { powertoolsTelemetry } from '../../adapters/lambda/powertools-telemetry';
import { accessCodeCryptoModule } from '../di/access-code-crypto.module';
import { accessCodesTable, connectionsTable, devicesTable, dynamoDbModule, ringsTable } from '../di/aws/dynamodb.module';
import { photosModule } from '../di/aws/photos.module';
import { pushModule } from '../di/aws/push.module';
import { ringSettingsFromEnvironment } from '../di/config';
import { settingsModule } from '../di/settings.module';
import { systemModule } from '../di/system.module';
import { TOKENS } from '../di/tokens';
import { announceBinding, issueAccessCodeBinding, useCases } from '../di/use-case-bindings';
import { serviceName } from './service-name';
import { lambdaContainer } from './lambda-container';
import { lambdaEntry } from './lambda-entry';
import { resolveOnUse } from './resolve-on-use';

const telemetry = powertoolsTelemetry(serviceName('announce'));
const container = lambdaContainer(
  settingsModule(ringSettingsFromEnvironment(process.env)),
  systemModule(),
  useCases(announceBinding, issueAccessCodeBinding),
  dynamoDbModule(process.env, [ringsTable, connectionsTable, devicesTable, accessCodesTable]),
  accessCodeCryptoModule(),
  photosModule(process.env),
  pushModule(process.env),
);

export const handler = lambdaEntry(
  telemetry,
  // Two workflow states, one use case each: a cold start builds only its own state's.
  makeAnnounceHandler({
    announce: resolveOnUse(container, TOKENS.Announce),
    issueAccessCodes: resolveOnUse(container, TOKENS.IssueAccessCode),
    telemetry,
  }),
);
