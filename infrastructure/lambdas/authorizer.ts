/**
 * $connect authorizer: verifies the device token of `?token=…` and names the device to API Gateway.
 * Reads DEVICES_TABLE and DEVICE_TOKEN_SECRET_ARN (the key is fetched from Secrets Manager once, here, at cold
 * start); optional DYNAMODB_ENDPOINT, SECRETS_MANAGER_ENDPOINT, or locally DEVICE_TOKEN_SECRET instead of the ARN;
 * optional ALLOWED_ORIGINS (comma-separated): browser pages of other origins are then refused.
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
