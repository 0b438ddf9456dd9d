import { request as httpRequest } from 'node:http';
import { CliError } from './cli-error';
import type { AddedWebhook, DoorbellAdmin, IssuedToken, VisitorSummary, WebhookListing } from './doorbell-admin';

/**
 * The local doorbell's operator API over HTTP (adapters/local-http/admin-api.ts). Every failure becomes a CliError
 * that says what to do: start the server, fix the key, fix the input.
 */
export class AdminClient implements DoorbellAdmin {
  constructor(
    private readonly baseUrl: string,
    private readonly adminKey: string,
  ) {}

  issueToken(body: { role: 'resident' | 'doorbell'; name: string; door?: string; deviceId?: string }): Promise<IssuedToken> {
    return this.call('POST', 'tokens', body) as Promise<IssuedToken>;
  }

  enroll(body: { name: string; trusted?: boolean; photos: string[] }): Promise<Record<string, unknown>> {
    return this.call('POST', 'visitors', body, [422]) as Promise<Record<string, unknown>>;
  }

  forget(name: string): Promise<{ kind: string }> {
    return this.call('DELETE', `visitors/${encodeURIComponent(name)}`, undefined, [404]) as Promise<{ kind: string }>;
  }

  visitors(): Promise<{ visitors: VisitorSummary[] }> {
    return this.call('GET', 'visitors') as Promise<{ visitors: VisitorSummary[] }>;
  }

  history(limit?: number): Promise<{ rings: Record<string, unknown>[] }> {
    return this.call('GET', `history${limit === undefined ? '' : `?limit=${limit}`}`) as Promise<{ rings: Record<string, unknown>[] }>;
  }

  addWebhook(body: { url: string; events?: string[] }): Promise<AddedWebhook> {
    return this.call('POST', 'webhooks', body) as Promise<AddedWebhook>;
  }

  webhooks(): Promise<{ webhooks: WebhookListing[] }> {
    return this.call('GET', 'webhooks') as Promise<{ webhooks: WebhookListing[] }>;
  }

  removeWebhook(id: string): Promise<{ kind: string }> {
    return this.call('DELETE', `webhooks/${encodeURIComponent(id)}`, undefined, [404]) as Promise<{ kind: string }>;
  }

  enableWebhook(id: string): Promise<{ kind: string; webhook?: WebhookListing }> {
    return this.call('POST', `webhooks/${encodeURIComponent(id)}/enable`, undefined, [404]) as Promise<{
      kind: string;
      webhook?: WebhookListing;
    }>;
  }

  private async call(method: string, path: string, body?: unknown, alsoOk: number[] = []): Promise<unknown> {
    let response: HttpResponse;
    try {
      response = await exchange(
        new URL(`/admin/${path}`, this.baseUrl),
        method,
        {
          authorization: `Bearer ${this.adminKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body === undefined ? undefined : JSON.stringify(body),
      );
    } catch (error) {
      throw new CliError(`No doorbell answers at ${this.baseUrl} (${causeOf(error)}). Start one with: npm start`);
    }
    const payload = parseJson(response.text) as { error?: { message?: string } } | undefined;
    if ((response.status >= 200 && response.status < 300) || alsoOk.includes(response.status)) return payload;
    if (response.status === 401) throw new CliError('The doorbell refused the admin key. Is this the project folder the server runs from?');
    throw new CliError(payload?.error?.message ?? `the doorbell answered ${response.status}`);
  }
}

interface HttpResponse {
  readonly status: number;
  readonly text: string;
}

/**
 * One request with node:http (node:https for an https URL) rather than fetch: fetch compiles its HTTP parser on
 * first use, which alone took longer than the rest of a command's start.
 */
async function exchange(url: URL, method: string, headers: Record<string, string>, body?: string): Promise<HttpResponse> {
  const { request } = url.protocol === 'https:' ? await import('node:https') : { request: httpRequest };
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function causeOf(error: unknown): string {
  // A socket error has a code (ECONNREFUSED); a URL node cannot request (another protocol) only a message.
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}
