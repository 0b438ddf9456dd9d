import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import type { FacePhotos } from '../contracts/face-recognizer.contract';

/** A real photo shipped in samples/ (see samples/README.md for who it shows, its source and licence). */
export const realSample = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../samples/${name}`, import.meta.url)));

/** The real sample photos in the roles the recognizer contract needs: Eileen Collins is person A, Grace Hopper B. */
export const realFacePhotos: FacePhotos = {
  personA: realSample('eileen-collins-1.jpg'),
  personAAgain: realSample('eileen-collins-2.jpg'),
  personB: realSample('grace-hopper.jpg'),
  personAWithB: realSample('collins-and-hopper.jpg'),
  noFace: realSample('empty-porch.jpg'),
  unreadable: new TextEncoder().encode('this is not a photo'),
};

/** A phone photo stored sideways with an EXIF orientation saying "rotate 90° clockwise to view". */
export async function exifRotated(photo: Uint8Array): Promise<Uint8Array> {
  return sharp(photo).rotate(-90).withMetadata({ orientation: 6 }).jpeg().toBuffer();
}

/** Photos a doorbell may be sent, each with the outcome a recognizer must give; made from the real samples. */
export interface AwkwardPhoto {
  readonly name: string;
  readonly photo: Uint8Array;
  readonly expected: 'face' | 'bad-format' | 'too-large';
}

/** Not an image, empty, truncated, 20 MB, 8000 × 8000 px, grayscale, alpha, CMYK, EXIF-rotated. */
export async function awkwardPhotos(): Promise<readonly AwkwardPhoto[]> {
  const face = realFacePhotos.personA;
  return [
    { name: 'not an image', photo: new TextEncoder().encode('GIF? no, plain text'), expected: 'bad-format' },
    { name: 'empty', photo: new Uint8Array(), expected: 'bad-format' },
    { name: 'truncated JPEG', photo: face.subarray(0, Math.floor(face.length / 2)), expected: 'bad-format' },
    { name: '20 MB file', photo: new Uint8Array(20 * 1024 * 1024).fill(0xff), expected: 'too-large' },
    {
      name: '8000 × 8000 px PNG',
      photo: await sharp({ create: { width: 8000, height: 8000, channels: 3, background: '#808080' } })
        .png()
        .toBuffer(),
      expected: 'too-large',
    },
    { name: 'grayscale JPEG', photo: await sharp(face).grayscale().toColourspace('b-w').jpeg().toBuffer(), expected: 'face' },
    { name: 'PNG with alpha', photo: await sharp(face).ensureAlpha(0.6).png().toBuffer(), expected: 'face' },
    { name: 'CMYK JPEG', photo: await sharp(face).toColourspace('cmyk').jpeg().toBuffer(), expected: 'face' },
    { name: 'EXIF-rotated phone photo', photo: await exifRotated(face), expected: 'face' },
  ];
}
