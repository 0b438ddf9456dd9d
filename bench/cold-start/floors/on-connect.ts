// Floor for on-connect: one DynamoDB PutItem.
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';

const dynamoDb = new DynamoDBClient({});

export const handler = async (event: { requestContext: { connectionId: string } }) => {
  await dynamoDb.send(
    new PutItemCommand({ TableName: process.env['CONNECTIONS_TABLE'], Item: { connectionId: { S: event.requestContext.connectionId } } }),
  );
  return { statusCode: 200 };
};
