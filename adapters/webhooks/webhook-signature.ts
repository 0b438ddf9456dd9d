import { createHmac } from 'node:crypto';

/**
 * The headers of a webhook delivery (docs/webhooks.md): public API, spelled here once. The signature is
 * `v1=` + hex HMAC-SHA256(secret, `${timestamp}.${body}`), as Stripe's scheme, so a receiver can check both that the
 * body is ours and that it is fresh (reject timestamps older than 5 minutes).
 */
export const WEBHOOK_HEADERS = {
  id: 'Doorbell-Webhook-Id',
  timestamp: 'Doorbell-Webhook-Timestamp',
  signature: 'Doorbell-Webhook-Signature',
  event: 'Doorbell-Event',
} as const;

export const WEBHOOK_SIGNATURE_VERSION = 'v1';
export const WEBHOOK_USER_AGENT = 'Doorbell-Webhooks/1';

/** `v1=<hex>` over `${timestamp}.${body}` with the webhook's secret (its hex text used as the key, as given). */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `${WEBHOOK_SIGNATURE_VERSION}=${mac}`;
}
