import { Container } from 'inversify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HmacTokenSigner } from '../../../adapters/crypto/hmac-token-signer';
import { deviceId, householdId } from '../../../domain/ids';
import { tokenSignerModule } from '../../../infrastructure/di/aws/token-signer.module';
import { ConfigError } from '../../../infrastructure/di/config';
import { TOKENS } from '../../../infrastructure/di/tokens';
import { startFakeSecretsManager } from './fake-secrets-manager';
import { LAMBDA_BASICS, useEnvironment } from './lambda-environment';

const SECRET = 'a-deployment-key-of-sixty-four-alphanumeric-characters-0123456789';
const claims = { householdId: householdId('home-1'), deviceId: deviceId('phone-1'), role: 'resident' as const, issuedAt: 1, expiresAt: 2 };

let secrets: Awaited<ReturnType<typeof startFakeSecretsManager>>;
let environment: { restore(): void };

beforeAll(async () => {
  secrets = await startFakeSecretsManager();
  environment = useEnvironment(LAMBDA_BASICS);
});
afterAll(async () => {
  environment.restore();
  await secrets.close();
});

/** The signer the module binds, checked against one made with `secret`. */
async function signerFrom(variables: Record<string, string>) {
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(await tokenSignerModule(variables));
  return container.get(TOKENS.TokenSigner);
}

async function trusts(variables: Record<string, string>, secret: string | Uint8Array): Promise<boolean> {
  const token = await new HmacTokenSigner(secret).sign(claims);
  return (await (await signerFrom(variables)).verify(token)) !== undefined;
}

const problemOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error,
  );

describe('tokenSignerModule', () => {
  it('signs with DEVICE_TOKEN_SECRET locally', async () => {
    expect(await trusts({ DEVICE_TOKEN_SECRET: SECRET }, SECRET)).toBe(true);
    expect(await trusts({ DEVICE_TOKEN_SECRET: SECRET }, `${SECRET}-other`)).toBe(false);
  });

  it('reads the key from Secrets Manager (DEVICE_TOKEN_SECRET_ARN), once', async () => {
    const arn = secrets.put('DeviceTokenSecret', { SecretString: SECRET });
    const before = secrets.calls.length;

    const signer = await signerFrom({ DEVICE_TOKEN_SECRET_ARN: arn, SECRETS_MANAGER_ENDPOINT: secrets.endpoint });
    const token = await new HmacTokenSigner(SECRET).sign(claims);
    await signer.verify(token);
    await signer.verify(token);

    expect(await signer.verify(token)).toEqual(claims);
    expect(secrets.calls.length - before).toBe(1);
  });

  it('accepts a binary secret', async () => {
    const key = new Uint8Array(32).map((_, i) => i * 7);
    const arn = secrets.put('BinarySecret', { SecretBinary: key });
    expect(await trusts({ DEVICE_TOKEN_SECRET_ARN: arn, SECRETS_MANAGER_ENDPOINT: secrets.endpoint }, key)).toBe(true);
  });

  it('fails at cold start, naming the secret, when Secrets Manager has no such secret', async () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:Missing-abcdef';
    const problem = await problemOf(tokenSignerModule({ DEVICE_TOKEN_SECRET_ARN: arn, SECRETS_MANAGER_ENDPOINT: secrets.endpoint }));
    expect(problem?.message).toContain(arn);
    expect(problem?.message).toMatch(/can't find/);
  });

  it('refuses a stored secret shorter than 32 bytes', async () => {
    const arn = secrets.put('ShortSecret', { SecretString: 'short' });
    const problem = await problemOf(tokenSignerModule({ DEVICE_TOKEN_SECRET_ARN: arn, SECRETS_MANAGER_ENDPOINT: secrets.endpoint }));
    expect(problem?.message).toMatch(/at least 32 bytes/);
    expect(problem?.message).not.toContain('"short"');
  });

  it.each([
    ['neither variable', {}, /DEVICE_TOKEN_SECRET_ARN: is required/],
    [
      'both variables',
      { DEVICE_TOKEN_SECRET: SECRET, DEVICE_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:x' },
      /set one of them, not both/,
    ],
    [
      'an ARN that is not a secret ARN',
      { DEVICE_TOKEN_SECRET_ARN: 'arn:aws:s3:::bucket' },
      /DEVICE_TOKEN_SECRET_ARN: must be a Secrets Manager secret ARN/,
    ],
    [
      'a local key shorter than 32 bytes',
      { DEVICE_TOKEN_SECRET: 'too-short-a-key' },
      /DEVICE_TOKEN_SECRET: must be at least 32 bytes \(got 15\)/,
    ],
  ])('is a ConfigError for %s', async (_, variables, message) => {
    const problem = await problemOf(tokenSignerModule(variables));
    expect(problem).toBeInstanceOf(ConfigError);
    expect(problem?.message).toMatch(message);
    expect(problem?.message).not.toContain('too-short-a-key');
  });
});
