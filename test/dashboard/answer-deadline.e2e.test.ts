import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import { seconds } from '../../domain/time';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../infrastructure/local/local-doorbell';
import { deviceToken, pressAndUpload } from '../support/local-doorbell-moves';
import { sample } from '../support/sample-photos';
import { SocketDevice } from '../support/socket-device';
import { launchChromium, SKIP_BROWSER_TESTS } from './chromium';

/**
 * The dashboard offers quick replies for as long as the server takes answers: the deployment's own answer window
 * (here 5 s, the shortest allowed), which the ring message carries, not a default the page assumes.
 */
describe.skipIf(SKIP_BROWSER_TESTS)("the dashboard's quick replies follow the server's answer window", () => {
  let doorbell: RunningLocalDoorbell;
  let browser: Browser;
  let page: Page;
  let camera: SocketDevice;

  beforeAll(async () => {
    doorbell = await startLocalDoorbell({
      port: 0,
      telemetry: SILENT_TELEMETRY,
      settings: { debounceWindow: 0, answerWindow: seconds(5) },
    });
    camera = await SocketDevice.open(doorbell.webSocketUrl, await deviceToken(doorbell, 'doorbell', 'front door'));
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${doorbell.dashboardUrl}#token=${await deviceToken(doorbell, 'resident', 'Dashboard')}`);
    await page.locator('[data-connection="connected"]').waitFor({ timeout: 30_000 });
  }, 60_000);

  afterAll(async () => {
    camera?.socket.close();
    await browser?.close();
    await doorbell?.stop();
  });

  it('shows the replies while the ring can be answered, and takes them away at its deadline', async () => {
    const { ringId } = await pressAndUpload(camera, sample('stranger.jpg'));
    const card = page.locator(`.live article[data-ring-id="${ringId}"]`);
    await card.waitFor({ timeout: 30_000 });
    const replies = card.getByRole('button', { name: 'Coming!' });
    await expect(replies.count()).resolves.toBe(1);

    // Gone by itself once the 5 s window is over (the page waits for the deadline; nothing is clicked or reloaded).
    await replies.waitFor({ state: 'detached', timeout: 20_000 });
    await expect(card.getByRole('button').count()).resolves.toBe(0);
  }, 60_000);
});
