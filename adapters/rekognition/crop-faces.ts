import type { BoundingBox } from '@aws-sdk/client-rekognition';

/** Context kept around each side of a face, as a share of its box: detection needs some head and background. */
export const CROP_MARGIN = 0.2;
/** Rekognition rejects images under 80 px on either side, so smaller crops are scaled up to that. */
export const MIN_CROP_SIDE = 80;
const CROP_JPEG_QUALITY = 90;

export interface PixelRegion {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

/**
 * The pixels to crop for a face: its box (ratios of the image, as Rekognition returns them, possibly reaching past
 * the edges) grown by CROP_MARGIN on every side, clamped to the image, at least one pixel.
 */
export function cropRegion(box: BoundingBox, image: ImageSize): PixelRegion {
  const boxLeft = (box.Left ?? 0) * image.width;
  const boxTop = (box.Top ?? 0) * image.height;
  const boxWidth = (box.Width ?? 0) * image.width;
  const boxHeight = (box.Height ?? 0) * image.height;
  const left = clamp(Math.floor(boxLeft - boxWidth * CROP_MARGIN), 0, image.width - 1);
  const top = clamp(Math.floor(boxTop - boxHeight * CROP_MARGIN), 0, image.height - 1);
  const right = clamp(Math.ceil(boxLeft + boxWidth * (1 + CROP_MARGIN)), left + 1, image.width);
  const bottom = clamp(Math.ceil(boxTop + boxHeight * (1 + CROP_MARGIN)), top + 1, image.height);
  return { left, top, width: right - left, height: bottom - top };
}

/** The size a crop is sent at: itself, or scaled up (aspect kept) so that neither side is under MIN_CROP_SIDE. */
export function cropOutputSize(region: ImageSize): ImageSize {
  const scale = MIN_CROP_SIDE / Math.min(region.width, region.height);
  if (scale <= 1) return { width: region.width, height: region.height };
  return { width: Math.round(region.width * scale), height: Math.round(region.height * scale) };
}

export type FaceCropper = (box: BoundingBox) => Promise<Uint8Array>;

/**
 * Opens a photo for cropping faces out of it as JPEGs. Cropping happens after EXIF auto-orientation because that is
 * the frame Rekognition's boxes refer to for a JPEG with an Orientation tag (and the stored frame otherwise, where
 * auto-orienting changes nothing). Rejects if sharp can't decode the photo.
 *
 * sharp (native libvips) is loaded on first use, not at import: only photos with two or more faces are cropped,
 * loading it cost the identify Lambda's cold start more than everything else together (see BENCHMARKS.md), and
 * on-message (which only enrolls and forgets) then starts without it.
 */
export async function openFaceCropper(photo: Uint8Array): Promise<FaceCropper> {
  const { default: sharp } = await import('sharp');
  const image = sharp(photo, { autoOrient: true });
  const { autoOrient: size } = await image.metadata();
  return async (box) => {
    const region = cropRegion(box, size);
    const output = cropOutputSize(region);
    let crop = image.clone().extract(region);
    if (output.width !== region.width || output.height !== region.height) crop = crop.resize({ ...output, fit: 'fill' });
    return new Uint8Array(await crop.jpeg({ quality: CROP_JPEG_QUALITY }).toBuffer());
  };
}

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);
