import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dashboardTarget } from '../../dashboard/src/offline/shell';
import { notificationIntent, parseRingPush, ringNotification } from '../../dashboard/src/push/ring-notification';

const SCOPE = 'https://doorbell.example/dashboard/';

describe('what the service worker does with any push and any click', () => {
  it('never throws on any JSON a push may carry: a ring push or nothing (then the fallback)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4_102_444_800_000 }), (value, now) => {
        const push = parseRingPush(value);
        if (push) expect(ringNotification(push, now).title).toBe(push.text);
      }),
    );
  });

  it('never throws on a click, whatever the notification carried', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (data, action) => {
        expect(['answer', 'open']).toContain(notificationIntent(data, action).kind);
      }),
    );
  });

  it('never leads a click out of the dashboard: any URL resolves inside its folder on its origin, or to the dashboard', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string(), fc.webPath()), (url) => {
        expect(dashboardTarget(url, SCOPE).startsWith(SCOPE)).toBe(true);
      }),
    );
  });
});
