/**
 * $disconnect: removes the connection.
 * Its environment variables: LAMBDA_ROOTS['on-disconnect'] in functions.ts.
 */
import { makeDisconnectHandler } from '../../adapters/lambda/disconnect-handler';
import { powertoolsTelemetry } from '../../adapters/lambda/powertools-telemetry';
import { connectionsTable, dynamoDbModule } from '../di/aws/dynamodb.module';
import { systemModule } from '../di/system.module';
import { TOKENS } from '../di/tokens';
import { disconnectBinding, useCases } from '../di/use-case-bindings';
import { serviceName } from './service-name';
import { lambdaContainer } from './lambda-container';
import { lambdaEntry } from './lambda-entry';

const telemetry = powertoolsTelemetry(serviceName('on-disconnect'));
const container = lambdaContainer(systemModule(), useCases(disconnectBinding), dynamoDbModule(process.env, [connectionsTable]));

export const handler = lambdaEntry(telemetry, makeDisconnectHandler({ disconnect: container.get(TOKENS.Disconnect), telemetry }));
