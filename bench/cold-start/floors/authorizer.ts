// Floor for the authorizer: the device-token key from Secrets Manager at init, the device from DynamoDB.
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

const dynamoDb = new DynamoDBClient({});
const secrets = new SecretsManagerClient({});

export const handler = async (event: { deviceId: string }) => {
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: process.env['DEVICE_TOKEN_SECRET_ARN'] }));
  const device = await dynamoDb.send(
    new GetItemCommand({ TableName: process.env['DEVICES_TABLE'], Key: { deviceId: { S: event.deviceId } } }),
  );
  return { allowed: secret.SecretString !== undefined && device.Item !== undefined };
};
