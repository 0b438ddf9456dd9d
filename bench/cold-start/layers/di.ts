// on-connect's floor + the DI layer: an inversify container built as every Lambda root builds it, resolving the client.
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ContainerModule } from 'inversify';
import { lambdaContainer } from '../../../infrastructure/lambdas/lambda-container';

const CLIENT = Symbol.for('probe.DynamoDBClient');
const container = lambdaContainer(
  new ContainerModule(({ bind }) => {
    bind(CLIENT).toResolvedValue(() => new DynamoDBClient({}));
  }),
);
const dynamoDb = container.get<DynamoDBClient>(CLIENT);

export const handler = async (event: { requestContext: { connectionId: string } }) => {
  await dynamoDb.send(
    new PutItemCommand({ TableName: process.env['CONNECTIONS_TABLE'], Item: { connectionId: { S: event.requestContext.connectionId } } }),
  );
  return { statusCode: 200 };
};
