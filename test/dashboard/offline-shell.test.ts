import { describe, expect, it } from 'vitest';
import { dashboardTarget, isShowRingMessage, SHELL_FILES, shellKey } from '../../dashboard/src/offline/shell';
import { pushSupport, unsupportedMessage } from '../../dashboard/src/push/push-support';
import { ringIdOf, withLinkedRing } from '../../dashboard/src/ring-link';
import { dashboardAssets } from '../../infrastructure/local/page-bundle';

const SCOPE = 'https://doorbell.example/dashboard/';

describe("the dashboard's offline shell", () => {
  it('lists only files the dashboard serves', async () => {
    const assets = await dashboardAssets();
    for (const file of SHELL_FILES) expect(assets.has(file === './' ? '' : file), file).toBe(true);
  }, 60_000);

  it('takes the page (any query) and its files as shell; photos, config, other folders and origins are not', () => {
    expect(shellKey('https://doorbell.example/dashboard/', SCOPE)).toBe(SCOPE);
    expect(shellKey('https://doorbell.example/dashboard/?source=pwa', SCOPE)).toBe(SCOPE);
    expect(shellKey('https://doorbell.example/dashboard/app.js?v=2', SCOPE)).toBe(`${SCOPE}app.js`);
    for (const other of [
      'https://doorbell.example/dashboard/config.json',
      'https://doorbell.example/photos/rings%2Fhome%2Fa.jpg',
      'https://doorbell.example/app.js',
      'https://elsewhere.example/dashboard/app.js',
    ]) {
      expect(shellKey(other, SCOPE), other).toBeUndefined();
    }
  });

  it('resolves where a notification leads inside the dashboard only', () => {
    expect(dashboardTarget('/dashboard/#ring=r1', SCOPE)).toBe(`${SCOPE}#ring=r1`);
    expect(dashboardTarget('https://evil.example/dashboard/', SCOPE)).toBe(SCOPE);
    expect(dashboardTarget('/admin/', SCOPE)).toBe(SCOPE);
  });

  it("reads the worker's showRing message and nothing else", () => {
    expect(isShowRingMessage({ type: 'showRing', ringId: 'r1' })).toBe(true);
    expect(isShowRingMessage({ type: 'showRing' })).toBe(false);
    expect(isShowRingMessage('showRing')).toBe(false);
  });
});

describe('the ring a link points at', () => {
  it('comes from #ring=<id>, and is shown first among the live cards', () => {
    expect(ringIdOf('#ring=abc-1')).toBe('abc-1');
    expect(ringIdOf('#token=x')).toBeUndefined();
    expect(ringIdOf('')).toBeUndefined();
    expect(withLinkedRing(['b', 'c'], 'a')).toEqual(['a', 'b', 'c']);
    expect(withLinkedRing(['b', 'c'], 'c')).toEqual(['b', 'c']);
    expect(withLinkedRing(['b'], undefined)).toEqual(['b']);
  });
});

describe('whether this browser can be notified', () => {
  const browser = { isSecureContext: true, navigator: { serviceWorker: {} }, PushManager: {}, Notification: {} };

  it('needs a secure context, service workers, Web Push and notifications, and says which is missing', () => {
    expect(pushSupport(browser)).toEqual({ kind: 'supported' });
    expect(pushSupport({ ...browser, isSecureContext: false })).toEqual({ kind: 'insecure' });
    expect(pushSupport({ ...browser, navigator: {} })).toEqual({ kind: 'unsupported', missing: 'service workers' });
    const { PushManager: _, ...noPush } = browser;
    expect(pushSupport(noPush)).toEqual({ kind: 'unsupported', missing: 'Web Push' });
  });

  it('tells the homeowner what to do: HTTPS, or the Home Screen on an iPhone', () => {
    expect(unsupportedMessage({ kind: 'insecure' })).toContain('https://');
    expect(unsupportedMessage({ kind: 'unsupported', missing: 'Web Push' })).toContain('Add to Home Screen');
  });
});
