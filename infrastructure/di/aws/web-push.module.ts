import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ContainerModule } from 'inversify';
import * as v from 'valibot';
import { SecretsManagerVapidKeyStore } from '../../../adapters/secrets-manager/secrets-manager-vapid-key-store';
import { generateVapidKeyPair } from '../../../adapters/web-push/vapid-keys';
import { DEFAULT_VAPID_SUBJECT, VAPID_SUBJECT_PATTERN } from '../../../adapters/web-push/vapid-subject';
import { WebPushSender } from '../../../adapters/web-push/web-push-sender';
import type { RingSettings } from '../../../application/settings';
import type { VapidKeyStore } from '../../../domain/ports/vapid-key-store';
import { env, readEnvironment, type Environment } from '../config';
import { TOKENS } from '../tokens';

const SECRET_ARN = /^arn:[^:]+:secretsmanager:[^:]+:\d{12}:secret:.+$/;

const vapidSubject = () => v.pipe(v.string(), v.trim(), v.regex(VAPID_SUBJECT_PATTERN, 'must be a mailto: address or an https: URL'));

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

/** Web Push with the `web-push` library; `PUSH_CONTACT` is the VAPID subject (default DEFAULT_VAPID_SUBJECT). */
export function webPushModule(environment: Environment): ContainerModule {
  const { PUSH_CONTACT } = readEnvironment(environment, { PUSH_CONTACT: v.optional(vapidSubject(), DEFAULT_VAPID_SUBJECT) });
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.PushSender).toResolvedValue(
      (keys: VapidKeyStore, settings: RingSettings) =>
        new WebPushSender({ keys, subject: PUSH_CONTACT, maxSockets: settings.pushConcurrency }),
      [TOKENS.VapidKeyStore, TOKENS.RingSettings],
    );
  });
}
