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
import { TOKENS } from './tokens';

const inMemoryToken = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`doorbell.in-memory.${name}`);

/** The concrete twins, for callers that drive them (connect a fake device, put a photo). */
export const IN_MEMORY = {
  DeviceNotifier: inMemoryToken<InMemoryDeviceNotifier>('DeviceNotifier'),
  PhotoStore: inMemoryToken<InMemoryPhotoStore>('PhotoStore'),
  WorkflowCallbacks: inMemoryToken<InMemoryWorkflowCallbacks>('WorkflowCallbacks'),
  AccessCodeRepository: inMemoryToken<InMemoryAccessCodeRepository>('AccessCodeRepository'),
} as const;

export interface InMemoryOptions {
  /** Where the local server serves photo links; the default URLs are only meaningful in-process. */
  readonly photoBaseUrl?: string;
  /** Signs device tokens; a fresh random one by default (tokens then last as long as the process). */
  readonly tokenSecret?: Uint8Array | string;
}

/**
 * Every driven port except clock, ids and the access-code crypto, in memory (tokens signed with HMAC as in AWS): the
 * whole doorbell without AWS.
 */
export function inMemoryModule(options: InMemoryOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.ConnectionRepository).toConstantValue(new InMemoryConnectionRepository());
    bind(TOKENS.RingRepository).toConstantValue(new InMemoryRingRepository());
    bind(TOKENS.RingWindowRepository).toConstantValue(new InMemoryRingWindowRepository());
    bind(TOKENS.VisitorRepository).toConstantValue(new InMemoryVisitorRepository());
    bind(TOKENS.DeviceRepository).toConstantValue(new InMemoryDeviceRepository());
    bind(TOKENS.FaceRecognizer).toResolvedValue((ids) => new InMemoryFaceRecognizer(ids), [TOKENS.IdGenerator]);
    bind(IN_MEMORY.DeviceNotifier).toConstantValue(new InMemoryDeviceNotifier());
    bind(TOKENS.DeviceNotifier).toService(IN_MEMORY.DeviceNotifier);
    bind(IN_MEMORY.PhotoStore).toResolvedValue((clock) => new InMemoryPhotoStore(clock, options.photoBaseUrl), [TOKENS.Clock]);
    bind(TOKENS.PhotoStore).toService(IN_MEMORY.PhotoStore);
    bind(IN_MEMORY.WorkflowCallbacks).toConstantValue(new InMemoryWorkflowCallbacks());
    bind(TOKENS.WorkflowCallbacks).toService(IN_MEMORY.WorkflowCallbacks);
    bind(TOKENS.TokenSigner).toConstantValue(new HmacTokenSigner(options.tokenSecret ?? randomBytes(32)));
    bind(IN_MEMORY.AccessCodeRepository).toConstantValue(new InMemoryAccessCodeRepository());
    bind(TOKENS.AccessCodeRepository).toService(IN_MEMORY.AccessCodeRepository);
    bind(TOKENS.AnswerRepository).toConstantValue(new InMemoryAnswerRepository());
  });
}
