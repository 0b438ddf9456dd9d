/**
 * $connect authorizer: verifies the device token of `?token=…` and names the device to API Gateway.
 * Its environment variables: LAMBDA_ROOTS['authorizer'] in functions.ts.
 * The token key is fetched from Secrets Manager once, here, at cold start;
 * with ALLOWED_ORIGINS set, browser pages of other origins are refused.
 */
import { makeAuthorizerHandler } from '../../adapters/lambda/authorizer-handler';
import { allowedOriginsFromEnvironment } from '../di/config';
import { powertoolsTelemetry } from '../../adapters/lambda/powertools-telemetry';
import { devicesTable, dynamoDbModule } from '../di/aws/dynamodb.module';
import { tokenSignerModule } from '../di/aws/token-signer.module';
import { systemModule } from '../di/system.module';
import { TOKENS } from '../di/tokens';
import { authorizeConnectionBinding, useCases } from '../di/use-case-bindings';
import { serviceName } from './service-name';
import { lambdaContainer } from './lambda-container';
import { lambdaEntry } from './lambda-entry';

const telemetry = powertoolsTelemetry(serviceName('authorizer'));
const container = lambdaContainer(
  systemModule(),
  useCases(authorizeConnectionBinding),
  dynamoDbModule(process.env, [devicesTable]),
  await tokenSignerModule(process.env),
);

export const handler = lambdaEntry(
  telemetry,
  makeAuthorizerHandler({
    authorize: container.get(TOKENS.AuthorizeConnection),
    telemetry,
    allowedOrigins: allowedOriginsFromEnvironment(process.env),
  }),
);
