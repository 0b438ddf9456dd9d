import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface PushResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
}

/**
 * POSTs one encrypted push over keep-alive connections, with a deadline for the whole exchange. web-push's own
 * `sendNotification` speaks only HTTPS and owns its sockets; this keeps both under the sender's control (a push
 * service on loopback for tests speaks HTTP). The body of the answer is read and dropped: only its status counts.
 */
export class PushRequests {
  private readonly https: HttpsAgent;
  private readonly http: HttpAgent;

  constructor(options: { readonly maxSockets: number }) {
    this.https = new HttpsAgent({ keepAlive: true, maxSockets: options.maxSockets });
    this.http = new HttpAgent({ keepAlive: true, maxSockets: options.maxSockets });
  }

  post(
    endpoint: string,
    headers: Readonly<Record<string, string | number>>,
    body: Uint8Array | null,
    timeoutMs: number,
  ): Promise<PushResponse> {
    const url = new URL(endpoint);
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const request = send(url, { method: 'POST', headers, agent: secure ? this.https : this.http }, (response) => {
        response.resume();
        response.once('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
        response.once('error', reject);
      });
      // One deadline for connecting, sending and the answer: a push service that hangs must not hold a slot.
      const timer = setTimeout(() => request.destroy(new PushTimeoutError(timeoutMs)), timeoutMs);
      request.once('close', () => clearTimeout(timer));
      request.once('error', reject);
      request.end(body ?? undefined);
    });
  }

  /** Closes idle keep-alive sockets (tests, the end of a benchmark). */
  close(): void {
    this.https.destroy();
    this.http.destroy();
  }
}

export class PushTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`the push service did not answer within ${timeoutMs} ms`);
    this.name = 'PushTimeoutError';
  }
}
