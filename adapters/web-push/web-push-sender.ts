import { createHash } from 'node:crypto';
import webpush from 'web-push';
import type { PushDelivery, PushOptions, PushSender } from '../../domain/ports/push-sender';
import type { PushSubscription } from '../../domain/push-subscription';
import type { VapidKeyStore } from '../../domain/ports/vapid-key-store';
import { fullJitterDelay } from '../api-gateway/backoff';
import { PushRequests } from './push-requests';
import { retryAfterMs } from './retry-after';

export interface WebPushSenderOptions {
  readonly keys: VapidKeyStore;
  /** Who runs this server, for push services to contact (VAPID `sub`): a `mailto:` or `https:` URL. */
  readonly subject: string;
  /** Sockets per push service origin (the fan-out's concurrency). */
  readonly maxSockets?: number;
  /** Deadline of one attempt. */
  readonly timeoutMs?: number;
  /** Attempts in all for 429, 5xx and network failures (the first included). */
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the push fails instead of holding the fan-out. */
  readonly maxRetryAfterMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
}

/** A VAPID token may live at most 24 hours (RFC 8292 §2); ours live 12, and are signed again an hour before. */
const VAPID_TOKEN_LIFETIME_MS = 12 * 3_600_000;
const VAPID_TOKEN_REFRESH_MARGIN_MS = 3_600_000;

/**
 * Web Push through the `web-push` library (RFC 8291 aes128gcm encryption, RFC 8292 VAPID signatures), sent with our
 * own HTTP client (PushRequests) so that timeouts, keep-alive and retries are ours:
 *
 *   201/200/202 → delivered · 404/410 → gone · 429, 5xx, network, timeout → retried with full-jitter backoff, or
 *   after `Retry-After` when given (up to maxRetryAfterMs), at most maxAttempts → failed · anything else → failed.
 *
 * Never rejects: a push that cannot be made (a subscription whose keys the library refuses) is `failed` too.
 */
export class WebPushSender implements PushSender {
  private readonly requests: PushRequests;
  /** VAPID headers by push service and key: see vapidAuthorization. */
  private readonly signed = new Map<string, { readonly authorization: string; readonly refreshAt: number }>();
  private readonly settings: Required<Omit<WebPushSenderOptions, 'keys' | 'subject' | 'maxSockets'>>;

  constructor(private readonly options: WebPushSenderOptions) {
    this.requests = new PushRequests({ maxSockets: options.maxSockets ?? 16 });
    this.settings = {
      timeoutMs: options.timeoutMs ?? 5_000,
      maxAttempts: options.maxAttempts ?? 3,
      baseDelayMs: options.baseDelayMs ?? 200,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 10_000,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      random: options.random ?? Math.random,
      now: options.now ?? Date.now,
    };
  }

  async send(subscription: PushSubscription, payload: string, options: PushOptions): Promise<PushDelivery> {
    let details: ReturnType<typeof webpush.generateRequestDetails>;
    try {
      details = webpush.generateRequestDetails({ endpoint: subscription.endpoint, keys: subscription.keys }, payload, {
        TTL: options.ttlSeconds,
        urgency: options.urgency,
        topic: pushTopic(options.replaceKey),
        contentEncoding: 'aes128gcm',
      });
      details.headers['Authorization'] = await this.vapidAuthorization(new URL(subscription.endpoint).origin);
    } catch (error) {
      return { kind: 'failed', reason: `could not build the push: ${error instanceof Error ? error.message : String(error)}` };
    }
    const { maxAttempts } = this.settings;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(details);
      if (outcome.kind !== 'retry') return outcome;
      if (attempt >= maxAttempts) return { kind: 'failed', reason: `${outcome.reason}, after ${attempt} attempts` };
      const wait = outcome.retryAfterMs ?? fullJitterDelay(attempt - 1, this.settings.baseDelayMs, this.settings.random);
      if (wait > this.settings.maxRetryAfterMs)
        return { kind: 'failed', reason: `${outcome.reason}; Retry-After ${wait} ms is too long to wait` };
      await this.settings.sleep(wait);
    }
  }

  /**
   * The VAPID `Authorization` header for a push service (its origin is the JWT's audience), signed once and reused
   * until an hour before it expires (RFC 8292 allows one token for many requests). Signing (ES256, in web-push) is
   * most of a push's CPU; a fan-out to one push service signs once instead of once per subscription.
   */
  private async vapidAuthorization(audience: string): Promise<string> {
    const keys = await this.options.keys.keyPair();
    const key = `${audience} ${keys.publicKey}`;
    const now = this.settings.now();
    const cached = this.signed.get(key);
    if (cached && now < cached.refreshAt) return cached.authorization;
    const expiresAt = now + VAPID_TOKEN_LIFETIME_MS;
    const headers = webpush.getVapidHeaders(
      audience,
      this.options.subject,
      keys.publicKey,
      keys.privateKey,
      'aes128gcm',
      Math.floor(expiresAt / 1000),
    );
    this.signed.set(key, { authorization: headers.Authorization, refreshAt: expiresAt - VAPID_TOKEN_REFRESH_MARGIN_MS });
    return headers.Authorization;
  }

  /** Closes the idle keep-alive sockets. */
  close(): void {
    this.requests.close();
  }

  private async attempt(
    details: ReturnType<typeof webpush.generateRequestDetails>,
  ): Promise<PushDelivery | { readonly kind: 'retry'; readonly reason: string; readonly retryAfterMs?: number }> {
    try {
      const headers = details.headers as Record<string, string | number>;
      const body = details.body === null ? null : new Uint8Array(details.body);
      const response = await this.requests.post(details.endpoint, headers, body, this.settings.timeoutMs);
      const { status } = response;
      if (status >= 200 && status < 300) return { kind: 'delivered' };
      if (status === 404 || status === 410) return { kind: 'gone', status };
      if (status === 429 || status >= 500) {
        const retryAfter = retryAfterMs(response.headers['retry-after'], this.settings.now());
        return {
          kind: 'retry',
          reason: `the push service answered ${status}`,
          ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
        };
      }
      return { kind: 'failed', reason: `the push service answered ${status}` };
    } catch (error) {
      return { kind: 'retry', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }
}

/** A Topic header is at most 32 characters of base64url (RFC 8030 §5.4): the replace key's SHA-256, cut to 32. */
export function pushTopic(replaceKey: string): string {
  return createHash('sha256').update(replaceKey).digest('base64url').slice(0, 32);
}
