import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import type { DeviceRole } from '../../domain/device';
import { householdId } from '../../domain/ids';
import type { ServerMessage } from '../../domain/protocol/server-messages';
import { writeLocalState } from '../../infrastructure/cli/local-state';
import { TOKENS } from '../../infrastructure/di/tokens';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../infrastructure/local/local-doorbell';
import { sample } from '../support/sample-photos';
import { launchChromium, SKIP_BROWSER_TESTS } from './chromium';
import { doorbellCli, samplePath } from './doorbell-cli';

/**
 * The dashboard end to end: Debian's Chromium driven by playwright-core opens the page a real local doorbell
 * serves (with a data folder, so a restart keeps tokens and rings), the ring comes through the `doorbell` CLI as a
 * subprocess, and a doorbell device listens on a real WebSocket. The tests run in order on one page, as a
 * homeowner would use it; every wait is for a condition, with a timeout.
 */

const HOME = householdId('home');
const WAIT = { timeout: 30_000 };

describe.skipIf(SKIP_BROWSER_TESTS)('the dashboard in a real browser', () => {
  let doorbell: RunningLocalDoorbell;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  let cliDir: string;
  const pageErrors: string[] = [];

  const start = async (port: number) => {
    doorbell = await startLocalDoorbell({ port, dataDir, telemetry: SILENT_TELEMETRY });
    await writeLocalState(cliDir, { webSocketUrl: doorbell.webSocketUrl, httpUrl: doorbell.httpUrl, pid: process.pid }, doorbell.adminKey);
  };
  const token = async (role: DeviceRole, name: string) => {
    const issued = await doorbell.container.get(TOKENS.IssueDeviceToken).execute({ householdId: HOME, role, name });
    if (issued.kind !== 'issued') throw new Error(issued.reason);
    return issued.token;
  };
  const status = (state: string) => page.locator(`[data-connection="${state}"]`);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'doorbell-dashboard-data-'));
    cliDir = await mkdtemp(join(tmpdir(), 'doorbell-dashboard-cli-'));
    await start(0);
    await doorbell.container
      .get(TOKENS.Enroll)
      .execute({ householdId: HOME, name: 'Alice', trusted: true, photos: [sample('alice-1.jpg')] });
    browser = await launchChromium();
    // A phone-sized screen: the layout the homeowner sees most.
    page = await browser.newPage({ viewport: { width: 375, height: 812 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${doorbell.dashboardUrl}#token=${await token('resident', 'Dashboard')}`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await doorbell?.stop();
    await Promise.all([dataDir, cliDir].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('opens already connected as a resident device, the token gone from the address bar, the visitors listed', async () => {
    await status('connected').waitFor(WAIT);
    expect(new URL(page.url()).hash).toBe('');
    await page.locator('.visitor-list li', { hasText: 'Alice' }).waitFor(WAIT);
    await expect(page.locator('.visitor-list li', { hasText: 'Alice' }).innerText()).resolves.toContain('trusted');
  });

  it('shows a ring made with the CLI as a card naming Alice, with the snapshot loaded', async () => {
    await doorbellCli(['ring', samplePath('alice-2.jpg')], cliDir);

    const card = page.locator('.live article', { hasText: 'Alice is at the front door' });
    await card.waitFor(WAIT);
    await expect(card.locator('.badge').innerText()).resolves.toBe('Known visitor');
    const snapshot = card.locator('img.snapshot');
    // Loaded, not merely present: the snapshot link served the photo and the browser decoded it.
    await page.waitForFunction(
      (img) => {
        const image = img as unknown as { complete: boolean; naturalWidth: number } | null;
        return image?.complete === true && image.naturalWidth > 0;
      },
      await snapshot.elementHandle(),
      WAIT,
    );
    await expect(page.locator('.history', { hasText: 'Alice is at the front door' }).count()).resolves.toBe(1);
    // Alice is trusted: the residents (this page) get her one-time code on the card.
    await expect(card.locator('.code').innerText({ timeout: WAIT.timeout })).resolves.toMatch(/^[0-9]{6}$/);
  }, 60_000);

  it('labels a ring from a door without a camera "No camera at the door", on its card and in the history', async () => {
    await doorbellCli(['ring', samplePath('alice-2.jpg'), '--doorbell', 'side door', '--no-camera'], cliDir);

    const card = page.locator('.live article', { hasText: 'Someone is at the side door' });
    await card.waitFor(WAIT);
    await expect(card.locator('.badge').innerText()).resolves.toBe('No camera at the door');
    await expect(page.locator('.history li', { hasText: 'Someone is at the side door' }).innerText()).resolves.toContain(
      'No camera at the door',
    );
  }, 60_000);

  it('sends a quick reply that the doorbell device receives', async () => {
    const camera = await deviceSocket(`${doorbell.webSocketUrl}?token=${await token('doorbell', 'porch camera')}`);
    try {
      const card = page.locator('.live article', { hasText: 'Alice is at the front door' });
      const ringId = await card.getAttribute('data-ring-id');
      // By keyboard, as anyone who can't use a pointer would.
      await card.getByRole('button', { name: 'Coming!' }).focus();
      await page.keyboard.press('Enter');

      // The doorbell hears the reply, never who answered.
      const answer = await camera.next((message) => message.type === 'reply');
      expect(answer).toEqual({ type: 'reply', version: 1, ringId, reply: 'coming', at: expect.any(String) });
      await card.locator('.answer', { hasText: 'Dashboard answered: Coming!' }).waitFor(WAIT);
    } finally {
      camera.close();
    }
  }, 60_000);

  it('enrolls a visitor from a photo through the labelled form, and forgets them', async () => {
    await page.getByLabel('Name', { exact: true }).fill('Bob');
    await page.getByLabel('Photos of their face').setInputFiles(samplePath('bob.jpg'));
    await page.getByRole('button', { name: 'Enroll', exact: true }).click();
    await page.locator('.visitor-list li', { hasText: 'Bob' }).waitFor(WAIT);
    await page.locator('.progress', { hasText: 'Bob enrolled from 1 photo.' }).waitFor(WAIT);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Forget Bob' }).click();
    await page.locator('.progress', { hasText: 'Bob is forgotten.' }).waitFor(WAIT);
    await page.locator('.visitor-list li', { hasText: 'Bob' }).waitFor({ state: 'detached', ...WAIT });
    const visitors = await doorbell.container.get(TOKENS.ListVisitors).execute({ householdId: HOME });
    expect(visitors.map((visitor) => visitor.name)).toEqual(['Alice']);
  }, 60_000);

  it('connects with a URL and token typed in (as for a deployed stack), and says so when the token is refused', async () => {
    const fresh = await browser.newContext({ viewport: { width: 375, height: 812 } });
    try {
      const other = await fresh.newPage();
      other.on('pageerror', (error) => pageErrors.push(error.message));
      await other.goto(doorbell.dashboardUrl);
      await other.getByLabel('WebSocket URL').fill(doorbell.webSocketUrl);
      await other.getByLabel('Resident device token').fill('v1.not-a-real-token');
      await other.getByRole('button', { name: 'Connect', exact: true }).click();
      await other.locator('[data-connection="refused"]', { hasText: 'refused this device token' }).waitFor(WAIT);

      await other.getByRole('button', { name: 'Enter a new token' }).click();
      await other.getByLabel('Resident device token').fill(await token('resident', 'Tablet'));
      await other.getByRole('button', { name: 'Connect', exact: true }).click();
      await other.locator('[data-connection="connected"]').waitFor(WAIT);
      // Remembered: a reload connects again without asking.
      await other.reload();
      await other.locator('[data-connection="connected"]').waitFor(WAIT);
    } finally {
      await fresh.close();
    }
  }, 60_000);

  it('reconnects by itself when the server stops and starts again, without a reload', async () => {
    const port = Number(new URL(doorbell.httpUrl).port);
    await page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
    await doorbell.stop();
    await status('reconnecting').waitFor(WAIT);

    await start(port);
    await status('connected').waitFor({ timeout: 45_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    // Back on line, it asked for the history again: the ring survived the restart in the data folder.
    await page.locator('.history', { hasText: 'Alice is at the front door' }).waitFor(WAIT);
  }, 90_000);

  it('had no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

/** A device's WebSocket that keeps every message, and waits for the next one a test is after. */
async function deviceSocket(url: string) {
  const socket = new WebSocket(url);
  const received: ServerMessage[] = [];
  const listeners = new Set<() => void>();
  socket.on('message', (data) => {
    received.push(JSON.parse(String(data)) as ServerMessage);
    for (const listener of listeners) listener();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) => reject(new Error(`the device was refused: ${response.statusCode}`)));
    socket.once('error', reject);
  });
  return {
    close: () => socket.close(),
    next: (wanted: (message: ServerMessage) => boolean, timeoutMs = 30_000) =>
      new Promise<ServerMessage>((resolve, reject) => {
        const check = () => {
          const found = received.find(wanted);
          if (!found) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no such message within ${timeoutMs} ms; received ${JSON.stringify(received.map((m) => m.type))}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
  };
}
