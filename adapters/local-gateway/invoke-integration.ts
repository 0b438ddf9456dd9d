import { setTimeout as delay } from 'node:timers/promises';
import type { RouteHandler } from './gateway-options';

/**
 * How one integration call ended. API Gateway stops waiting after its integration timeout (29 s); the function
 * may still be running, but its answer no longer counts. A handler that throws synchronously counts as failed.
 */
export type IntegrationOutcome =
  | { readonly kind: 'returned'; readonly value: unknown; readonly latencyMs: number }
  | { readonly kind: 'failed'; readonly error: unknown; readonly latencyMs: number }
  | { readonly kind: 'timed-out'; readonly latencyMs: number };

export async function invokeIntegration<Event>(handler: RouteHandler<Event>, event: Event, timeoutMs: number): Promise<IntegrationOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeout = new AbortController();
  const call = (async () => handler(event))().then(
    (value): IntegrationOutcome => ({ kind: 'returned', value, latencyMs: elapsed() }),
    (error: unknown): IntegrationOutcome => ({ kind: 'failed', error, latencyMs: elapsed() }),
  );
  const timer = delay(timeoutMs, undefined, { signal: timeout.signal }).then(
    (): IntegrationOutcome => ({ kind: 'timed-out', latencyMs: elapsed() }),
    () => new Promise<never>(() => undefined), // aborted: the call settled first
  );
  try {
    return await Promise.race([call, timer]);
  } finally {
    timeout.abort();
  }
}
