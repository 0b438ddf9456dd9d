import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it): playwright-core downloads no browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Browser tests skip only on a developer machine without Chromium, saying so; in CI (`CI` set) they always run,
 * and fail if the browser is missing, so a green CI means the dashboard really was tested in a browser.
 */
export const SKIP_BROWSER_TESTS = !existsSync(CHROMIUM_PATH) && !process.env['CI'];
if (SKIP_BROWSER_TESTS) {
  console.warn(`Skipping the dashboard's browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium). CI runs them.`);
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
];

/** `extraArgs`: e.g. a fake camera for the door page (`fakeCameraArgs`). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * Chromium with a profile of its own in `userDataDir` (a fresh folder per test file): what service workers,
 * notifications and push need, which Chromium's incognito-like contexts (what `launchChromium` gives) restrict.
 */
export function launchChromiumProfile(userDataDir: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, ...options });
}

/** A camera that shows `y4mFile` (see writeStillVideo), allowed without asking. */
export function fakeCameraArgs(y4mFile: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4mFile}`];
}

/** A camera whose permission prompt is always refused, as when a visitor (or a setting) says no. */
export const CAMERA_DENIED_ARGS: readonly string[] = ['--use-fake-device-for-media-stream', '--deny-permission-prompts'];
