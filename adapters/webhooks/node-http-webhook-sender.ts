import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { WebhookFailure, WebhookRequest, WebhookSendOutcome, WebhookSender } from '../../domain/ports/webhook-sender';
import type { Duration } from '../../domain/time';
import { DELIVERY_ATTEMPT_TIMEOUT } from '../../domain/webhooks/webhook-policy';
import { WEBHOOK_HEADERS, WEBHOOK_USER_AGENT, webhookSignature } from './webhook-signature';

export interface NodeHttpWebhookSenderOptions {
  /** The whole attempt (connect, send, answer, body drained); default DELIVERY_ATTEMPT_TIMEOUT. */
  readonly timeout?: Duration;
  /** Certificates to trust besides the system's (tests with a certificate of their own); never "trust anything". */
  readonly ca?: string | Buffer;
}

/** Node's errors that mean the TLS handshake or the certificate failed, not the network. */
const TLS_ERROR = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME/i;

/**
 * POSTs a signed delivery with node:http(s). One attempt: no redirect is followed (Node's client never follows;
 * a 3xx is reported as a failure), the attempt is aborted at the timeout, certificates are verified, and the
 * response body is read and thrown away as it arrives (never buffered, never kept), so a slow or huge answer costs
 * nothing but the timeout.
 */
export class NodeHttpWebhookSender implements WebhookSender {
  private readonly timeout: Duration;

  constructor(private readonly options: NodeHttpWebhookSenderOptions = {}) {
    this.timeout = options.timeout ?? DELIVERY_ATTEMPT_TIMEOUT;
  }

  send(delivery: WebhookRequest): Promise<WebhookSendOutcome> {
    let url: URL;
    try {
      url = new URL(delivery.url);
    } catch {
      return Promise.resolve(failed({ kind: 'refused-url', detail: 'not a URL' }));
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return Promise.resolve(failed({ kind: 'refused-url', detail: `${url.protocol} is not http: or https:` }));
    }
    const body = Buffer.from(delivery.body, 'utf8');
    const headers = {
      'Content-Type': 'application/json',
      'Content-Length': String(body.length),
      'User-Agent': WEBHOOK_USER_AGENT,
      [WEBHOOK_HEADERS.id]: delivery.deliveryId,
      [WEBHOOK_HEADERS.timestamp]: String(delivery.timestamp),
      [WEBHOOK_HEADERS.signature]: webhookSignature(delivery.secret, delivery.timestamp, delivery.body),
      [WEBHOOK_HEADERS.event]: delivery.event,
    };

    return new Promise<WebhookSendOutcome>((resolve) => {
      let settled = false;
      const settle = (outcome: WebhookSendOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const onResponse = (response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        // Drain, don't keep: the body only has to be consumed for the socket to finish.
        response.on('data', () => undefined);
        response.on('error', () => settle(failed({ kind: 'unreachable', detail: 'the answer broke off' })));
        response.on('end', () =>
          settle(status >= 200 && status < 300 ? { kind: 'delivered', status } : failed({ kind: 'status', status })),
        );
      };
      const common = { method: 'POST', headers, agent: false as const };
      const outgoing =
        url.protocol === 'https:'
          ? httpsRequest(
              url,
              { ...common, rejectUnauthorized: true, ...(this.options.ca === undefined ? {} : { ca: this.options.ca }) },
              onResponse,
            )
          : httpRequest(url, common, onResponse);
      const timer = setTimeout(() => {
        settle(failed({ kind: 'timeout' }));
        outgoing.destroy();
      }, this.timeout);
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        const code = error.code ?? error.name;
        settle(failed(TLS_ERROR.test(code) ? { kind: 'tls', detail: code } : { kind: 'unreachable', detail: code }));
      });
      outgoing.end(body);
    });
  }
}

function failed(failure: WebhookFailure): WebhookSendOutcome {
  return { kind: 'failed', failure };
}
