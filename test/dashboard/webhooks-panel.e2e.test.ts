import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import { householdId } from '../../domain/ids';
import { TOKENS } from '../../infrastructure/di/tokens';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../infrastructure/local/local-doorbell';
import { sample } from '../support/sample-photos';
import { startReceiver, verifyDoorbellWebhook } from '../support/webhook-receiver';
import { writeLocalState } from '../../infrastructure/cli/local-state';
import { launchChromium, SKIP_BROWSER_TESTS } from './chromium';
import { doorbellCli, samplePath } from './doorbell-cli';

/**
 * The dashboard's Webhooks panel in Debian's Chromium, against a real local doorbell: add a webhook (its secret
 * shown once), a ring delivered to a receiver that verifies it with that secret, remove it.
 */
const HOME = householdId('home');
const WAIT = { timeout: 30_000 };

describe.skipIf(SKIP_BROWSER_TESTS)('the Webhooks panel in a real browser', () => {
  let doorbell: RunningLocalDoorbell;
  let browser: Browser;
  let page: Page;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let cliDir: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    receiver = await startReceiver();
    doorbell = await startLocalDoorbell({ port: 0, telemetry: SILENT_TELEMETRY });
    cliDir = await mkdtemp(join(tmpdir(), 'doorbell-webhooks-cli-'));
    await writeLocalState(cliDir, { webSocketUrl: doorbell.webSocketUrl, httpUrl: doorbell.httpUrl, pid: process.pid }, doorbell.adminKey);
    await doorbell.container.get(TOKENS.Enroll).execute({ householdId: HOME, name: 'Alice', photos: [sample('alice-1.jpg')] });
    const issued = await doorbell.container
      .get(TOKENS.IssueDeviceToken)
      .execute({ householdId: HOME, role: 'resident', name: 'Dashboard' });
    if (issued.kind !== 'issued') throw new Error(issued.reason);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${doorbell.dashboardUrl}#token=${issued.token}`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await doorbell?.stop();
    await receiver?.close();
    if (cliDir) await rm(cliDir, { recursive: true, force: true });
  });

  it('adds a webhook through the labelled form, shows its secret once, and a ring reaches the receiver signed with it', async () => {
    await page.locator('.webhooks .empty', { hasText: 'No webhooks yet.' }).waitFor(WAIT);
    await page.getByLabel('URL').fill(receiver.url);
    // Every event by default, as `doorbell webhook add` without --events; the access codes are left out here.
    for (const event of ['ring', 'answer', 'access-code'])
      expect(await page.getByRole('checkbox', { name: event, exact: true }).isChecked()).toBe(true);
    await page.getByRole('checkbox', { name: 'access-code', exact: true }).uncheck();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secret = (await page.locator('.secret-value').innerText({ timeout: 30_000 })).trim();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const row = page.locator('.webhook-list li', { hasText: receiver.url });
    await expect(row.innerText()).resolves.toMatch(/ring, answer(?!, access-code)[\s\S]*active/);

    await page.getByRole('button', { name: 'I have kept it' }).click();
    await expect(page.locator('.secret-value').count()).resolves.toBe(0);

    await doorbellCli(['ring', samplePath('alice-2.jpg')], cliDir);
    const deadline = Date.now() + 20_000;
    while (receiver.received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const [delivery] = receiver.received;
    expect(delivery).toBeDefined();
    expect(verifyDoorbellWebhook(secret, delivery!.headers, delivery!.body)).toBe(true);
    expect(JSON.parse(delivery!.body)).toMatchObject({ event: 'ring', text: 'Alice is at the front door' });
    // The panel asks again on reconnection; the list shows the outcome of the last delivery once asked.
    await page.reload();
    await expect(page.locator('.webhook-list li', { hasText: receiver.url }).innerText({ timeout: 30_000 })).resolves.toContain(
      'last: delivered',
    );
  });

  it('removes it after confirmation', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: `Remove ${receiver.url}` }).click();
    await page.locator('.webhooks .empty', { hasText: 'No webhooks yet.' }).waitFor(WAIT);
    expect(await doorbell.container.get(TOKENS.ListWebhooks).execute({ householdId: HOME })).toEqual([]);
  });

  it('had no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
