/**
 * Draws the dashboard's icons (the project's own design, a white bell on the dashboard's blue; MIT like the rest of
 * the project) and writes them to dashboard/public/, where the page and its web app manifest link them:
 *
 * - `favicon.svg`: the browser tab;
 * - `icon-192.png`, `icon-512.png`: what Chromium's installability check and the home screen ask for ("any");
 * - `icon-maskable-512.png`: full bleed, the bell inside the central 80 % circle that Android's masks keep;
 * - `apple-touch-icon.png` (180 px, full bleed: iOS draws transparency black and rounds the corners itself);
 * - `badge-96.png`: the bell alone, white on transparent, for the notification's small icon (Android's status bar
 *   keeps only its shape).
 *
 *   npm run icons
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const OUT = fileURLToPath(new URL('../dashboard/public/', import.meta.url));

/** The dashboard's accent colour (styles.css `--accent`), also the manifest's theme colour. */
const BLUE = '#1d5fd1';

/** A bell drawn on a 512 × 512 canvas, centred on (256, 256). */
const BELL = [
  '<circle cx="256" cy="112" r="26"/>',
  '<path d="M256 124c-76 0-112 62-112 136v72l-36 44h296l-36-44v-72c0-74-36-136-112-136z"/>',
  '<path d="M212 392a44 44 0 0 0 88 0z"/>',
].join('');

/**
 * The icon as SVG. `bellScale`: how much of the canvas the bell takes (1 = as drawn); `corner`: the background's
 * corner radius (0 = full bleed, for masks).
 */
function iconSvg(bellScale: number, corner: number): string {
  const offset = 256 * (1 - bellScale);
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">',
    '<title>Doorbell</title>',
    "<!-- Doorbell icon: the project's own design, MIT licence -->",
    `<rect width="512" height="512" rx="${corner}" fill="${BLUE}"/>`,
    `<g fill="#ffffff" transform="translate(${offset.toFixed(1)} ${offset.toFixed(1)}) scale(${bellScale})">${BELL}</g>`,
    '</svg>',
  ].join('');
}

const ANY = iconSvg(0.9, 96);
// The safe zone of a maskable icon is a circle of 40 % of the size around the centre; the bell spans ≈ 300 px of
// 512 as drawn, so at 0.7 it stays well inside.
const FULL_BLEED = iconSvg(0.7, 0);

/** The bell alone, white on transparent: a notification badge is drawn from its alpha channel. */
const BADGE = [
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">',
  '<title>Doorbell</title>',
  `<g fill="#ffffff">${BELL}</g>`,
  '</svg>',
].join('');

async function png(svg: string, size: number, name: string): Promise<void> {
  const image = await sharp(Buffer.from(svg)).resize(size, size).png({ compressionLevel: 9 }).toBuffer();
  await writeFile(`${OUT}${name}`, image);
}

await mkdir(OUT, { recursive: true });
await writeFile(`${OUT}favicon.svg`, `${ANY}\n`);
await png(ANY, 192, 'icon-192.png');
await png(ANY, 512, 'icon-512.png');
await png(FULL_BLEED, 512, 'icon-maskable-512.png');
await png(FULL_BLEED, 180, 'apple-touch-icon.png');
await png(BADGE, 96, 'badge-96.png');
console.log(`Icons written to ${OUT}`);
