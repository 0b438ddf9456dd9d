import { minutes, seconds, type Duration, type Instant } from '../time';
import type { LastDelivery, Webhook } from './webhook';

/**
 * When to retry a delivery and when to give up on a webhook. Pure: the jitter's randomness comes in as a number.
 *
 * A delivery is tried at most MAX_DELIVERY_ATTEMPTS times. Before attempt n+1 it waits an "equal jitter" delay:
 * half of base(n) plus up to the other half at random, base(n) = FIRST_RETRY_DELAY × 2^(n-1) capped at
 * MAX_RETRY_DELAY. So below the cap delays never shrink from one attempt to the next whatever the draws (the next
 * one's floor is the previous one's ceiling), and retries of many deliveries spread instead of arriving in lockstep.
 *
 * A webhook whose last DISABLE_AFTER_FAILURES attempts all failed is disabled (no more deliveries until it is
 * enabled again); any success resets the count.
 */
export const MAX_DELIVERY_ATTEMPTS = 6;
export const FIRST_RETRY_DELAY: Duration = seconds(10);
/** 15 minutes: also the longest delay an SQS message can carry, which the deployed queue uses for backoff. */
export const MAX_RETRY_DELAY: Duration = minutes(15);
export const DISABLE_AFTER_FAILURES = 15;
/** How long one attempt may take, connection to last byte, before it counts as failed. */
export const DELIVERY_ATTEMPT_TIMEOUT: Duration = seconds(10);

/** The base delay after the `attempt`-th attempt failed (attempt ≥ 1). */
export function baseRetryDelay(attempt: number): Duration {
  return Math.min(MAX_RETRY_DELAY, FIRST_RETRY_DELAY * 2 ** Math.max(0, attempt - 1));
}

/** The delay before the next attempt, `attempt` being the one that just failed; `random` in [0, 1). */
export function retryDelay(attempt: number, random: number): Duration {
  const base = baseRetryDelay(attempt);
  const fraction = Math.min(Math.max(random, 0), 1);
  return Math.round(base / 2 + (base / 2) * fraction);
}

export type AttemptResult = { readonly ok: true } | { readonly ok: false; readonly outcome: string };

/** The webhook after an attempt: a success resets the failures, a failure counts and may disable it. */
export function afterAttempt(webhook: Webhook, result: AttemptResult, at: Instant): Webhook {
  const lastDelivery: LastDelivery = result.ok ? { at, outcome: 'delivered', ok: true } : { at, outcome: result.outcome, ok: false };
  if (result.ok) return { ...webhook, consecutiveFailures: 0, lastDelivery };
  const consecutiveFailures = webhook.consecutiveFailures + 1;
  const disabledAt = webhook.disabledAt ?? (consecutiveFailures >= DISABLE_AFTER_FAILURES ? at : undefined);
  return { ...webhook, consecutiveFailures, lastDelivery, ...(disabledAt === undefined ? {} : { disabledAt }) };
}

/** Enabled again by its owner: active, failures forgotten. */
export function reEnabled(webhook: Webhook): Webhook {
  const { disabledAt: _disabledAt, ...rest } = webhook;
  return { ...rest, consecutiveFailures: 0 };
}

export type NextStep =
  | { readonly kind: 'done' }
  | { readonly kind: 'retry'; readonly delay: Duration }
  | { readonly kind: 'give-up'; readonly reason: 'attempts-exhausted' | 'webhook-disabled' };

/** What follows the `attempt`-th attempt of a delivery, given the webhook as that attempt left it. */
export function nextStep(attempt: number, result: AttemptResult, webhook: Webhook, random: number): NextStep {
  if (result.ok) return { kind: 'done' };
  if (webhook.disabledAt !== undefined) return { kind: 'give-up', reason: 'webhook-disabled' };
  if (attempt >= MAX_DELIVERY_ATTEMPTS) return { kind: 'give-up', reason: 'attempts-exhausted' };
  return { kind: 'retry', delay: retryDelay(attempt, random) };
}
