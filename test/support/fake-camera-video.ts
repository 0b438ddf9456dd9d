import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';

/**
 * A Y4M video of a still photo, for Chromium's fake camera (`--use-file-for-fake-video-capture=FILE.y4m`): the
 * photo letterboxed into `width`×`height`, a few identical 4:2:0 frames (Chromium loops the file). Made at test time
 * from a sample, so no video is kept in the repository.
 */
export async function writeStillVideo(photo: string, file: string, width = 640, height = 480, frames = 3): Promise<void> {
  const rgb = await sharp(photo)
    .resize(width, height, { fit: 'contain', background: { r: 40, g: 40, b: 40 } })
    .removeAlpha()
    .raw()
    .toBuffer();
  const frame = i420(rgb, width, height);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  const frameHeader = Buffer.from('FRAME\n');
  await writeFile(file, Buffer.concat([header, ...Array.from({ length: frames }, () => [frameHeader, frame]).flat()]));
}

/** RGB (8 bits, interleaved) → planar Y, then U and V subsampled 2×2 (BT.601, full range as JPEG uses). */
function i420(rgb: Buffer, width: number, height: number): Buffer {
  const y = Buffer.alloc(width * height);
  const u = Buffer.alloc((width / 2) * (height / 2));
  const v = Buffer.alloc((width / 2) * (height / 2));
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const at = (row * width + col) * 3;
      const [r, g, b] = [rgb[at]!, rgb[at + 1]!, rgb[at + 2]!];
      y[row * width + col] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
      if (row % 2 === 0 && col % 2 === 0) {
        const chroma = (row / 2) * (width / 2) + col / 2;
        u[chroma] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
        v[chroma] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
      }
    }
  }
  return Buffer.concat([y, u, v]);
}

function clamp(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}
