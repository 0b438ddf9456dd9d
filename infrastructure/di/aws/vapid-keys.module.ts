import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ContainerModule } from 'inversify';
import * as v from 'valibot';
import { SecretsManagerVapidKeyStore } from '../../../adapters/secrets-manager/secrets-manager-vapid-key-store';
import { generateVapidKeyPair } from '../../../adapters/web-push/vapid-keys';
import { env, readEnvironment, type Environment } from '../config';
import { TOKENS } from '../tokens';

const SECRET_ARN = /^arn:[^:]+:secretsmanager:[^:]+:\d{12}:secret:.+$/;

/**
 * The VAPID keys in the Secrets Manager secret `VAPID_KEYS_SECRET_ARN` (SECRETS_MANAGER_ENDPOINT points the client
 * elsewhere). `generate`: make and store the pair if the secret holds none yet (the function residents subscribe
 * through); without it the keys are only read (the function that pushes, which has nothing to push before then).
 */
export function vapidKeysModule(environment: Environment, options: { readonly generate: boolean }): ContainerModule {
  const { VAPID_KEYS_SECRET_ARN, SECRETS_MANAGER_ENDPOINT } = readEnvironment(environment, {
    VAPID_KEYS_SECRET_ARN: v.pipe(v.string(), v.regex(SECRET_ARN, 'must be a Secrets Manager secret ARN')),
    SECRETS_MANAGER_ENDPOINT: env.optionalUrl(),
  });
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.VapidKeyStore).toResolvedValue(
      () =>
        new SecretsManagerVapidKeyStore({
          client: new SecretsManagerClient(SECRETS_MANAGER_ENDPOINT ? { endpoint: SECRETS_MANAGER_ENDPOINT } : {}),
          secretArn: VAPID_KEYS_SECRET_ARN,
          ...(options.generate && { generate: generateVapidKeyPair }),
        }),
      [],
    );
  });
}
