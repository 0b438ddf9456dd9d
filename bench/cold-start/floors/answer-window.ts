// Floor for answer-window: keep the wait's token with the ring (an update), read an answer that came first, and the
// callback that resumes the run.
import { DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';

const dynamoDb = new DynamoDBClient({});
const stepFunctions = new SFNClient({});

export const handler = async (event: { householdId: string; ringId: string; taskToken: string }) => {
  const key = { householdId: { S: event.householdId }, ringId: { S: event.ringId } };
  await dynamoDb.send(
    new UpdateItemCommand({
      TableName: process.env['ANSWERS_TABLE'],
      Key: key,
      UpdateExpression: 'SET taskToken = :t',
      ExpressionAttributeValues: { ':t': { S: event.taskToken } },
    }),
  );
  const answer = await dynamoDb.send(new GetItemCommand({ TableName: process.env['ANSWERS_TABLE'], Key: key, ConsistentRead: true }));
  if (answer.Item?.['response']) await stepFunctions.send(new SendTaskSuccessCommand({ taskToken: event.taskToken, output: '{}' }));
  return { kind: answer.Item?.['response'] ? 'already-answered' : 'waiting' };
};
