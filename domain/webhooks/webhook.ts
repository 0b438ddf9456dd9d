import type { HouseholdId } from '../ids';
import type { Instant } from '../time';

/**
 * A household's webhook: an HTTP(S) endpoint that receives signed JSON deliveries of the events it subscribed to.
 * The secret signs every delivery (HMAC-SHA256); it is a signing key, so it is kept to sign with, and shown to the
 * owner once, when the webhook is added.
 */
declare const brand: unique symbol;
export type WebhookId = string & { readonly [brand]: 'WebhookId' };

export const WEBHOOK_EVENTS = ['ring', 'answer', 'access-code'] as const;
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

/** Longer URLs are refused: nothing legitimate needs more, and the list prints them. */
export const MAX_WEBHOOK_URL_LENGTH = 2048;
/** A household's webhooks, at most: each ring fans out to all of them. */
export const MAX_WEBHOOKS_PER_HOUSEHOLD = 20;

/** How the last attempt to deliver to the webhook went. */
export interface LastDelivery {
  readonly at: Instant;
  /** `delivered` or why not: `status 500`, `timeout`, `unreachable`, `tls`, `redirect 302`, … */
  readonly outcome: string;
  readonly ok: boolean;
}

export interface Webhook {
  readonly id: WebhookId;
  readonly householdId: HouseholdId;
  readonly url: string;
  readonly events: readonly WebhookEventName[];
  /** Hex of 32 random bytes. Never listed, never logged; returned once by AddWebhook. */
  readonly secret: string;
  readonly createdAt: Instant;
  /** Failed attempts since the last success (or since it was added or re-enabled). */
  readonly consecutiveFailures: number;
  /** Set when it was disabled after too many consecutive failures; `doorbell webhook enable ID` clears it. */
  readonly disabledAt?: Instant;
  readonly lastDelivery?: LastDelivery;
}

/** A webhook as it is listed: everything but the secret. */
export type WebhookSummary = Omit<Webhook, 'secret'>;

export function summaryOf(webhook: Webhook): WebhookSummary {
  const { secret: _secret, ...summary } = webhook;
  return summary;
}

export function isActive(webhook: Webhook): boolean {
  return webhook.disabledAt === undefined;
}

export function subscribes(webhook: Webhook, event: WebhookEventName): boolean {
  return webhook.events.includes(event);
}

export const WEBHOOK_ID_PATTERN = /^[A-Za-z0-9_.\-:]{1,128}$/;

export function isWebhookId(value: unknown): value is WebhookId {
  return typeof value === 'string' && WEBHOOK_ID_PATTERN.test(value);
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/**
 * A delivery URL: absolute `http:` or `https:` only (no `file:`, `ftp:`, `javascript:`…), no user name or password
 * in it (a list would print them), at most MAX_WEBHOOK_URL_LENGTH characters. Returned normalized.
 */
export function parseWebhookUrl(text: unknown): Parsed<string> {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, reason: 'a webhook needs a URL' };
  if (text.length > MAX_WEBHOOK_URL_LENGTH) return { ok: false, reason: `a webhook URL has at most ${MAX_WEBHOOK_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, reason: 'not an absolute URL (http://… or https://…)' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: `only http: and https: URLs, not ${url.protocol}` };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'no user name or password in the URL' };
  return { ok: true, value: url.href };
}

/** The events to subscribe to: a non-empty subset of WEBHOOK_EVENTS (duplicates dropped); absent means all. */
export function parseWebhookEvents(events: unknown): Parsed<readonly WebhookEventName[]> {
  if (events === undefined) return { ok: true, value: WEBHOOK_EVENTS };
  if (!Array.isArray(events) || events.length === 0) return { ok: false, reason: `events are some of ${WEBHOOK_EVENTS.join(', ')}` };
  const unknown = events.filter((event) => !(WEBHOOK_EVENTS as readonly unknown[]).includes(event));
  if (unknown.length > 0)
    return { ok: false, reason: `unknown event ${JSON.stringify(unknown[0])}: events are ${WEBHOOK_EVENTS.join(', ')}` };
  return { ok: true, value: WEBHOOK_EVENTS.filter((event) => events.includes(event)) };
}
