import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretsManagerVapidKeyStore, VapidKeysMissingError } from '../../../adapters/secrets-manager/secrets-manager-vapid-key-store';
import { generateVapidKeyPair } from '../../../adapters/web-push/vapid-keys';
import { startFakeSecretsManager } from '../../infrastructure/lambdas/fake-secrets-manager';

/** The VAPID key store through the real SDK against a loopback Secrets Manager holding the stack's placeholder. */
let secrets: Awaited<ReturnType<typeof startFakeSecretsManager>>;
let client: SecretsManagerClient;
const PLACEHOLDER = JSON.stringify({ placeholder: 'Xk3v9QmZr2Lw8TnB' });

beforeAll(async () => {
  secrets = await startFakeSecretsManager();
  client = new SecretsManagerClient({
    endpoint: secrets.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});
afterAll(async () => {
  client.destroy();
  await secrets.close();
});

describe('SecretsManagerVapidKeyStore', () => {
  it('makes the pair on first use, stores it, and every later store (another cold start) reads the same', async () => {
    const secretArn = secrets.put('VapidKeys', { SecretString: PLACEHOLDER });
    const first = await new SecretsManagerVapidKeyStore({ client, secretArn, generate: generateVapidKeyPair }).keyPair();
    expect(JSON.parse(secrets.value(secretArn)!)).toEqual(first);
    expect(await new SecretsManagerVapidKeyStore({ client, secretArn, generate: generateVapidKeyPair }).keyPair()).toEqual(first);
    expect(await new SecretsManagerVapidKeyStore({ client, secretArn }).keyPair()).toEqual(first);
  });

  it('lets cold starts racing to make the pair agree on one', async () => {
    const secretArn = secrets.put('VapidKeysRace', { SecretString: PLACEHOLDER });
    const stores = Array.from({ length: 5 }, () => new SecretsManagerVapidKeyStore({ client, secretArn, generate: generateVapidKeyPair }));
    const pairs = await Promise.all(stores.map((store) => store.keyPair()));
    expect(new Set(pairs.map((pair) => pair.publicKey)).size).toBe(1);
    expect(JSON.parse(secrets.value(secretArn)!)).toEqual(pairs[0]);
  });

  it('only reads without `generate`: no pair yet is VapidKeysMissingError, and nothing is written', async () => {
    const secretArn = secrets.put('VapidKeysReadOnly', { SecretString: PLACEHOLDER });
    await expect(new SecretsManagerVapidKeyStore({ client, secretArn }).keyPair()).rejects.toBeInstanceOf(VapidKeysMissingError);
    expect(secrets.value(secretArn)).toBe(PLACEHOLDER);
  });
});
