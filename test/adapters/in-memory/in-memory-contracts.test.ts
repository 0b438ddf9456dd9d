import { InMemoryAccessCodeRepository } from '../../../adapters/in-memory/in-memory-access-code-repository';
import { InMemoryAnswerRepository } from '../../../adapters/in-memory/in-memory-answer-repository';
import { InMemoryConnectionRepository } from '../../../adapters/in-memory/in-memory-connection-repository';
import { InMemoryDeviceNotifier } from '../../../adapters/in-memory/in-memory-device-notifier';
import { InMemoryDeviceRepository } from '../../../adapters/in-memory/in-memory-device-repository';
import { InMemoryFaceRecognizer } from '../../../adapters/in-memory/in-memory-face-recognizer';
import { InMemoryPhotoStore } from '../../../adapters/in-memory/in-memory-photo-store';
import { InMemoryRingRepository } from '../../../adapters/in-memory/in-memory-ring-repository';
import { InMemoryRingWindowRepository } from '../../../adapters/in-memory/in-memory-ring-window-repository';
import { InMemoryVisitorRepository } from '../../../adapters/in-memory/in-memory-visitor-repository';
import { InMemoryWorkflowCallbacks } from '../../../adapters/in-memory/in-memory-workflow-callbacks';
import { ManualClock } from '../../../adapters/in-memory/manual-clock';
import { SequentialIdGenerator } from '../../../adapters/in-memory/sequential-id-generator';
import { accessCodeRepositoryContract } from '../../contracts/access-code-repository.contract';
import { answerRepositoryContract } from '../../contracts/answer-repository.contract';
import { connectionRepositoryContract } from '../../contracts/connection-repository.contract';
import { deviceNotifierContract } from '../../contracts/device-notifier.contract';
import { deviceRepositoryContract } from '../../contracts/device-repository.contract';
import { faceRecognizerContract } from '../../contracts/face-recognizer.contract';
import { photoStoreContract } from '../../contracts/photo-store.contract';
import { ringRepositoryContract } from '../../contracts/ring-repository.contract';
import { ringWindowRepositoryContract } from '../../contracts/ring-window-repository.contract';
import { visitorRepositoryContract } from '../../contracts/visitor-repository.contract';
import { workflowCallbacksContract } from '../../contracts/workflow-callbacks.contract';
import { webhookRepositoryContract } from '../../contracts/webhook-repository.contract';
import { InMemoryWebhookRepository } from '../../../adapters/in-memory/in-memory-webhook-repository';
import { aConnectionId, T0 } from '../../support/builders';
import { samplePhotos } from '../../support/sample-photos';

connectionRepositoryContract('in memory', async () => new InMemoryConnectionRepository());
ringRepositoryContract('in memory', async () => new InMemoryRingRepository());
ringWindowRepositoryContract('in memory', async () => new InMemoryRingWindowRepository());
visitorRepositoryContract('in memory', async () => new InMemoryVisitorRepository());
deviceRepositoryContract('in memory', async () => new InMemoryDeviceRepository());
accessCodeRepositoryContract('in memory', async () => new InMemoryAccessCodeRepository());
answerRepositoryContract('in memory', async () => new InMemoryAnswerRepository());
webhookRepositoryContract('in memory', async () => new InMemoryWebhookRepository());

faceRecognizerContract('in memory', async () => ({
  recognizer: new InMemoryFaceRecognizer(new SequentialIdGenerator('face')),
  photos: samplePhotos,
}));

deviceNotifierContract('in memory', async () => {
  const notifier = new InMemoryDeviceNotifier();
  return {
    notifier,
    connectDevice: async () => {
      const connectionId = aConnectionId();
      notifier.connect(connectionId);
      return {
        connectionId,
        receive: async () => notifier.received(connectionId),
        vanish: async () => notifier.vanish(connectionId),
      };
    },
  };
});

photoStoreContract('in memory', async () => {
  const store = new InMemoryPhotoStore(new ManualClock(T0));
  return {
    store,
    upload: async (url, _headers, photo) => {
      const result = store.acceptUpload(url, photo);
      if (result.kind !== 'stored') throw new Error(`${result.kind}: ${result.reason}`);
    },
  };
});

workflowCallbacksContract('in memory', async () => {
  const callbacks = new InMemoryWorkflowCallbacks();
  let tokens = 0;
  return {
    callbacks,
    startWaiting: async () => {
      const taskToken = `token-${++tokens}`;
      const outcome = callbacks.wait(taskToken);
      return { taskToken, outcome: () => outcome };
    },
    timeOut: async (task) => callbacks.timeOut(task.taskToken),
  };
});
