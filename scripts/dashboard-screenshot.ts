/**
 * Regenerates the README's screenshots with Debian's Chromium: the dashboard (docs/dashboard.png, desktop;
 * docs/dashboard-phone.png, phone) and the door page (docs/door-phone.png, 375×812; docs/door-tablet.png, 1024×768
 * landscape). A local doorbell in memory recognizes with the face model, the real sample visitors enrolled (Eileen
 * Collins, trusted; Grace Hopper), three earlier rings for the history (one from a door without a camera), a
 * webhook for a smart home; Eileen Collins rings the front door, and the
 * door page, its camera fed a video of her photo, rings and shows the household's answer.
 *
 *   npm run screenshot
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { SILENT_TELEMETRY } from '../adapters/lambda/telemetry';
import { householdId } from '../domain/ids';
import { TOKENS } from '../infrastructure/di/tokens';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../infrastructure/local/local-doorbell';
import { writeStillVideo } from '../test/support/fake-camera-video';
import { SocketDevice } from '../test/support/socket-device';

const CHROMIUM_PATH = '/usr/bin/chromium';
const HOME = householdId('home');
const samplePath = (name: string) => fileURLToPath(new URL(`../samples/${name}`, import.meta.url));
const sample = async (name: string) => new Uint8Array(await readFile(samplePath(name)));
const docs = (name: string) => fileURLToPath(new URL(`../docs/${name}`, import.meta.url));

/**
 * Rings `door` with the photo the way a doorbell does: an upload link, then the PUT; waits for the announcement.
 * `camera: false`: a door without a camera, whose photo is the card the door page draws.
 */
async function ring(doorbell: RunningLocalDoorbell, door: string, photo: Uint8Array, withCamera = true): Promise<void> {
  const get = doorbell.container.get.bind(doorbell.container);
  const camera = await get(TOKENS.RegisterDevice).execute({ householdId: HOME, role: 'doorbell', name: door });
  if (camera.kind !== 'registered') throw new Error(camera.reason);
  const grant = await get(TOKENS.RequestUpload).execute({
    householdId: HOME,
    deviceId: camera.device.id,
    role: 'doorbell',
    contentLength: photo.byteLength,
    ...(withCamera ? {} : { camera: false }),
  });
  if (grant.kind !== 'granted') throw new Error(grant.reason);
  const upload = await fetch(grant.upload.url, { method: 'PUT', headers: grant.upload.headers, body: photo });
  if (!upload.ok) throw new Error(`upload failed: ${upload.status}`);
  for (let i = 0; i < 200; i++) {
    const { rings } = await get(TOKENS.RingHistory).execute({ householdId: HOME });
    if (rings.some((r) => r.ringId === grant.ringId)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the ring at ${door} was never recorded`);
}

/** A card like the one the door page uploads when it has no camera. */
async function noCameraCard(): Promise<Uint8Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="640" height="480" fill="#2b2f36"/>
    <text x="320" y="230" font-family="sans-serif" font-size="36" fill="#fff" text-anchor="middle">No camera at the door</text>
    <text x="320" y="280" font-family="sans-serif" font-size="22" fill="#c9ced6" text-anchor="middle">gate</text></svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer());
}

async function capture(page: Page, file: string, fullPage: boolean): Promise<void> {
  await page.locator('.live article img.snapshot').waitFor();
  // Eileen Collins is trusted: her one-time code reaches the residents just after the ring.
  await page.locator('.live article .code').waitFor();
  await page
    .locator('img')
    .evaluateAll((images) => Promise.all(images.map((image) => (image as unknown as { decode(): Promise<void> }).decode())));
  await page.screenshot({ path: docs(file), fullPage });
  console.log(`wrote docs/${file}`);
}

/** Waits until the door page's preview shows the fake camera (a function, not a string: the page's CSP forbids eval). */
async function cameraShowing(page: Page): Promise<void> {
  const width = () => page.locator('video.preview').evaluate((video) => (video as unknown as { videoWidth: number }).videoWidth);
  for (let i = 0; i < 300 && (await width()) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** The door page on a phone and a landscape tablet: the phone rings and shows the answer, the tablet waits. */
async function captureDoor(
  doorbell: RunningLocalDoorbell,
  browser: Browser,
  token: (role: 'resident' | 'doorbell', name: string) => Promise<string>,
) {
  const resident = await SocketDevice.open(doorbell.webSocketUrl, await token('resident', 'Phone'));
  try {
    const phone = await browser.newPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
    const tablet = await browser.newPage({ viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1 });
    for (const [page, door] of [
      [phone, 'porch'],
      [tablet, 'side door'],
    ] as const) {
      // A page in the background may not start its camera: each in front in turn.
      await page.bringToFront();
      await page.goto(`${doorbell.doorUrl}#token=${await token('doorbell', door)}`);
      await page.locator('[data-connection="connected"]').waitFor();
      await cameraShowing(page);
    }
    await phone.bringToFront();
    await phone.getByRole('button', { name: 'Ring', exact: true }).click();
    const rang = await resident.next((message) => message.type === 'ring', 30_000);
    resident.send(JSON.stringify({ action: 'answer', ringId: rang['ringId'], reply: 'coming' }));
    await phone.locator('.ring-status .answer').waitFor();
    await phone.screenshot({ path: docs('door-phone.png') });
    console.log('wrote docs/door-phone.png');
    await tablet.screenshot({ path: docs('door-tablet.png') });
    console.log('wrote docs/door-tablet.png');
  } finally {
    resident.socket.close();
  }
}

