import sharp from 'sharp';
import { BACKGROUND_SWATCH, colourOfSwatch, nearestSwatch, type FaceColour } from './palette';

/** A face as the fake "sees" it: a solid patch of one palette colour; the box is in ratios, as Rekognition's. */
export interface ColourFace {
  readonly colour: FaceColour;
  readonly box: { readonly Left: number; readonly Top: number; readonly Width: number; readonly Height: number };
  /** Pixels of the face's colour, to order faces by size. */
  readonly pixels: number;
}

export type SeenImage =
  | { readonly kind: 'image'; readonly width: number; readonly height: number; readonly faces: readonly ColourFace[] }
  | { readonly kind: 'undecodable' };

/** Patches narrower than this or emptier than half their box are JPEG fringes along edges, not faces. */
const MIN_FACE_SIDE = 8;
const MIN_FILL = 0.5;

/**
 * Finds the faces of a synthetic photo: the connected patches (4-neighbour) of each palette colour, in raster order
 * of their first pixel (not by size: Rekognition doesn't promise an order either). JPEG and PNG only, EXIF
 * orientation applied, like Rekognition.
 */
export async function seeImage(bytes: Uint8Array): Promise<SeenImage> {
  if (!isJpeg(bytes) && !isPng(bytes)) return { kind: 'undecodable' };
  const decoded = await sharp(bytes, { autoOrient: true })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch(() => undefined);
  if (!decoded) return { kind: 'undecodable' };
  const { data, info } = decoded;
  const { width, height, channels } = info;
  const swatches = new Uint8Array(width * height);
  for (let i = 0; i < swatches.length; i++)
    swatches[i] = nearestSwatch(data[i * channels]!, data[i * channels + 1]!, data[i * channels + 2]!);
  return { kind: 'image', width, height, faces: patches(swatches, width, height) };
}

function patches(swatches: Uint8Array, width: number, height: number): ColourFace[] {
  const seen = new Uint8Array(swatches.length);
  const faces: ColourFace[] = [];
  for (let start = 0; start < swatches.length; start++) {
    const swatch = swatches[start]!;
    if (seen[start] || swatch === BACKGROUND_SWATCH) continue;
    let [minX, minY, maxX, maxY, pixels] = [width, height, -1, -1, 0];
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const at = stack.pop()!;
      const [x, y] = [at % width, Math.floor(at / width)];
      [minX, minY, maxX, maxY, pixels] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y), pixels + 1];
      for (const next of [x > 0 ? at - 1 : -1, x < width - 1 ? at + 1 : -1, y > 0 ? at - width : -1, y < height - 1 ? at + width : -1]) {
        if (next >= 0 && !seen[next] && swatches[next] === swatch) {
          seen[next] = 1;
          stack.push(next);
        }
      }
    }
    const [boxWidth, boxHeight] = [maxX - minX + 1, maxY - minY + 1];
    if (boxWidth < MIN_FACE_SIDE || boxHeight < MIN_FACE_SIDE || pixels < MIN_FILL * boxWidth * boxHeight) continue;
    faces.push({
      colour: colourOfSwatch(swatch),
      box: { Left: minX / width, Top: minY / height, Width: boxWidth / width, Height: boxHeight / height },
      pixels,
    });
  }
  return faces;
}

/** The faces, largest first (what IndexFaces indexes first and SearchFacesByImage searches). */
export const largestFirst = (faces: readonly ColourFace[]): ColourFace[] => [...faces].sort((a, b) => b.pixels - a.pixels);

const isJpeg = (b: Uint8Array): boolean => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
const isPng = (b: Uint8Array): boolean => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
