import { readFileSync } from 'node:fs';
import { withFaceManifest } from '../../adapters/in-memory/face-manifest';
import type { FacePhotos } from '../contracts/face-recognizer.contract';

/** A cartoon photo shipped in samples/manifest/ (see samples/manifest/README.md for the faces each declares). */
export const sample = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../samples/manifest/${name}`, import.meta.url)));

/** The sample photos in the roles the recognizer contract needs. */
export const samplePhotos: FacePhotos = {
  personA: sample('alice-1.jpg'),
  personAAgain: sample('alice-2.jpg'),
  personB: sample('bob.jpg'),
  personAWithB: withFaceManifest(sample('alice-1.jpg'), ['alice', 'bob']),
  noFace: sample('empty-porch.jpg'),
  unreadable: new TextEncoder().encode('this is not a photo'),
};
