import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import { MAX_ACCESS_CODE_ATTEMPTS } from '../../domain/access-code';
import type { DeviceRole } from '../../domain/device';
import { householdId } from '../../domain/ids';
import { TOKENS } from '../../infrastructure/di/tokens';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../infrastructure/local/local-doorbell';
import { CAMERA_DENIED_ARGS, fakeCameraArgs, launchChromium, SKIP_BROWSER_TESTS } from '../dashboard/chromium';
import { writeStillVideo } from '../support/fake-camera-video';
import { aRing } from '../support/builders';
import { SocketDevice } from '../support/socket-device';

/**
 * The door page end to end: Debian's Chromium, its camera fed from a video made at test time from a photo of Eileen
 * Collins, opens the page a real local doorbell serves (the face model recognizing, Eileen enrolled as trusted, a
 * data folder so that a restart keeps tokens), and a resident device listens on a real WebSocket. The tests run in
 * order on one phone-sized page, as a visitor would use it; every wait is for a condition, with a timeout.
 */

const SAMPLES = join(import.meta.dirname, '../../samples');
const WAIT = { timeout: 30_000 };
const HOME = householdId('home');

describe.skipIf(SKIP_BROWSER_TESTS)('the door page in a real browser', () => {
  let doorbell: RunningLocalDoorbell;
  let browser: Browser;
  let page: Page;
  let resident: SocketDevice;
  let workDir: string;
  let ringId: string;
  const pageErrors: string[] = [];

  const start = async (port: number) => {
    doorbell = await startLocalDoorbell({ port, dataDir: join(workDir, 'data'), recognizer: 'model', telemetry: SILENT_TELEMETRY });
  };
  const token = async (role: DeviceRole, name: string) => {
    const issued = await doorbell.container.get(TOKENS.IssueDeviceToken).execute({ householdId: HOME, role, name });
    if (issued.kind !== 'issued') throw new Error(issued.reason);
    return issued.token;
  };
  const doorState = (on: Page, state: string) => on.locator(`[data-door-state="${state}"]`);

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'doorbell-door-page-'));
    const video = join(workDir, 'eileen-collins.y4m');
    await Promise.all([writeStillVideo(join(SAMPLES, 'eileen-collins-2.jpg'), video), start(0)]);
    const enrolled = await doorbell.container.get(TOKENS.Enroll).execute({
      householdId: HOME,
      name: 'Eileen Collins',
      trusted: true,
      photos: [new Uint8Array(await readFile(join(SAMPLES, 'eileen-collins-1.jpg')))],
    });
    expect(enrolled).toMatchObject({ kind: 'enrolled' });
    resident = await SocketDevice.open(doorbell.webSocketUrl, await token('resident', 'Phone'));
    browser = await launchChromium(fakeCameraArgs(video));
    page = await browser.newPage({ viewport: { width: 375, height: 812 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${doorbell.httpUrl}/door/#token=${await token('doorbell', 'front door')}`);
  }, 90_000);

  afterAll(async () => {
    resident?.socket.close();
    await browser?.close();
    await doorbell?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('opens connected as a doorbell, the token gone from the address bar, the camera showing', async () => {
    await page.locator('[data-connection="connected"]').waitFor(WAIT);
    expect(new URL(page.url()).hash).toBe('');
    // Functions, not strings: the page's CSP forbids eval, which a string predicate needs.
    const videoWidth = () => page.locator('video.preview').evaluate((video) => (video as unknown as { videoWidth: number }).videoWidth);
    await expect.poll(videoWidth, WAIT).toBe(640);
  });

  it('fits a 375 px phone: no sideways scrolling, a Ring button and keypad keys of at least 48 px', async () => {
    const targets = await page.locator('button, input').evaluateAll((elements) =>
      elements.map((element) => {
        const box = (element as unknown as { getBoundingClientRect(): { width: number; height: number } }).getBoundingClientRect();
        return { name: String(element.textContent || element.id), width: box.width, height: box.height };
      }),
    );
    const sizes = {
      targets,
      scrollWidth: await page.locator('html').evaluate((html) => (html as unknown as { scrollWidth: number }).scrollWidth),
      width: page.viewportSize()!.width,
    };
    expect(sizes.targets.length).toBeGreaterThan(12);
    expect(sizes.scrollWidth).toBeLessThanOrEqual(sizes.width);
    for (const target of sizes.targets) {
      expect(Math.min(target.width, target.height), target.name).toBeGreaterThanOrEqual(48);
    }
  });

  it('rings: the resident hears Eileen Collins, the door only "Ringing…", then the resident\'s answer in large type', async () => {
    await page.getByRole('button', { name: 'Ring', exact: true }).click();

    const ring = await resident.next((message) => message.type === 'ring', 30_000);
    ringId = String(ring['ringId']);
    expect(ring).toMatchObject({ outcome: 'known', text: 'Eileen Collins is at the front door' });
    await doorState(page, 'ringing').waitFor(WAIT);
    await expect(page.locator('.ring-status').innerText()).resolves.toContain('Ringing…');
    await expect(page.locator('body').innerText()).resolves.not.toContain('Eileen');

    resident.send(JSON.stringify({ action: 'answer', ringId, reply: 'coming' }));
    await page.locator('.ring-status .answer', { hasText: 'Coming!' }).waitFor(WAIT);
  });

  it('says so when pressed again within the debounce window, and nobody is notified twice', async () => {
    await page.getByRole('button', { name: 'Ring', exact: true }).click();

    await page.locator('.ring-status', { hasText: 'Already rang. The household answered:' }).waitFor(WAIT);
    await expect(page.locator('.ring-status .answer').innerText()).resolves.toBe('Coming!');
    expect(resident.messages.filter((message) => message.type === 'ring')).toHaveLength(1);
  });

  it('opens the keypad once with the access code the household got, by buttons; refuses it typed again', async () => {
    const issued = await resident.next((message) => message.type === 'accessCode' && message['ringId'] === ringId, 30_000);
    const code = String(issued['code']);

    for (const digit of code) await page.locator('.digits button', { hasText: new RegExp(`^${digit}$`) }).click();
    await page.getByRole('button', { name: 'Check the code' }).click();
    await page.locator('.keypad-result', { hasText: 'Welcome, Eileen Collins.' }).waitFor(WAIT);

    const field = page.getByRole('textbox', { name: 'Access code' });
    await expect(field.inputValue()).resolves.toBe('');
    await field.pressSequentially(code);
    await page.keyboard.press('Enter');
    await page.locator('.keypad-result', { hasText: 'That code was not accepted.' }).waitFor(WAIT);
  });

  it('says "Too many wrong codes" once wrong codes have locked the household\'s code, and nothing else', async () => {
    // A fresh code for Eileen (a ring of hers recorded now), so that the wrong codes below have a live code to lock.
    const eileen = (await doorbell.container.get(TOKENS.VisitorRepository).listByHousehold(HOME)).find((v) => v.name === 'Eileen Collins')!;
    const ring = aRing({
      householdId: HOME,
      at: Date.now(),
      identification: {
        kind: 'known',
        visitors: [{ visitorId: eileen.id, name: eileen.name, trusted: true, similarity: 99 }],
        unknownFaces: 0,
      },
    });
    await doorbell.container.get(TOKENS.RingRepository).create(ring);
    const issued = await doorbell.container.get(TOKENS.IssueAccessCode).execute({ householdId: HOME, ringId: ring.id });
    expect(issued).toMatchObject({ kind: 'issued' });
    const code = (issued as { codes: readonly { code: string }[] }).codes[0]!.code;
    const wrong = code === '000000' ? '111111' : '000000';

    const field = page.getByRole('textbox', { name: 'Access code' });
    const refused = page.locator('.keypad-result .problem');
    const before = Number(await page.locator('.keypad-result').getAttribute('data-attempt'));
    for (let n = 1; n <= MAX_ACCESS_CODE_ATTEMPTS; n++) {
      await field.fill(wrong);
      await page.keyboard.press('Enter');
      await page.locator(`.keypad-result[data-keypad="refused"][data-attempt="${before + n}"]`).waitFor(WAIT);
      const expected =
        n < MAX_ACCESS_CODE_ATTEMPTS ? 'That code was not accepted.' : 'Too many wrong codes. Ask the household for a new one.';
      await expect(refused.innerText()).resolves.toBe(expected);
    }
    // Even the right code now: the same message, and the page does not say whose code it was.
    await field.fill(code);
    await page.keyboard.press('Enter');
    await page.locator(`.keypad-result[data-attempt="${before + MAX_ACCESS_CODE_ATTEMPTS + 1}"]`).waitFor(WAIT);
    await expect(refused.innerText()).resolves.toBe('Too many wrong codes. Ask the household for a new one.');
    await expect(page.locator('body').innerText()).resolves.not.toContain('Eileen');
  });

  it('with the camera refused: says so, Ring still rings ("Someone is at the front door") and says when it is already ringing', async () => {
    const denied = await launchChromium(CAMERA_DENIED_ARGS);
    try {
      const door = await denied.newPage({ viewport: { width: 1024, height: 768 } });
      await door.goto(`${doorbell.httpUrl}/door/#token=${await token('doorbell', 'front door')}`);
      await door.locator('[data-connection="connected"]').waitFor(WAIT);
      await door.locator('[data-camera-problem="denied"]').waitFor(WAIT);
      await expect(door.locator('.camera-note').innerText()).resolves.toContain('Ring still works, without a photo.');

      await door.getByRole('button', { name: 'Ring', exact: true }).click();
      await doorState(door, 'ringing').waitFor(WAIT);
      const ring = await resident.next((message) => message.type === 'ring' && message['ringId'] !== ringId, 30_000);
      expect(ring).toMatchObject({ outcome: 'unavailable', reason: 'no-camera', text: 'Someone is at the front door' });

      await door.getByRole('button', { name: 'Ring', exact: true }).click();
      await door.locator('.ring-status', { hasText: 'Already ringing — the household has been told.' }).waitFor(WAIT);
    } finally {
      await denied.close();
    }
  });

  it('reconnects by itself when the server restarts', async () => {
    const port = Number(new URL(doorbell.httpUrl).port);
    await doorbell.stop();
    await page.locator('[data-connection="reconnecting"]').waitFor(WAIT);

    await start(port);
    await page.locator('[data-connection="connected"]').waitFor(WAIT);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
