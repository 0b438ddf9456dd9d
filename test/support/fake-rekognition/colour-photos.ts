import sharp from 'sharp';
import type { FacePhotos } from '../../contracts/face-recognizer.contract';
import { BACKGROUND, PALETTE, toHex, type FaceColour } from './palette';

export interface PaintedFace {
  readonly colour: FaceColour;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  /** Defaults to width (a square face). */
  readonly height?: number;
}

export interface ColourPhotoSpec {
  readonly width?: number;
  readonly height?: number;
  readonly faces: readonly PaintedFace[];
  readonly format?: 'png' | 'jpeg';
}

/** A synthetic photo the fake Rekognition understands: solid rectangles ("faces") on a plain background. */
export async function colourPhoto({ width = 320, height = 240, faces, format = 'png' }: ColourPhotoSpec): Promise<Uint8Array> {
  const image = sharp({ create: { width, height, channels: 3, background: toHex(BACKGROUND) } }).composite(
    faces.map((face) => ({
      input: {
        create: { width: face.width, height: face.height ?? face.width, channels: 3 as const, background: toHex(PALETTE[face.colour]) },
      },
      left: face.left,
      top: face.top,
    })),
  );
  return new Uint8Array(await (format === 'png' ? image.png() : image.jpeg({ quality: 85 })).toBuffer());
}

/** The recognizer contract's photos: person A is red, person B is blue. */
export async function colourFacePhotos(): Promise<FacePhotos> {
  return {
    personA: await colourPhoto({ faces: [{ colour: 'red', left: 60, top: 50, width: 100 }] }),
    personAAgain: await colourPhoto({ faces: [{ colour: 'red', left: 190, top: 110, width: 80, height: 96 }], format: 'jpeg' }),
    personB: await colourPhoto({ faces: [{ colour: 'blue', left: 120, top: 70, width: 90 }] }),
    personAWithB: await colourPhoto({
      faces: [
        { colour: 'red', left: 20, top: 60, width: 90 },
        { colour: 'blue', left: 200, top: 80, width: 80 },
      ],
    }),
    noFace: await colourPhoto({ faces: [] }),
    unreadable: new TextEncoder().encode('this is not a photo'),
  };
}
