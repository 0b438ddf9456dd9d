// on-connect's floor + the validation layer: the configuration reader and the $connect event schema the root uses.
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { connectEvent } from '../../../adapters/lambda/websocket-events/connect-event';
import { env, readEnvironment } from '../../../infrastructure/di/config';

const config = readEnvironment(process.env, { CONNECTIONS_TABLE: env.tableName(), DYNAMODB_ENDPOINT: env.optionalUrl() });
const dynamoDb = new DynamoDBClient(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {});

/** The schema, so that the bundle keeps it (the real handler parses every event with it). */
export const schema = connectEvent;

export const handler = async (event: { requestContext: { connectionId: string } }) => {
  await dynamoDb.send(
    new PutItemCommand({ TableName: config.CONNECTIONS_TABLE, Item: { connectionId: { S: event.requestContext.connectionId } } }),
  );
  return { statusCode: 200 };
};
