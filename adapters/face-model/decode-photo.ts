import { MAX_PHOTO_BYTES, type UnreadablePhotoReason } from '../../domain/face';

/** 8000 × 8000 and beyond is refused from the header, before any pixel is decoded. */
export const MAX_PHOTO_PIXELS = 40_000_000;
/** Larger photos are scaled down to fit: the detector looks at 512 × 512 anyway, and it bounds memory and time. */
export const ANALYSED_SIDE = 1280;

/** Pixels the model reads: 8-bit RGB, row by row. */
export interface RgbImage {
  readonly kind: 'image';
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export type DecodedPhoto = RgbImage | { readonly kind: 'unreadable'; readonly reason: UnreadablePhotoReason };

/**
 * Any photo sharp reads → upright 8-bit RGB: the EXIF orientation is applied, alpha is flattened on white,
 * grayscale and CMYK become sRGB. Never throws: bytes that are not a complete image are `bad-format`, too many
 * bytes or pixels `too-large` (checked from the header, before decoding).
 */
export async function decodePhoto(photo: Uint8Array): Promise<DecodedPhoto> {
  if (photo.byteLength > MAX_PHOTO_BYTES) return { kind: 'unreadable', reason: 'too-large' };
  if (photo.byteLength === 0) return { kind: 'unreadable', reason: 'bad-format' };
  try {
    // Imported on first use, as the Rekognition adapter does: a bundle that never decodes a photo never loads sharp.
    const { default: sharp } = await import('sharp');
    // failOn 'truncated': a half-uploaded JPEG is refused instead of analysed as a grey lower half.
    const image = sharp(photo, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'truncated', sequentialRead: true });
    const { data, info } = await image
      .rotate()
      .resize(ANALYSED_SIDE, ANALYSED_SIDE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { kind: 'image', data: toRgb(data, info.channels), width: info.width, height: info.height };
  } catch (error) {
    return { kind: 'unreadable', reason: /pixel limit/i.test(String(error)) ? 'too-large' : 'bad-format' };
  }
}

/** sharp keeps a one-channel (grayscale) image one channel even when asked for sRGB: repeat it three times. */
function toRgb(data: Uint8Array, channels: number): Uint8Array {
  if (channels === 3) return data;
  const rgb = new Uint8Array((data.length / channels) * 3);
  for (let pixel = 0, out = 0; pixel < data.length; pixel += channels) {
    rgb[out++] = data[pixel]!;
    rgb[out++] = data[pixel]!;
    rgb[out++] = data[pixel]!;
  }
  return rgb;
}
