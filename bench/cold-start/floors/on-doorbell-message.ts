// Floor for on-doorbell-message: a DynamoDB read and a conditional write (the ring window), a presigned S3 PUT,
// the reply through @connections, and an access-code event sent to the webhook queue (SQS).
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

const dynamoDb = new DynamoDBClient({});
const s3 = new S3Client({});
const sqs = new SQSClient({});
const connections = new ApiGatewayManagementApiClient({ endpoint: process.env['CONNECTIONS_API_ENDPOINT'] ?? '' });

export const handler = async (event: { requestContext: { connectionId: string } }) => {
  const window = await dynamoDb.send(
    new GetItemCommand({ TableName: process.env['RING_WINDOWS_TABLE'], Key: { householdId: { S: 'home' } } }),
  );
  await dynamoDb.send(
    new PutItemCommand({
      TableName: process.env['RING_WINDOWS_TABLE'],
      Item: { householdId: { S: 'home' } },
      ConditionExpression: 'attribute_not_exists(householdId)',
    }),
  );
  const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: process.env['PHOTOS_BUCKET'], Key: 'rings/photo.jpg' }), {
    expiresIn: 60,
  });
  await connections.send(
    new PostToConnectionCommand({
      ConnectionId: event.requestContext.connectionId,
      Data: JSON.stringify({ url, open: window.Item !== undefined }),
    }),
  );
  await sqs.send(
    new SendMessageCommand({ QueueUrl: process.env['WEBHOOK_QUEUE_URL'], MessageBody: JSON.stringify({ event: 'access-code' }) }),
  );
  return { statusCode: 200 };
};
