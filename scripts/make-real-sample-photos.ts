/**
 * Derives the real sample photos in samples/ from the redistributable originals in samples/sources/
 * (source and licence of each in samples/README.md), so that the model-backed recognizer has real faces to see.
 *
 *   npm run samples:real
 *
 * Deterministic: fixed crops and adjustments, and sharp writes no timestamps, so a rerun writes the same bytes.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const SAMPLES = fileURLToPath(new URL('../samples/', import.meta.url));
const source = (name: string) => `${SAMPLES}sources/${name}`;
const COLLINS = source('eileen-collins-nasa.png');
const HOPPER = source('grace-hopper-us-navy.jpg');
const WALL = source('brick-wall-cc0.png');

interface Region {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

const crop = (file: string, region: Region, width: number, height: number) => sharp(file).extract(region).resize(width, height);

/** A side-by-side composite of two portraits, as a doorbell would see two people at the door. */
async function sideBySide(left: Buffer, right: Buffer): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: '#000000' } })
    .composite([
      { input: left, left: 0, top: 0 },
      { input: right, left: 320, top: 0 },
    ])
    .jpeg({ quality: 88 })
    .toBuffer();
}

const PHOTOS: Record<string, () => Promise<Buffer>> = {
  // Head and shoulders, as a porch camera frames a visitor at the door.
  'eileen-collins-1.jpg': () => crop(COLLINS, { left: 60, top: 0, width: 400, height: 300 }, 640, 480).jpeg({ quality: 88 }).toBuffer(),
  // Another crop of the same photograph: closer, mirrored, tilted 5°, darker exposure.
  'eileen-collins-2.jpg': () =>
    crop(COLLINS, { left: 130, top: 10, width: 220, height: 220 }, 360, 360)
      .flop()
      .rotate(5, { background: '#202020' })
      .modulate({ brightness: 0.8 })
      .jpeg({ quality: 80 })
      .toBuffer(),
  'grace-hopper.jpg': () => sharp(HOPPER).resize(480).jpeg({ quality: 88 }).toBuffer(),
  // A composite of the two portraits (two people at the door).
  'collins-and-hopper.jpg': async () =>
    sideBySide(
      await crop(COLLINS, { left: 110, top: 20, width: 240, height: 360 }, 320, 480).png().toBuffer(),
      await crop(HOPPER, { left: 56, top: 0, width: 400, height: 600 }, 320, 480).png().toBuffer(),
    ),
  // The wall by the door, with nobody in front of it.
  'empty-porch.jpg': () => sharp(WALL).resize(640, 480, { fit: 'cover' }).jpeg({ quality: 85 }).toBuffer(),
};

for (const [file, make] of Object.entries(PHOTOS)) {
  const bytes = await make();
  await writeFile(`${SAMPLES}${file}`, bytes);
  console.log(`samples/${file}  ${bytes.length} bytes`);
}
