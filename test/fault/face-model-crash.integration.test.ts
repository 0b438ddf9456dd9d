import { afterAll, describe, expect, it } from 'vitest';
import { LocalFaceDescriptorStore } from '../../adapters/face-model/local-face-descriptor-store';
import { FaceModelWorker } from '../../adapters/face-model/face-model-worker';
import { ModelFaceRecognizer } from '../../adapters/face-model/model-face-recognizer';
import { SequentialIdGenerator } from '../../adapters/in-memory/sequential-id-generator';
import { RecognizerUnavailableError } from '../../domain/errors';
import { HOME, inMemoryDoorbell } from '../support/in-memory-doorbell';
import { realFacePhotos } from '../support/real-face-photos';

/** The face model's worker thread dies mid-photo: the doorbell restarts it, and no ring is lost. */
/** The bytes that make test/support/crashing-face-model-worker.ts crash. */
const CRASHING_PHOTO = new TextEncoder().encode('crash');
const model = FaceModelWorker.start({ entry: new URL('../support/crashing-face-model-worker.ts', import.meta.url) });
afterAll(async () => (await model).close());

describe('a crashing face model worker', () => {
  it('fails the photo it was analysing as unavailable, then a new worker analyses the next one', { timeout: 60_000 }, async () => {
    const worker = await model;
    const restartsBefore = worker.restarts;
    await expect(worker.analyse(CRASHING_PHOTO)).rejects.toBeInstanceOf(RecognizerUnavailableError);
    const next = await worker.analyse(realFacePhotos.personA);
    expect(next.kind === 'faces' && next.faces).toHaveLength(1);
    expect(worker.restarts).toBe(restartsBefore + 1);
  });

  it('announces "Someone is at the front door" when every attempt crashes it; the next ring is named', { timeout: 120_000 }, async () => {
    const worker = await model;
    const recognizer = new ModelFaceRecognizer(worker, new LocalFaceDescriptorStore(), new SequentialIdGenerator('face'));
    const doorbell = inMemoryDoorbell({}, { recognizer: () => recognizer });
    expect(await doorbell.enroll(HOME, 'Eileen Collins', realFacePhotos.personA)).toMatchObject({ kind: 'enrolled' });
    const phone = await doorbell.connect(HOME, 'resident', 'Phone');
    const camera = await doorbell.connect(HOME, 'doorbell', 'front door');

    const crashed = await doorbell.ring(camera.device, CRASHING_PHOTO);
    expect(crashed.final).toMatchObject({ identifyFailure: { Error: 'RecognizerUnavailableError' }, announced: { kind: 'announced' } });
    expect(phone.received()).toEqual([expect.objectContaining({ outcome: 'unavailable', text: 'Someone is at the front door' })]);

    doorbell.clock.advance(60_000);
    await doorbell.ring(camera.device, realFacePhotos.personAAgain);
    expect(phone.received()[1]).toMatchObject({ outcome: 'known', text: 'Eileen Collins is at the front door' });
  });

  it('closing rejects the photos still being analysed, and later ones', { timeout: 60_000 }, async () => {
    const worker = await model;
    // The expectation is attached before closing, so the rejection is handled the moment it happens.
    const analysing = expect(worker.analyse(realFacePhotos.personA)).rejects.toBeInstanceOf(RecognizerUnavailableError);
    await worker.close();
    await analysing;
    await expect(worker.analyse(realFacePhotos.personA)).rejects.toBeInstanceOf(RecognizerUnavailableError);
  });
});
