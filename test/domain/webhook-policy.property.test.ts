import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HouseholdId } from '../../domain/ids';
import { parseWebhookUrl, type Webhook, type WebhookId } from '../../domain/webhooks/webhook';
import {
  afterAttempt,
  baseRetryDelay,
  DISABLE_AFTER_FAILURES,
  MAX_DELIVERY_ATTEMPTS,
  MAX_RETRY_DELAY,
  nextStep,
  retryDelay,
} from '../../domain/webhooks/webhook-policy';

const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const attempt = fc.integer({ min: 1, max: 40 });
const webhook: Webhook = {
  id: 'wh_1' as WebhookId,
  householdId: 'home' as HouseholdId,
  url: 'https://example.com/hook',
  events: ['ring'],
  secret: 'secret',
  createdAt: 0,
  consecutiveFailures: 0,
};

describe('webhook retry policy', () => {
  it('grows: below the cap a later attempt never waits less, whatever the draws; the base never shrinks', () => {
    fc.assert(
      fc.property(attempt, random, random, (n, r1, r2) => {
        expect(baseRetryDelay(n + 1)).toBeGreaterThanOrEqual(baseRetryDelay(n));
        if (baseRetryDelay(n + 1) < MAX_RETRY_DELAY) expect(retryDelay(n + 1, r2)).toBeGreaterThanOrEqual(retryDelay(n, r1));
      }),
    );
  });

  it('keeps the jitter within half the base delay and never past the cap', () => {
    fc.assert(
      fc.property(attempt, random, (n, r) => {
        const delay = retryDelay(n, r);
        expect(delay).toBeGreaterThanOrEqual(baseRetryDelay(n) / 2);
        expect(delay).toBeLessThanOrEqual(baseRetryDelay(n));
        expect(delay).toBeLessThanOrEqual(MAX_RETRY_DELAY);
      }),
    );
  });

  it('spreads retries: different draws give different delays below the cap', () => {
    expect(retryDelay(1, 0)).not.toBe(retryDelay(1, 0.99));
  });

  it('disables a webhook after exactly DISABLE_AFTER_FAILURES consecutive failures', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 * DISABLE_AFTER_FAILURES }), (failures) => {
        let state = webhook;
        for (let i = 0; i < failures; i++) state = afterAttempt(state, { ok: false, outcome: 'status 500' }, i);
        expect(state.consecutiveFailures).toBe(failures);
        expect(state.disabledAt !== undefined).toBe(failures >= DISABLE_AFTER_FAILURES);
        if (state.disabledAt !== undefined) expect(state.disabledAt).toBe(DISABLE_AFTER_FAILURES - 1);
      }),
    );
  });

  it('resets the count on any success, so failures must be consecutive to disable', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 80 }), (outcomes) => {
        let state = webhook;
        let run = 0;
        let disabled = false;
        outcomes.forEach((ok, at) => {
          state = afterAttempt(state, ok ? { ok: true } : { ok: false, outcome: 'timeout' }, at);
          run = ok ? 0 : run + 1;
          disabled ||= run >= DISABLE_AFTER_FAILURES;
        });
        expect(state.consecutiveFailures).toBe(run);
        expect(state.disabledAt !== undefined).toBe(disabled);
      }),
    );
  });

  it('retries a failed delivery until its attempts run out or the webhook is disabled, never after a success', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_DELIVERY_ATTEMPTS + 3 }), random, fc.boolean(), (n, r, disabled) => {
        const after = disabled ? { ...webhook, disabledAt: 5 } : webhook;
        expect(nextStep(n, { ok: true }, after, r).kind).toBe('done');
        const step = nextStep(n, { ok: false, outcome: 'status 500' }, after, r);
        if (disabled) expect(step).toEqual({ kind: 'give-up', reason: 'webhook-disabled' });
        else if (n >= MAX_DELIVERY_ATTEMPTS) expect(step).toEqual({ kind: 'give-up', reason: 'attempts-exhausted' });
        else expect(step).toEqual({ kind: 'retry', delay: retryDelay(n, r) });
      }),
    );
  });
});

describe('webhook URLs', () => {
  it('accepts http and https only, without credentials', () => {
    expect(parseWebhookUrl('https://ha.local:8123/api/webhook/doorbell')).toEqual({
      ok: true,
      value: 'https://ha.local:8123/api/webhook/doorbell',
    });
    expect(parseWebhookUrl('http://192.168.1.5/hook').ok).toBe(true);
    for (const bad of ['ftp://x/y', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@x.com/', 'not a url', '', 42]) {
      expect(parseWebhookUrl(bad).ok).toBe(false);
    }
  });
});
