import { randomBytes } from 'node:crypto';
import { ContainerModule, type ServiceIdentifier } from 'inversify';
import { HmacTokenSigner } from '../../adapters/crypto/hmac-token-signer';
import { InMemoryAccessCodeRepository } from '../../adapters/in-memory/in-memory-access-code-repository';
import { InMemoryAnswerRepository } from '../../adapters/in-memory/in-memory-answer-repository';
import { InMemoryConnectionRepository } from '../../adapters/in-memory/in-memory-connection-repository';
import { InMemoryDeviceNotifier } from '../../adapters/in-memory/in-memory-device-notifier';
import { InMemoryDeviceRepository } from '../../adapters/in-memory/in-memory-device-repository';
import { InMemoryFaceRecognizer } from '../../adapters/in-memory/in-memory-face-recognizer';
import { InMemoryPhotoStore } from '../../adapters/in-memory/in-memory-photo-store';
import { InMemoryRingRepository } from '../../adapters/in-memory/in-memory-ring-repository';
import { InMemoryRingWindowRepository } from '../../adapters/in-memory/in-memory-ring-window-repository';
import { InMemoryVisitorRepository } from '../../adapters/in-memory/in-memory-visitor-repository';
import { InMemoryWorkflowCallbacks } from '../../adapters/in-memory/in-memory-workflow-callbacks';
import { InMemoryWebhookRepository } from '../../adapters/in-memory/in-memory-webhook-repository';
import { RecordingWebhookQueue } from '../../adapters/in-memory/recording-webhook-queue';
import type { Clock } from '../../domain/ports/clock';
import type { WebhookQueue } from '../../domain/ports/webhook-queue';
import type { DeviceNotifier } from '../../domain/ports/device-notifier';
import type { FaceRecognizer } from '../../domain/ports/face-recognizer';
import type { IdGenerator } from '../../domain/ports/id-generator';
import { TOKENS } from './tokens';

const inMemoryToken = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`doorbell.in-memory.${name}`);

/** The concrete twins, for callers that drive them (connect a fake device, put a photo). */
export const IN_MEMORY = {
  DeviceNotifier: inMemoryToken<InMemoryDeviceNotifier>('DeviceNotifier'),
  PhotoStore: inMemoryToken<InMemoryPhotoStore>('PhotoStore'),
  WorkflowCallbacks: inMemoryToken<InMemoryWorkflowCallbacks>('WorkflowCallbacks'),
  AccessCodeRepository: inMemoryToken<InMemoryAccessCodeRepository>('AccessCodeRepository'),
  WebhookQueue: inMemoryToken<RecordingWebhookQueue>('WebhookQueue'),
} as const;

export interface InMemoryOptions {
  /** Binds the eight repositories instead of their in-memory twins (the local doorbell's data folder). */
  readonly repositories?: ContainerModule;
  /** Another face recognizer (the local model) instead of the in-memory twin. */
  readonly faceRecognizer?: (ids: IdGenerator) => FaceRecognizer;
  /** Another way to reach devices (the local gateway's management API) instead of the in-memory twin. */
  readonly deviceNotifier?: DeviceNotifier;
  /** Another photo store (photos kept in a folder) instead of the in-memory one. */
  readonly photoStore?: (clock: Clock) => InMemoryPhotoStore;
  /** Where the local server serves photo links; the default URLs are only meaningful in-process. */
  readonly photoBaseUrl?: string;
  /** Signs device tokens; a fresh random one by default (tokens then last as long as the process). */
  readonly tokenSecret?: Uint8Array | string;
  /** Where webhook work waits (the local doorbell's running queue); by default a queue that records and runs nothing. */
  readonly webhookQueue?: WebhookQueue;
}

/**
 * Every driven port except clock, ids and the access-code crypto, in memory (tokens signed with HMAC as in AWS): the
 * whole doorbell without AWS. What `options` provides instead is bound instead, never bound and then undone.
 */
export function inMemoryModule(options: InMemoryOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    if (!options.repositories) {
      bind(TOKENS.ConnectionRepository).toConstantValue(new InMemoryConnectionRepository());
      bind(TOKENS.RingRepository).toConstantValue(new InMemoryRingRepository());
      bind(TOKENS.RingWindowRepository).toConstantValue(new InMemoryRingWindowRepository());
      bind(TOKENS.VisitorRepository).toConstantValue(new InMemoryVisitorRepository());
      bind(TOKENS.DeviceRepository).toConstantValue(new InMemoryDeviceRepository());
      bind(IN_MEMORY.AccessCodeRepository).toConstantValue(new InMemoryAccessCodeRepository());
      bind(TOKENS.AccessCodeRepository).toService(IN_MEMORY.AccessCodeRepository);
      bind(TOKENS.AnswerRepository).toConstantValue(new InMemoryAnswerRepository());
      bind(TOKENS.WebhookRepository).toConstantValue(new InMemoryWebhookRepository());
    }
    bind(IN_MEMORY.WebhookQueue).toConstantValue(new RecordingWebhookQueue());
    if (options.webhookQueue) bind(TOKENS.WebhookQueue).toConstantValue(options.webhookQueue);
    else bind(TOKENS.WebhookQueue).toService(IN_MEMORY.WebhookQueue);
    const recognizer = options.faceRecognizer ?? ((ids: IdGenerator) => new InMemoryFaceRecognizer(ids));
    bind(TOKENS.FaceRecognizer).toResolvedValue(recognizer, [TOKENS.IdGenerator]);
    bind(IN_MEMORY.DeviceNotifier).toConstantValue(new InMemoryDeviceNotifier());
    if (options.deviceNotifier) bind(TOKENS.DeviceNotifier).toConstantValue(options.deviceNotifier);
    else bind(TOKENS.DeviceNotifier).toService(IN_MEMORY.DeviceNotifier);
    const photoStore = options.photoStore ?? ((clock: Clock) => new InMemoryPhotoStore(clock, options.photoBaseUrl));
    bind(IN_MEMORY.PhotoStore).toResolvedValue(photoStore, [TOKENS.Clock]);
    bind(TOKENS.PhotoStore).toService(IN_MEMORY.PhotoStore);
    bind(IN_MEMORY.WorkflowCallbacks).toConstantValue(new InMemoryWorkflowCallbacks());
    bind(TOKENS.WorkflowCallbacks).toService(IN_MEMORY.WorkflowCallbacks);
    bind(TOKENS.TokenSigner).toConstantValue(new HmacTokenSigner(options.tokenSecret ?? randomBytes(32)));
  });
}
