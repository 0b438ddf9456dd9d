// on-connect's floor + the telemetry layer: Powertools Logger and Metrics, as every Lambda root creates them.
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { powertoolsTelemetry } from '../../../adapters/lambda/powertools-telemetry';
import { lambdaEntry } from '../../../infrastructure/lambdas/lambda-entry';

const telemetry = powertoolsTelemetry('doorbell-on-connect');
const dynamoDb = new DynamoDBClient({});

export const handler = lambdaEntry(telemetry, async (event) => {
  const { connectionId } = (event as { requestContext: { connectionId: string } }).requestContext;
  await dynamoDb.send(new PutItemCommand({ TableName: process.env['CONNECTIONS_TABLE'], Item: { connectionId: { S: connectionId } } }));
  telemetry.count('Connected');
  return { statusCode: 200 };
});
