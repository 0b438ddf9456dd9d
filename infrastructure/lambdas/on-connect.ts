/**
 * $connect (after the authorizer allowed it): stores the connection.
 * Its environment variables: LAMBDA_ROOTS['on-connect'] in functions.ts.
 */
import { makeConnectHandler } from '../../adapters/lambda/connect-handler';
import { powertoolsTelemetry } from '../../adapters/lambda/powertools-telemetry';
import { connectionsTable, dynamoDbModule } from '../di/aws/dynamodb.module';
import { systemModule } from '../di/system.module';
import { TOKENS } from '../di/tokens';
import { connectBinding, useCases } from '../di/use-case-bindings';
import { serviceName } from './service-name';
import { lambdaContainer } from './lambda-container';
import { lambdaEntry } from './lambda-entry';

const telemetry = powertoolsTelemetry(serviceName('on-connect'));
const container = lambdaContainer(systemModule(), useCases(connectBinding), dynamoDbModule(process.env, [connectionsTable]));

export const handler = lambdaEntry(telemetry, makeConnectHandler({ connect: container.get(TOKENS.Connect), telemetry }));
