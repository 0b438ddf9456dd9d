// Floor for on-disconnect: one DynamoDB DeleteItem.
import { DeleteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';

const dynamoDb = new DynamoDBClient({});

export const handler = async (event: { requestContext: { connectionId: string } }) => {
  await dynamoDb.send(
    new DeleteItemCommand({ TableName: process.env['CONNECTIONS_TABLE'], Key: { connectionId: { S: event.requestContext.connectionId } } }),
  );
  return { statusCode: 200 };
};
