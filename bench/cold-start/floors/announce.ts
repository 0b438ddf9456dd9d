// Floor for announce: the ring and the household's connections from DynamoDB, a presigned snapshot link, one post per connection.
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

const dynamoDb = new DynamoDBClient({});
const s3 = new S3Client({});
const connections = new ApiGatewayManagementApiClient({ endpoint: process.env['CONNECTIONS_API_ENDPOINT'] ?? '' });

export const handler = async (event: { householdId: string; photoKey: string }) => {
  const found = await dynamoDb.send(
    new QueryCommand({
      TableName: process.env['CONNECTIONS_TABLE'],
      IndexName: 'byHousehold',
      KeyConditionExpression: 'householdId = :h',
      ExpressionAttributeValues: { ':h': { S: event.householdId } },
    }),
  );
  const snapshotUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: process.env['PHOTOS_BUCKET'], Key: event.photoKey }), {
    expiresIn: 900,
  });
  await Promise.all(
    (found.Items ?? []).map((item) =>
      connections.send(new PostToConnectionCommand({ ConnectionId: item['connectionId']!.S!, Data: JSON.stringify({ snapshotUrl }) })),
    ),
  );
  return { delivered: found.Count ?? 0 };
};
