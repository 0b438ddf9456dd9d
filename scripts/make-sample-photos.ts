/**
 * Renders the demo doorbell photos in samples/ and tags each with a face
 * manifest, so the in-memory face recognizer knows who is at the door.
 *
 *   npx tsx scripts/make-sample-photos.ts
 *
 * Deterministic and idempotent: the drawings are plain SVG shapes (no text,
 * so no font differences between machines) and sharp writes no timestamps,
 * so a rerun rewrites the same bytes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { readFaceManifest, withFaceManifest } from '../adapters/in-memory/face-manifest';

const WIDTH = 240;
const HEIGHT = 180;
const OUT_DIR = fileURLToPath(new URL('../samples/manifest/', import.meta.url));

type Look = 'alice' | 'bob' | 'stranger';
type Expression = 'smile' | 'grin' | 'wink';

interface Person {
  readonly look: Look;
  readonly x: number; // head centre
  readonly y: number;
  readonly scale?: number;
  readonly tilt?: number; // degrees
  readonly expression?: Expression;
}

interface Sample {
  readonly file: string;
  readonly faces: readonly string[];
  readonly people: readonly Person[];
  readonly parcel?: boolean;
}

const SAMPLES: readonly Sample[] = [
  { file: 'alice-1.jpg', faces: ['alice'], people: [{ look: 'alice', x: 120, y: 78 }] },
  {
    file: 'alice-2.jpg',
    faces: ['alice'],
    people: [{ look: 'alice', x: 96, y: 84, tilt: -10, expression: 'wink' }],
  },
  { file: 'bob.jpg', faces: ['bob'], people: [{ look: 'bob', x: 122, y: 78 }] },
  { file: 'stranger.jpg', faces: ['stranger'], people: [{ look: 'stranger', x: 118, y: 80 }] },
  {
    file: 'alice-and-stranger.jpg',
    faces: ['alice', 'stranger'],
    people: [
      { look: 'alice', x: 78, y: 86, scale: 0.85, tilt: 6, expression: 'grin' },
      { look: 'stranger', x: 166, y: 82, scale: 0.9 },
    ],
  },
  { file: 'empty-porch.jpg', faces: [], people: [], parcel: true },
];

/** Wall with siding, a blue front door, a lamp, a plant, the porch floor and a doormat. */
function porch(): string {
  const siding = Array.from({ length: 13 }, (_, i) => `<line x1="0" y1="${12 + i * 12}" x2="${WIDTH}" y2="${12 + i * 12}"/>`);
  return `
    <rect width="${WIDTH}" height="${HEIGHT}" fill="#ecdcb8"/>
    <g stroke="#d8c397" stroke-width="1.5">${siding.join('')}</g>
    <rect x="64" y="14" width="112" height="150" fill="#f7f2e8"/>
    <rect x="72" y="22" width="96" height="142" fill="#2f6f85"/>
    <rect x="82" y="34" width="76" height="48" rx="3" fill="#285f72"/>
    <rect x="82" y="94" width="76" height="58" rx="3" fill="#285f72"/>
    <circle cx="156" cy="96" r="4" fill="#e6b84a"/>
    <rect x="30" y="44" width="14" height="22" rx="3" fill="#3a3a3a"/>
    <circle cx="37" cy="56" r="16" fill="#fff3b0" opacity="0.45"/>
    <rect x="33" y="49" width="8" height="12" rx="2" fill="#ffe27a"/>
    <rect x="0" y="162" width="${WIDTH}" height="18" fill="#a97a53"/>
    <g stroke="#8e6342" stroke-width="1"><line x1="0" y1="170" x2="${WIDTH}" y2="170"/></g>
    <path d="M196 136 h30 l-4 28 h-22 z" fill="#c4673f"/>
    <circle cx="203" cy="126" r="9" fill="#4e9a55"/>
    <circle cx="217" cy="124" r="10" fill="#5cab60"/>
    <circle cx="210" cy="114" r="9" fill="#6bbd6c"/>
    <rect x="78" y="160" width="84" height="16" rx="3" fill="#7a4b2a"/>
    <g stroke="#5e3a20" stroke-width="2"><line x1="86" y1="168" x2="154" y2="168"/></g>`;
}

/** A cardboard parcel on the doormat, for the "nobody there" photo. */
function parcel(): string {
  return `
    <rect x="98" y="128" width="44" height="36" rx="2" fill="#c99b66"/>
    <rect x="98" y="128" width="44" height="8" fill="#b88a57"/>
    <rect x="116" y="128" width="8" height="36" fill="#e7d2a6"/>
    <rect x="127" y="144" width="11" height="8" fill="#fbfbf5"/>`;
}

