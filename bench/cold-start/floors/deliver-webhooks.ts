// Floor for deliver-webhooks: for each queued delivery, the webhook and the ring (DynamoDB), a presigned S3 GET (the
// snapshot link), one signed HTTPS POST to the receiver, the outcome recorded (a conditional update), and a failed
// delivery sent back to the queue with a delay (SQS).
import { DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHmac } from 'node:crypto';
import { request } from 'node:https';

const dynamoDb = new DynamoDBClient({});
const s3 = new S3Client({});
const sqs = new SQSClient({});

export const handler = async (event: { Records: { messageId: string; body: string }[] }) => {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const work = JSON.parse(record.body) as { householdId: string; webhookId: string; ringId: string };
    const webhook = await dynamoDb.send(
      new GetItemCommand({
        TableName: process.env['WEBHOOKS_TABLE'],
        Key: { householdId: { S: work.householdId }, webhookId: { S: work.webhookId } },
      }),
    );
    const ring = await dynamoDb.send(
      new GetItemCommand({
        TableName: process.env['RINGS_TABLE'],
        Key: { householdId: { S: work.householdId }, ringId: { S: work.ringId } },
      }),
    );
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: process.env['PHOTOS_BUCKET'], Key: 'rings/photo.jpg' }), {
      expiresIn: 900,
    });
    const body = JSON.stringify({ event: 'ring', ringId: work.ringId, at: ring.Item?.['at']?.N, snapshotUrl: url });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', webhook.Item?.['secret']?.S ?? '')
      .update(`${timestamp}.${body}`)
      .digest('hex');
    const status = await new Promise<number>((resolve) =>
      request(webhook.Item?.['url']?.S ?? 'https://localhost/', { method: 'POST', headers: { signature: `v1=${signature}` } }, (response) =>
        resolve(response.statusCode ?? 0),
      )
        .on('error', () => resolve(0))
        .end(body),
    );
    await dynamoDb.send(
      new UpdateItemCommand({
        TableName: process.env['WEBHOOKS_TABLE'],
        Key: { householdId: { S: work.householdId }, webhookId: { S: work.webhookId } },
        UpdateExpression: 'SET lastStatus = :s, revision = revision + :one',
        ConditionExpression: 'revision = :r',
        ExpressionAttributeValues: { ':s': { N: String(status) }, ':one': { N: '1' }, ':r': webhook.Item?.['revision'] ?? { N: '0' } },
      }),
    );
    if (status < 200 || status > 299) {
      await sqs.send(new SendMessageCommand({ QueueUrl: process.env['WEBHOOK_QUEUE_URL'], MessageBody: record.body, DelaySeconds: 10 }));
    }
  }
  return { batchItemFailures };
};
