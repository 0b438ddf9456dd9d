import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_ROOT_NAMES, LAMBDA_ROOTS, type LambdaRootName, type ResourceVariable } from '../../../infrastructure/lambdas/functions';
import { startFakeSecretsManager } from './fake-secrets-manager';
import { coldStart, LAMBDA_BASICS, useEnvironment } from './lambda-environment';

/**
 * functions.ts tells the CDK stack which variables each function reads. These tests hold it to the roots: with
 * exactly its variables a root starts, and without any one of them it fails at cold start naming that variable.
 */
let secrets: Awaited<ReturnType<typeof startFakeSecretsManager>>;
let values: Record<ResourceVariable, string>;

beforeAll(async () => {
  secrets = await startFakeSecretsManager();
  values = {
    CONNECTIONS_TABLE: 'doorbell-connections',
    RINGS_TABLE: 'doorbell-rings',
    RING_WINDOWS_TABLE: 'doorbell-ring-windows',
    VISITORS_TABLE: 'doorbell-visitors',
    DEVICES_TABLE: 'doorbell-devices',
    ACCESS_CODES_TABLE: 'doorbell-access-codes',
    ANSWERS_TABLE: 'doorbell-answers',
    WEBHOOKS_TABLE: 'doorbell-webhooks',
    WEBHOOK_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/doorbell-webhooks',
    PHOTOS_BUCKET: 'doorbell-photos',
    CONNECTIONS_API_ENDPOINT: 'https://abcdef1234.execute-api.eu-west-1.amazonaws.com/prod',
    DEVICE_TOKEN_SECRET_ARN: secrets.put('DeviceTokenSecret', { SecretString: 'k'.repeat(64) }),
    REKOGNITION_COLLECTION_PREFIX: 'doorbell-prod-',
  };
});
afterAll(() => secrets.close());

/** The function's declared variables; the Secrets Manager endpoint only because the test has no real one. */
function declared(name: LambdaRootName): Record<string, string> {
  const root = LAMBDA_ROOTS[name];
  return {
    ...LAMBDA_BASICS,
    ...Object.fromEntries(root.variables.map((variable) => [variable, values[variable]])),
    ...(name === 'authorizer' ? { SECRETS_MANAGER_ENDPOINT: secrets.endpoint } : {}),
  };
}

async function startsWith(name: LambdaRootName, variables: Record<string, string>) {
  const environment = useEnvironment(variables);
  try {
    return await coldStart(name);
  } finally {
    environment.restore();
  }
}

describe('the Lambda functions table', () => {
  it.each(LAMBDA_ROOT_NAMES)('%s: its entry exists and exports a handler', async (name) => {
    expect(existsSync(new URL(`../../../infrastructure/lambdas/${LAMBDA_ROOTS[name].entry}`, import.meta.url))).toBe(true);
    expect(LAMBDA_ROOTS[name].serviceName).toBe(`doorbell-${name}`);
    expect(typeof (await startsWith(name, declared(name))).handler).toBe('function');
  });

  // The collection prefix has a default; the stack sets it so that each deployment names its own collections.
  const withoutDefault = (variable: string) => variable !== 'REKOGNITION_COLLECTION_PREFIX';
  it.each(
    LAMBDA_ROOT_NAMES.flatMap((name) => LAMBDA_ROOTS[name].variables.filter(withoutDefault).map((variable) => [name, variable] as const)),
  )('%s fails at cold start without %s, naming it', async (name, variable) => {
    const { [variable]: _, ...rest } = declared(name);
    const failure = await startsWith(name, rest).then(
      () => undefined,
      (error: unknown) => error,
    );
    // By name: each cold start loads its own copy of config.ts, hence its own ConfigError class.
    expect(failure).toMatchObject({ name: 'ConfigError', message: expect.stringContaining(variable) });
  });

  it.each(LAMBDA_ROOT_NAMES)('%s reads the ring settings exactly when the table says so', async (name) => {
    const started = startsWith(name, { ...declared(name), PUSH_CONCURRENCY: 'lots' });
    if (LAMBDA_ROOTS[name].ringSettings) await expect(started).rejects.toThrow(/PUSH_CONCURRENCY/);
    else await expect(started).resolves.toHaveProperty('handler');
  });
});
