/**
 * Regenerates the README's dashboard screenshots (docs/dashboard.png, desktop; docs/dashboard-phone.png, phone):
 * a local doorbell in memory with the sample visitors, two earlier rings for the history, the dashboard opened in
 * Debian's Chromium, then Alice rings the front door.
 *
 *   npm run screenshot
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { SILENT_TELEMETRY } from '../adapters/lambda/telemetry';
import { householdId } from '../domain/ids';
import { TOKENS } from '../infrastructure/di/tokens';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../infrastructure/local/local-doorbell';

const CHROMIUM_PATH = '/usr/bin/chromium';
const HOME = householdId('home');
const sample = async (name: string) => new Uint8Array(await readFile(new URL(`../samples/manifest/${name}`, import.meta.url)));
const docs = (name: string) => fileURLToPath(new URL(`../docs/${name}`, import.meta.url));

/** Rings `door` with the photo the way a doorbell does: an upload link, then the PUT; waits for the announcement. */
async function ring(doorbell: RunningLocalDoorbell, door: string, photoName: string): Promise<void> {
  const get = doorbell.container.get.bind(doorbell.container);
  const camera = await get(TOKENS.RegisterDevice).execute({ householdId: HOME, role: 'doorbell', name: door });
  if (camera.kind !== 'registered') throw new Error(camera.reason);
  const photo = await sample(photoName);
  const grant = await get(TOKENS.RequestUpload).execute({
    householdId: HOME,
    deviceId: camera.device.id,
    role: 'doorbell',
    contentLength: photo.byteLength,
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

async function capture(page: Page, file: string, fullPage: boolean): Promise<void> {
  await page.locator('.live article img.snapshot').waitFor();
  // Alice is trusted: her one-time code reaches the residents just after the ring.
  await page.locator('.live article .code').waitFor();
  await page
    .locator('img')
    .evaluateAll((images) => Promise.all(images.map((image) => (image as unknown as { decode(): Promise<void> }).decode())));
  await page.screenshot({ path: docs(file), fullPage });
  console.log(`wrote docs/${file}`);
}

const doorbell = await startLocalDoorbell({ port: 0, telemetry: SILENT_TELEMETRY });
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const get = doorbell.container.get.bind(doorbell.container);
  await get(TOKENS.Enroll).execute({ householdId: HOME, name: 'Alice', trusted: true, photos: [await sample('alice-1.jpg')] });
  await get(TOKENS.Enroll).execute({ householdId: HOME, name: 'Bob', trusted: false, photos: [await sample('bob.jpg')] });
  await ring(doorbell, 'back door', 'bob.jpg');
  await ring(doorbell, 'garage', 'stranger.jpg');
  const issued = await get(TOKENS.IssueDeviceToken).execute({ householdId: HOME, role: 'resident', name: 'Dashboard' });
  if (issued.kind !== 'issued') throw new Error(issued.reason);

  const desktop = await browser.newPage({ viewport: { width: 1200, height: 800 }, deviceScaleFactor: 1 });
  const phone = await browser.newPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
  for (const page of [desktop, phone]) {
    await page.goto(`${doorbell.dashboardUrl}#token=${issued.token}`);
    await page.locator('[data-connection="connected"]').waitFor();
    await page.locator('.visitor-list li').first().waitFor();
  }
  await ring(doorbell, 'front door', 'alice-2.jpg');
  await capture(desktop, 'dashboard.png', true);
  // The phone's first screen: what the homeowner sees when the notification brings them in.
  await capture(phone, 'dashboard-phone.png', false);
} finally {
  await browser.close();
  await doorbell.stop();
}
