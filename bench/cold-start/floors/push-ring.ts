// Floor for push-ring: the ring and the household's push subscriptions (DynamoDB), a presigned S3 GET (the snapshot
// link), the VAPID keys (Secrets Manager), and one push encrypted and signed by web-push, sent over HTTPS.
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { request } from 'node:https';
import webpush from 'web-push';

const dynamoDb = new DynamoDBClient({});
const s3 = new S3Client({});
const secrets = new SecretsManagerClient({});

export const handler = async (event: { householdId: string; ringId: string }) => {
  const key = { householdId: { S: event.householdId }, ringId: { S: event.ringId } };
  const ring = await dynamoDb.send(new GetItemCommand({ TableName: process.env['RINGS_TABLE'], Key: key, ConsistentRead: true }));
  const subscriptions = await dynamoDb.send(
    new QueryCommand({
      TableName: process.env['PUSH_SUBSCRIPTIONS_TABLE'],
      KeyConditionExpression: 'householdId = :h',
      ExpressionAttributeValues: { ':h': { S: event.householdId } },
    }),
  );
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: process.env['PHOTOS_BUCKET'], Key: 'rings/photo.jpg' }), {
    expiresIn: 900,
  });
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: process.env['VAPID_KEYS_SECRET_ARN'] }));
  const vapid = JSON.parse(SecretString ?? '{}') as { publicKey: string; privateKey: string };
  for (const item of subscriptions.Items ?? []) {
    const details = webpush.generateRequestDetails(
      { endpoint: item['endpoint']?.S ?? '', keys: { p256dh: item['p256dh']?.S ?? '', auth: item['auth']?.S ?? '' } },
      JSON.stringify({ ringId: event.ringId, at: ring.Item?.['at']?.N, url }),
      { TTL: 900, urgency: 'high', vapidDetails: { subject: 'mailto:floor@example.com', ...vapid } },
    );
    await new Promise((resolve) => request(details.endpoint, { method: 'POST', headers: details.headers }, resolve).end(details.body));
  }
  return { kind: 'pushed' };
};
