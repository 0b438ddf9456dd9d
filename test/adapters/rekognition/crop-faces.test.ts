import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cropOutputSize, cropRegion, MIN_CROP_SIDE, openFaceCropper } from '../../../adapters/rekognition/crop-faces';

const imageSize = fc.record({ width: fc.integer({ min: 1, max: 4000 }), height: fc.integer({ min: 1, max: 4000 }) });
/** Boxes as Rekognition returns them: ratios, sometimes reaching past the edges (or degenerate). */
const box = fc.record({
  Left: fc.double({ min: -0.5, max: 1.2, noNaN: true }),
  Top: fc.double({ min: -0.5, max: 1.2, noNaN: true }),
  Width: fc.double({ min: 0, max: 1.5, noNaN: true }),
  Height: fc.double({ min: 0, max: 1.5, noNaN: true }),
});

describe('cropRegion', () => {
  it('is a non-empty region inside the image', () => {
    fc.assert(
      fc.property(box, imageSize, (b, image) => {
        const r = cropRegion(b, image);
        expect(r.width).toBeGreaterThanOrEqual(1);
        expect(r.height).toBeGreaterThanOrEqual(1);
        expect(r.left).toBeGreaterThanOrEqual(0);
        expect(r.top).toBeGreaterThanOrEqual(0);
        expect(r.left + r.width).toBeLessThanOrEqual(image.width);
        expect(r.top + r.height).toBeLessThanOrEqual(image.height);
      }),
    );
  });

  it('holds the whole face (where it is inside the image) with 20% to spare on each side', () => {
    expect(cropRegion({ Left: 0.1, Top: 0.2, Width: 0.25, Height: 0.3 }, { width: 400, height: 300 })).toEqual({
      left: 20,
      top: 42,
      width: 140,
      height: 126,
    });
    // At the corner the margin is clamped away.
    expect(cropRegion({ Left: 0.9, Top: 0.9, Width: 0.2, Height: 0.2 }, { width: 400, height: 300 })).toEqual({
      left: 344,
      top: 258,
      width: 56,
      height: 42,
    });
  });
});

describe('cropOutputSize', () => {
  it('leaves crops of at least 80 px alone and scales smaller ones up to 80 px, keeping the aspect', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 2000 }), (width, height) => {
        const out = cropOutputSize({ width, height });
        if (Math.min(width, height) >= MIN_CROP_SIDE) expect(out).toEqual({ width, height });
        else {
          expect(Math.min(out.width, out.height)).toBe(MIN_CROP_SIDE);
          expect(Math.abs(out.width / out.height - width / height)).toBeLessThan(0.02 * Math.max(width / height, 1));
        }
      }),
    );
  });
});

describe('openFaceCropper', () => {
  it('crops in the EXIF-corrected frame, the one Rekognition reports boxes in', async () => {
    // Stored 200×100, left half red; Orientation 6 displays it 100×200 with the red half on top.
    const photo = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#0000ff' } })
      .composite([{ input: { create: { width: 100, height: 100, channels: 3, background: '#ff0000' } }, left: 0, top: 0 }])
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const crop = await (await openFaceCropper(photo))({ Left: 0.25, Top: 0.1, Width: 0.5, Height: 0.25 });
    const { data, info } = await sharp(crop).raw().toBuffer({ resolveWithObject: true });
    expect(info.format).toBe('raw');
    expect([info.width, info.height]).toEqual([80, 80]);
    const [r, g, b] = [data[0]!, data[1]!, data[2]!];
    expect(r).toBeGreaterThan(200);
    expect(g + b).toBeLessThan(60);
  });

  it('rejects bytes sharp cannot decode', async () => {
    await expect(openFaceCropper(new TextEncoder().encode('not a photo'))).rejects.toThrow();
  });
});
