import { ContainerModule } from 'inversify';
import { CryptoSecretGenerator } from '../../adapters/crypto/crypto-secret-generator';
import { MathRandomSource } from '../../adapters/system/math-random-source';
import { NodeHttpWebhookSender, type NodeHttpWebhookSenderOptions } from '../../adapters/webhooks/node-http-webhook-sender';
import { TOKENS } from './tokens';

/** Webhooks are signed, sent and retried the same way everywhere: CSPRNG secrets, node:http(s), jittered backoff. */
export function webhooksModule(sender: NodeHttpWebhookSenderOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.SecretGenerator).toConstantValue(new CryptoSecretGenerator());
    bind(TOKENS.RandomSource).toConstantValue(new MathRandomSource());
    bind(TOKENS.WebhookSender).toConstantValue(new NodeHttpWebhookSender(sender));
  });
}
