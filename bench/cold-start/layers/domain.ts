// on-connect's floor + the domain layer: the Connect use case over the DynamoDB repository (document client), no DI.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbConnectionRepository } from '../../../adapters/dynamodb/dynamodb-connection-repository';
import { Connect } from '../../../application/connect';
import { connectionId, deviceId, householdId } from '../../../domain/ids';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
const connect = new Connect(new DynamoDbConnectionRepository({ client, tableName: process.env['CONNECTIONS_TABLE'] ?? 'connections' }));

export const handler = async (event: { requestContext: { connectionId: string; connectedAt: number } }) => {
  const { requestContext } = event;
  await connect.execute({
    id: connectionId(requestContext.connectionId),
    connectedAt: requestContext.connectedAt,
    householdId: householdId('home'),
    deviceId: deviceId('phone'),
    role: 'resident',
  });
  return { statusCode: 200 };
};
