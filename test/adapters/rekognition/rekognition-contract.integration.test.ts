import { afterAll, beforeAll } from 'vitest';
import { RekognitionFaceRecognizer } from '../../../adapters/rekognition/rekognition-face-recognizer';
import { faceRecognizerContract, type FacePhotos } from '../../contracts/face-recognizer.contract';
import { colourFacePhotos } from '../../support/fake-rekognition/colour-photos';
import { startFakeRekognition, type FakeRekognition } from '../../support/fake-rekognition/fake-rekognition-server';

// The real SDK over HTTP to a loopback Rekognition that recognizes faces from pixels (coloured rectangles).
let rekognition: FakeRekognition;
let photos: FacePhotos;
beforeAll(async () => {
  [rekognition, photos] = await Promise.all([startFakeRekognition(), colourFacePhotos()]);
});
afterAll(() => rekognition.close());

faceRecognizerContract('Rekognition over a loopback server', async () => ({
  recognizer: new RekognitionFaceRecognizer({ client: rekognition.client() }),
  photos,
}));