const workDir = await mkdtemp(join(tmpdir(), 'doorbell-screenshot-'));
const video = join(workDir, 'eileen-collins.y4m');
await writeStillVideo(samplePath('eileen-collins-2.jpg'), video);
const doorbell = await startLocalDoorbell({ port: 0, telemetry: SILENT_TELEMETRY, recognizer: 'model' });
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
  ],
});
try {
  const get = doorbell.container.get.bind(doorbell.container);
  const token = async (role: 'resident' | 'doorbell', name: string) => {
    const issued = await get(TOKENS.IssueDeviceToken).execute({ householdId: HOME, role, name });
    if (issued.kind !== 'issued') throw new Error(issued.reason);
    return issued.token;
  };
  await get(TOKENS.Enroll).execute({
    householdId: HOME,
    name: 'Eileen Collins',
    trusted: true,
    photos: [await sample('eileen-collins-1.jpg')],
  });
  await get(TOKENS.Enroll).execute({ householdId: HOME, name: 'Grace Hopper', trusted: false, photos: [await sample('grace-hopper.jpg')] });
  await ring(doorbell, 'back door', await sample('collins-and-hopper.jpg'));
  await ring(doorbell, 'garage', await sample('empty-porch.jpg'));
  await ring(doorbell, 'gate', await noCameraCard(), false);
  // Answers and access codes only: no ring is delivered to it while the pictures are taken.
  const webhook = await get(TOKENS.AddWebhook).execute({
    householdId: HOME,
    url: 'https://homeassistant.local:8123/api/webhook/doorbell',
    events: ['answer', 'access-code'],
  });
  if (webhook.kind !== 'added') throw new Error(webhook.reason);
  const issued = await get(TOKENS.IssueDeviceToken).execute({ householdId: HOME, role: 'resident', name: 'Dashboard' });
  if (issued.kind !== 'issued') throw new Error(issued.reason);

  const desktop = await browser.newPage({ viewport: { width: 1200, height: 800 }, deviceScaleFactor: 1 });
  const phone = await browser.newPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
  for (const page of [desktop, phone]) {
    await page.goto(`${doorbell.dashboardUrl}#token=${issued.token}`);
    await page.locator('[data-connection="connected"]').waitFor();
    await page.locator('.visitor-list li').first().waitFor();
  }
  await ring(doorbell, 'front door', await sample('eileen-collins-2.jpg'));
  await capture(desktop, 'dashboard.png', true);
  // The phone's first screen: what the homeowner sees when the notification brings them in.
  await capture(phone, 'dashboard-phone.png', false);
  await captureDoor(doorbell, browser, token);
} finally {
  await browser.close();
  await doorbell.stop();
  await rm(workDir, { recursive: true, force: true });
}