const SKIN: Record<Look, string> = { alice: '#f7d3ba', bob: '#c68b5e', stranger: '#e2ae80' };
const SHIRT: Record<Look, string> = { alice: '#4f9a6a', bob: '#3b5e96', stranger: '#7b7f86' };

/** Drawn around (0,0) = head centre, head radius 26; the caller places and scales it. */
function person({ look, x, y, scale = 1, tilt = 0, expression = 'smile' }: Person): string {
  const shoulders = `<path d="M-48 ${HEIGHT} Q-50 40 0 38 Q50 40 48 ${HEIGHT} Z" fill="${SHIRT[look]}"/>
    <rect x="-8" y="18" width="16" height="24" fill="${SKIN[look]}"/>`;
  const head = `<circle r="26" fill="${SKIN[look]}"/>`;
  const parts = [hairBehind(look), shoulders, head, face(expression), hairAndHat(look)];
  return `<g transform="translate(${x} ${y}) scale(${scale}) rotate(${tilt})">${parts.join('')}</g>`;
}

function hairBehind(look: Look): string {
  // Alice's long red hair falls past her shoulders, so it is drawn behind them.
  return look === 'alice' ? `<path d="M-31 -4 Q-34 -34 0 -34 Q34 -34 31 -4 L36 56 Q0 66 -36 56 Z" fill="#c5432a"/>` : '';
}

function face(expression: Expression): string {
  const leftEye =
    expression === 'wink'
      ? `<path d="M-13 -4 Q-9 -8 -5 -4" stroke="#2b2b2b" stroke-width="2.2" fill="none" stroke-linecap="round"/>`
      : `<circle cx="-9" cy="-4" r="3" fill="#2b2b2b"/>`;
  const rightEye = `<circle cx="9" cy="-4" r="3" fill="#2b2b2b"/>`;
  const cheeks =
    `<circle cx="-15" cy="6" r="4.5" fill="#ee8f8f" opacity="0.45"/>` + `<circle cx="15" cy="6" r="4.5" fill="#ee8f8f" opacity="0.45"/>`;
  const mouth =
    expression === 'grin'
      ? `<path d="M-11 7 Q0 22 11 7 Z" fill="#8f2f2f"/>`
      : `<path d="M-10 8 Q0 17 10 8" stroke="#8f2f2f" stroke-width="2.4" fill="none" stroke-linecap="round"/>`;
  return leftEye + rightEye + cheeks + mouth;
}

function hairAndHat(look: Look): string {
  switch (look) {
    case 'alice': // red fringe swept to one side
      return `<path d="M-26 -6 Q-24 -30 2 -28 Q24 -28 27 -8 Q12 -22 -6 -16 Q-16 -12 -26 -6 Z" fill="#d04d31"/>`;
    case 'bob': // short dark hair and round glasses
      return `<path d="M-26 -8 Q-26 -30 0 -30 Q26 -30 26 -8 Q20 -20 0 -20 Q-20 -20 -26 -8 Z" fill="#3a2a20"/>
        <g stroke="#1f1f1f" stroke-width="2" fill="none">
          <circle cx="-9" cy="-4" r="7.5"/><circle cx="9" cy="-4" r="7.5"/>
          <line x1="-1.5" y1="-5" x2="1.5" y2="-5"/><line x1="-16.5" y1="-5" x2="-25" y2="-7"/><line x1="16.5" y1="-5" x2="25" y2="-7"/>
        </g>`;
    case 'stranger': // baseball cap, brim pulled forward
      return `<path d="M-27 -10 Q-26 -36 0 -36 Q26 -36 27 -10 Z" fill="#d4493f"/>
        <path d="M-27 -10 Q0 -16 36 -9 Q38 -4 30 -4 Q0 -9 -27 -6 Z" fill="#a8352d"/>
        <circle cx="0" cy="-34" r="2.5" fill="#a8352d"/>`;
  }
}

function svg(sample: Sample): string {
  const scene = [porch(), sample.parcel ? parcel() : '', ...sample.people.map(person)].join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">${scene}</svg>`;
}

await mkdir(OUT_DIR, { recursive: true });
for (const sample of SAMPLES) {
  const jpeg = await sharp(Buffer.from(svg(sample)))
    .jpeg({ quality: 70 })
    .toBuffer();
  const tagged = withFaceManifest(jpeg, sample.faces);
  // Cheap self-check: the recognizer must read back exactly what we declared.
  if (JSON.stringify(readFaceManifest(tagged)) !== JSON.stringify(sample.faces)) {
    throw new Error(`manifest did not round-trip for ${sample.file}`);
  }
  await writeFile(join(OUT_DIR, sample.file), tagged);
  console.log(`samples/manifest/${sample.file}  ${tagged.length} bytes  faces: [${sample.faces.join(', ')}]`);
}
