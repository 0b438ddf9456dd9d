import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ContainerModule } from 'inversify';
import * as v from 'valibot';
import { HmacTokenSigner, MIN_SECRET_BYTES } from '../../../adapters/crypto/hmac-token-signer';
import { ConfigError, env, readEnvironment, type Environment } from '../config';
import { TOKENS } from '../tokens';

const SECRET_ARN = /^arn:[^:]+:secretsmanager:[^:]+:\d{12}:secret:.+$/;

/**
 * The device-token signer (HMAC-SHA256). In AWS the key is the Secrets Manager secret `DEVICE_TOKEN_SECRET_ARN`,
 * read once, at cold start (hence async); locally `DEVICE_TOKEN_SECRET` holds the key itself (at least 32 bytes).
 * Exactly one of the two. `SECRETS_MANAGER_ENDPOINT` points the client elsewhere (tests). The key never appears in
 * an error message.
 * @throws ConfigError when both variables or neither are set, the ARN is malformed, or the local key is too short.
 * @throws Error when the secret cannot be read, has no value or is too short (its ARN named, never its value).
 */
export async function tokenSignerModule(environment: Environment): Promise<ContainerModule> {
  const secret = await readSecret(environment);
  const signer = new HmacTokenSigner(secret);
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.TokenSigner).toConstantValue(signer);
  });
}

async function readSecret(environment: Environment): Promise<Uint8Array | string> {
  const { DEVICE_TOKEN_SECRET_ARN, SECRETS_MANAGER_ENDPOINT } = readEnvironment(environment, {
    DEVICE_TOKEN_SECRET_ARN: v.optional(v.pipe(v.string(), v.regex(SECRET_ARN, 'must be a Secrets Manager secret ARN'))),
    SECRETS_MANAGER_ENDPOINT: env.optionalUrl(),
  });
  // Read apart from readEnvironment, whose messages quote the bad value: this one is a key.
  const local = environment['DEVICE_TOKEN_SECRET'] || undefined;
  if (local !== undefined && DEVICE_TOKEN_SECRET_ARN !== undefined) {
    throw new ConfigError(['DEVICE_TOKEN_SECRET, DEVICE_TOKEN_SECRET_ARN: set one of them, not both']);
  }
  if (local !== undefined) {
    const bytes = Buffer.byteLength(local, 'utf8');
    if (bytes < MIN_SECRET_BYTES) throw new ConfigError([`DEVICE_TOKEN_SECRET: must be at least ${MIN_SECRET_BYTES} bytes (got ${bytes})`]);
    return local;
  }
  if (DEVICE_TOKEN_SECRET_ARN === undefined) {
    throw new ConfigError(['DEVICE_TOKEN_SECRET_ARN: is required but not set (locally, DEVICE_TOKEN_SECRET may hold the key itself)']);
  }
  return fetchSecret(DEVICE_TOKEN_SECRET_ARN, SECRETS_MANAGER_ENDPOINT);
}

async function fetchSecret(secretArn: string, endpoint: string | undefined): Promise<Uint8Array | string> {
  const client = new SecretsManagerClient(endpoint ? { endpoint } : {});
  try {
    const { SecretString, SecretBinary } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    const secret = SecretString ?? SecretBinary;
    if (secret === undefined) throw new Error('the secret has no value');
    if ((typeof secret === 'string' ? Buffer.byteLength(secret, 'utf8') : secret.byteLength) < MIN_SECRET_BYTES) {
      throw new Error(`the secret must be at least ${MIN_SECRET_BYTES} bytes`);
    }
    return secret;
  } catch (error) {
    throw new Error(`could not read the device-token secret ${secretArn}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  } finally {
    client.destroy();
  }
}
