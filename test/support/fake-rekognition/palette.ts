/**
 * The colours of the synthetic face photos. A solid rectangle of a palette colour is a "face" and its colour is the
 * person; everything nearest the background colour is background. Colours are far apart so that every pixel, even
 * after JPEG re-encoding and resizing, is still nearest its original colour (edges aside, which detection ignores).
 */
export const BACKGROUND: Rgb = [235, 235, 235];

export const PALETTE = {
  red: [220, 30, 30],
  blue: [30, 60, 220],
  green: [30, 160, 60],
  yellow: [230, 200, 20],
  purple: [140, 40, 170],
  orange: [240, 120, 20],
  cyan: [20, 190, 200],
  black: [20, 20, 20],
  brown: [120, 70, 30],
} as const satisfies Record<string, Rgb>;

export type Rgb = readonly [number, number, number];
export type FaceColour = keyof typeof PALETTE;

export const FACE_COLOURS = Object.keys(PALETTE) as FaceColour[];

/** Index 0 is the background, 1.. the face colours in FACE_COLOURS order. */
const SWATCHES: readonly Rgb[] = [BACKGROUND, ...FACE_COLOURS.map((colour) => PALETTE[colour])];
export const BACKGROUND_SWATCH = 0;
export const colourOfSwatch = (swatch: number): FaceColour => FACE_COLOURS[swatch - 1]!;

/** The swatch nearest the pixel (squared RGB distance). */
export function nearestSwatch(r: number, g: number, b: number): number {
  let best = 0;
  let bestDistance = Infinity;
  SWATCHES.forEach(([sr, sg, sb], index) => {
    const distance = (r - sr) ** 2 + (g - sg) ** 2 + (b - sb) ** 2;
    if (distance < bestDistance) [best, bestDistance] = [index, distance];
  });
  return best;
}

export const toHex = ([r, g, b]: Rgb): string => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
