import { CreateCollectionCommand } from '@aws-sdk/client-rekognition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RekognitionCollections } from '../../../adapters/rekognition/rekognition-collections';
import { startFakeRekognition, type FakeRekognition } from '../../support/fake-rekognition/fake-rekognition-server';

/** A deployment's collections as a whole, through the real SDK against the loopback Rekognition. */
let rekognition: FakeRekognition;
beforeAll(async () => {
  rekognition = await startFakeRekognition();
  for (const id of ['Doorbell_home-1', 'Doorbell_home-2', 'Doorbell_home-3', 'DoorbellTest_home-1', 'other-app', 'Doorbell-Test_x']) {
    await rekognition.client().send(new CreateCollectionCommand({ CollectionId: id }));
  }
});
afterAll(() => rekognition.close());

describe('RekognitionCollections', () => {
  it("lists the prefix's collections across pages, and no other's", async () => {
    // Pages of two: the six collections take three pages, the deployment's are spread over them.
    expect(await new RekognitionCollections(rekognition.client(), 'Doorbell_', 2).list()).toEqual([
      'Doorbell_home-1',
      'Doorbell_home-2',
      'Doorbell_home-3',
    ]);
    expect(rekognition.calls.filter((call) => call.operation === 'ListCollections')).toHaveLength(3);
  });

  it('deletes them all, leaves the others, and deleting again finds nothing', async () => {
    const collections = new RekognitionCollections(rekognition.client(), 'Doorbell_', 2);

    expect(await collections.deleteAll()).toEqual(['Doorbell_home-1', 'Doorbell_home-2', 'Doorbell_home-3']);

    expect(rekognition.collectionIds().sort()).toEqual(['Doorbell-Test_x', 'DoorbellTest_home-1', 'other-app']);
    expect(await collections.deleteAll()).toEqual([]);
  });

  it('refuses an empty prefix, which would name every collection of the account', () => {
    expect(() => new RekognitionCollections(rekognition.client(), '')).toThrow(RangeError);
  });
});
