import 'reflect-metadata';
import { Container } from 'inversify';
import type { RingSettings } from '../../application/settings';
import type { Clock } from '../../domain/ports/clock';
import type { IdGenerator } from '../../domain/ports/id-generator';
import { accessCodeCryptoModule } from '../di/access-code-crypto.module';
import { inMemoryModule, type InMemoryOptions } from '../di/in-memory.module';
import { settingsModule } from '../di/settings.module';
import { systemModule } from '../di/system.module';
import { useCasesModule } from '../di/use-cases.module';
import { webhooksModule } from '../di/webhooks.module';
import type { NodeHttpWebhookSenderOptions } from '../../adapters/webhooks/node-http-webhook-sender';

export interface InMemoryContainerOptions extends InMemoryOptions {
  /** Replace the system clock (tests, scripted demos). */
  readonly clock?: Clock;
  /** Replace random ids (tests, readable transcripts). */
  readonly ids?: IdGenerator;
  readonly settings?: Partial<RingSettings>;
  /** How webhooks are sent (a shorter timeout, a test's own certificate authority). */
  readonly webhookSender?: NodeHttpWebhookSenderOptions;
}

/** The whole doorbell in one process: the same use-case module as the Lambdas, in-memory adapters bound instead of AWS. */
export function inMemoryContainer(options: InMemoryContainerOptions = {}): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(
    settingsModule(options.settings),
    systemModule({ ...(options.clock && { clock: options.clock }), ...(options.ids && { ids: options.ids }) }),
    inMemoryModule(options),
    accessCodeCryptoModule(),
    webhooksModule(options.webhookSender),
    useCasesModule,
    ...(options.repositories ? [options.repositories] : []),
  );
  return container;
}
