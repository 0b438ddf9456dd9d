/**
 * A photo as base64 small enough for one WebSocket frame (API Gateway: 128 KB, JSON included). A JPEG or PNG
 * that already fits is sent untouched (best for recognition, and its metadata survives); anything else becomes a
 * JPEG with the longest side scaled to 640 px, then smaller and more compressed until it fits. Faces stay far
 * above Rekognition's minimum at those sizes.
 */
export const MAX_PHOTO_BASE64 = 110_000;
const ATTEMPTS = [
  { side: 640, quality: 0.85 },
  { side: 640, quality: 0.7 },
  { side: 480, quality: 0.7 },
  { side: 320, quality: 0.6 },
] as const;

export class UnusablePhotoError extends Error {
  constructor(fileName: string, reason: string) {
    super(`${fileName}: ${reason}`);
    this.name = 'UnusablePhotoError';
  }
}

export async function photoForFrame(file: File): Promise<string> {
  if ((file.type === 'image/jpeg' || file.type === 'image/png') && Math.ceil(file.size / 3) * 4 <= MAX_PHOTO_BASE64) {
    return base64Of(new Uint8Array(await file.arrayBuffer()));
  }
  return downsizedBase64Jpeg(file);
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function downsizedBase64Jpeg(file: File): Promise<string> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new UnusablePhotoError(file.name, 'not an image this browser can read');
  }
  try {
    for (const { side, quality } of ATTEMPTS) {
      const canvas = scaledCanvas(bitmap, bitmap.width, bitmap.height, side);
      const base64 = canvas.toDataURL('image/jpeg', quality).replace(/^data:image\/jpeg;base64,/, '');
      if (base64.length <= MAX_PHOTO_BASE64) return base64;
    }
    throw new UnusablePhotoError(file.name, 'could not be made small enough to send');
  } finally {
    bitmap.close();
  }
}

/** A canvas holding `source` scaled down (never up) so that its longest side is at most `side` pixels. */
export function scaledCanvas(source: CanvasImageSource, width: number, height: number, side: number): HTMLCanvasElement {
  const scale = Math.min(1, side / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  canvas.getContext('2d')?.drawImage(source, 0, 0, canvas.width, canvas.height);
  return canvas;
}
