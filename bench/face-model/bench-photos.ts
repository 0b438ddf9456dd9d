import sharp, { type Sharp } from 'sharp';
import { realSample } from '../../test/support/real-face-photos';

/** The photos the face model benchmark measures, made from the real samples (samples/README.md) with sharp. */

const FRAME = { width: 640, height: 480 } as const;
const jpeg = (image: Sharp) =>
  image
    .jpeg({ quality: 88 })
    .toBuffer()
    .then((bytes) => new Uint8Array(bytes));
const grey = () => sharp({ create: { ...FRAME, channels: 3, background: '#7a7f86' } });

/** 640 × 480, one face about 165 px wide (head and shoulders at the door). */
export const oneFace = () => realSample('eileen-collins-1.jpg');

/** 640 × 480 with three faces side by side. */
export async function threeFaces(): Promise<Uint8Array> {
  const portrait = (name: string, flop = false) =>
    sharp(realSample(name)).resize(213, 480, { fit: 'cover', position: 'north' }).flop(flop).png().toBuffer();
  const [a, b, c] = await Promise.all([
    portrait('eileen-collins-1.jpg'),
    portrait('grace-hopper.jpg'),
    portrait('eileen-collins-2.jpg', true),
  ]);
  return jpeg(
    grey().composite([
      { input: a, left: 0, top: 0 },
      { input: b, left: 213, top: 0 },
      { input: c, left: 426, top: 0 },
    ]),
  );
}

/** 640 × 480 with one face `faceWidth` px wide: a visitor a step back from the door. */
export async function smallFace(faceWidth: number, measuredWidth: number): Promise<Uint8Array> {
  const scale = faceWidth / measuredWidth;
  const person = await sharp(oneFace())
    .resize(Math.round(FRAME.width * scale))
    .png()
    .toBuffer();
  return jpeg(grey().composite([{ input: person, left: 200, top: 120 }]));
}

/** Copies of one face photo, as the robustness table compares them with the original. */
export async function variants(photo: Uint8Array): Promise<Record<string, Uint8Array>> {
  const of = (image: Sharp) => jpeg(image);
  return {
    'resized to 320 px wide': await of(sharp(photo).resize(320)),
    'JPEG quality 40': new Uint8Array(await sharp(photo).jpeg({ quality: 40 }).toBuffer()),
    'brightness × 0.7': await of(sharp(photo).modulate({ brightness: 0.7 })),
    'brightness × 1.3': await of(sharp(photo).modulate({ brightness: 1.3 })),
    mirrored: await of(sharp(photo).flop()),
    'rotated 10°': await of(sharp(photo).rotate(10, { background: '#7a7f86' })),
    'cropped to the head': await of(sharp(photo).extract({ left: 170, top: 0, width: 300, height: 300 })),
  };
}
