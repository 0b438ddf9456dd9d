import {
  DetectFacesCommand,
  IndexFacesCommand,
  RekognitionClient,
  SearchFacesByImageCommand,
  type SearchFacesByImageCommandInput,
} from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import sharp from 'sharp';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RekognitionFaceRecognizer } from '../../../adapters/rekognition/rekognition-face-recognizer';
import { aHouseholdId, aVisitorId } from '../../support/builders';

// The exact requests, where the command objects say it more plainly than the wire: crop geometry and parameters.
const rekognition = mockClient(RekognitionClient);
const recognizer = () => new RekognitionFaceRecognizer({ client: new RekognitionClient({ region: 'local' }) });

let photo: Uint8Array; // 400×300
beforeAll(async () => {
  photo = new Uint8Array(
    await sharp({ create: { width: 400, height: 300, channels: 3, background: '#808080' } })
      .png()
      .toBuffer(),
  );
});
beforeEach(() => {
  rekognition.reset();
  rekognition.on(SearchFacesByImageCommand).resolves({ FaceMatches: [] });
});

const searchedImages = () =>
  rekognition.commandCalls(SearchFacesByImageCommand).map((call) => (call.args[0].input as SearchFacesByImageCommandInput).Image!.Bytes!);

describe('crops sent to SearchFacesByImage', () => {
  it('are JPEGs of each face box plus 20% a side, clamped to the photo, small ones scaled up to 80 px; largest first', async () => {
    rekognition.on(DetectFacesCommand).resolves({
      FaceDetails: [
        { BoundingBox: { Left: 0.9, Top: 0.9, Width: 0.2, Height: 0.2 } }, // 80×60 px reaching past the corner
        { BoundingBox: { Left: 0.1, Top: 0.2, Width: 0.25, Height: 0.3 } }, // 100×90 px
      ],
    });
    await recognizer().scan(aHouseholdId(), photo);

    const crops = await Promise.all(searchedImages().map((bytes) => sharp(bytes).metadata()));
    expect(crops.map(({ format, width, height }) => [format, width, height])).toEqual([
      ['jpeg', 140, 126], // (40−20, 60−18) to (140+20, 150+18)
      ['jpeg', 107, 80], // (360−16, 270−12) clamped to (400, 300): 56×42, scaled ×80/42
    ]);
  });

  it('is the photo itself when it has exactly one face', async () => {
    rekognition.on(DetectFacesCommand).resolves({ FaceDetails: [{ BoundingBox: { Left: 0.1, Top: 0.2, Width: 0.25, Height: 0.3 } }] });
    await recognizer().scan(aHouseholdId(), photo);
    expect(searchedImages()).toEqual([photo]);
    expect(rekognition).toHaveReceivedCommandWith(SearchFacesByImageCommand, { FaceMatchThreshold: 70, MaxFaces: 5 });
  });
});

describe('IndexFaces', () => {
  it('indexes the largest face only, tagged with the visitor, with the AUTO quality filter', async () => {
    rekognition.on(IndexFacesCommand).resolves({ FaceRecords: [{ Face: { FaceId: '11111111-2222-3333-4444-555555555555' } }] });
    const visitorId = aVisitorId();
    const results = await recognizer().enroll(aHouseholdId(), visitorId, [photo]);
    expect(results).toEqual([{ kind: 'indexed', faceIds: ['11111111-2222-3333-4444-555555555555'] }]);
    expect(rekognition).toHaveReceivedCommandWith(IndexFacesCommand, {
      ExternalImageId: visitorId,
      MaxFaces: 1,
      QualityFilter: 'AUTO',
      DetectionAttributes: [],
    });
  });
});
