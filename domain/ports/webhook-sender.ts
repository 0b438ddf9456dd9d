import type { WebhookEventName } from '../webhooks/webhook';

export interface WebhookRequest {
  readonly url: string;
  readonly secret: string;
  readonly deliveryId: string;
  readonly event: WebhookEventName;
  /** The JSON body, sent as is; the signature covers `${timestamp}.${body}`. */
  readonly body: string;
  /** Unix seconds, signed with the body. */
  readonly timestamp: number;
}

/** Why an attempt failed: an HTTP answer outside 2xx (3xx included: redirects are not followed), or no answer. */
export type WebhookFailure =
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'unreachable'; readonly detail: string }
  | { readonly kind: 'tls'; readonly detail: string }
  | { readonly kind: 'refused-url'; readonly detail: string };

export type WebhookSendOutcome =
  | { readonly kind: 'delivered'; readonly status: number }
  | ({ readonly kind: 'failed' } & { readonly failure: WebhookFailure });

/** POSTs one signed delivery to a webhook. */
export interface WebhookSender {
  /**
   * One attempt, no retry: resolves `delivered` on a 2xx answer, `failed` with why otherwise (never rejects for
   * anything the receiver does). Follows no redirect (a 3xx is a failure), gives up after the attempt timeout,
   * verifies TLS certificates, reads and discards the response body (nothing of it is kept).
   */
  send(request: WebhookRequest): Promise<WebhookSendOutcome>;
}

/** A failure in a few words, as `webhook list` shows it: `status 500`, `timeout`, `tls`, … */
export function failureText(failure: WebhookFailure): string {
  switch (failure.kind) {
    case 'status':
      return `status ${failure.status}`;
    case 'timeout':
      return 'timeout';
    case 'unreachable':
      return `unreachable (${failure.detail})`;
    case 'tls':
      return `tls (${failure.detail})`;
    case 'refused-url':
      return `refused url (${failure.detail})`;
  }
}
