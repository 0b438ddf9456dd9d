/** The image types a ring photo or an enrollment photo may be, told by their first bytes. */
export type ImageType = 'image/jpeg' | 'image/png';

const JPEG_START = [0xff, 0xd8, 0xff];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * What the bytes are, from their signature, or undefined when they are neither a JPEG nor a PNG: whatever a
 * client declared, only bytes that are an image may be served as one.
 */
export function detectImageType(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, JPEG_START)) return 'image/jpeg';
  return undefined;
}

/** What a ring photo's bytes were found to be when it was identified. */
export type PhotoType = ImageType | 'not-an-image';
export const PHOTO_TYPES: readonly PhotoType[] = ['image/jpeg', 'image/png', 'not-an-image'];

export function photoTypeOf(bytes: Uint8Array): PhotoType {
  return detectImageType(bytes) ?? 'not-an-image';
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}
