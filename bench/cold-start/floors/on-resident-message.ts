// Floor for on-resident-message: DynamoDB reads (history), a presigned S3 GET (its snapshot links), a reply through
// @connections, the callback that resumes a waiting ring workflow (an answer), a face indexed (an enrolment), and
// the VAPID keys read, or made by web-push and stored, in Secrets Manager (a `pushKey`).
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { IndexFacesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import webpush from 'web-push';

const dynamoDb = new DynamoDBClient({});
const s3 = new S3Client({});
const stepFunctions = new SFNClient({});
const rekognition = new RekognitionClient({});
const secrets = new SecretsManagerClient({});
const connections = new ApiGatewayManagementApiClient({ endpoint: process.env['CONNECTIONS_API_ENDPOINT'] ?? '' });

export const handler = async (event: { requestContext: { connectionId: string } }) => {
  const rings = await dynamoDb.send(
    new QueryCommand({
      TableName: process.env['RINGS_TABLE'],
      KeyConditionExpression: 'householdId = :h',
      ExpressionAttributeValues: { ':h': { S: 'home' } },
    }),
  );
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: process.env['PHOTOS_BUCKET'], Key: 'rings/photo.jpg' }), {
    expiresIn: 900,
  });
  await connections.send(
    new PostToConnectionCommand({ ConnectionId: event.requestContext.connectionId, Data: JSON.stringify({ url, rings: rings.Count }) }),
  );
  if (rings.Count === 0) await stepFunctions.send(new SendTaskSuccessCommand({ taskToken: 'token', output: '{}' }));
  if (rings.Count === 1)
    await rekognition.send(new IndexFacesCommand({ CollectionId: 'doorbell-home', Image: { Bytes: new Uint8Array(1) } }));
  if (rings.Count === 2) {
    const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: process.env['VAPID_KEYS_SECRET_ARN'] }));
    if (!SecretString?.includes('publicKey')) {
      const keys = webpush.generateVAPIDKeys();
      await secrets.send(new PutSecretValueCommand({ SecretId: process.env['VAPID_KEYS_SECRET_ARN'], SecretString: JSON.stringify(keys) }));
    }
  }
  return { statusCode: 200 };
};
