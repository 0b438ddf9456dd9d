import { CliError } from './cli-error';
import type { DoorbellAdmin, IssuedToken, VisitorSummary } from './doorbell-admin';

/**
 * The local doorbell's operator API over HTTP (adapters/local-http/admin-api.ts). Every failure becomes a CliError
 * that says what to do: start the server, fix the key, fix the input.
 */
export class AdminClient implements DoorbellAdmin {
  constructor(
    private readonly baseUrl: string,
    private readonly adminKey: string,
  ) {}

  issueToken(body: { role: 'resident' | 'doorbell'; name: string; deviceId?: string }): Promise<IssuedToken> {
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

  private async call(method: string, path: string, body?: unknown, alsoOk: number[] = []): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(new URL(`/admin/${path}`, this.baseUrl), {
        method,
        headers: { authorization: `Bearer ${this.adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new CliError(`No doorbell answers at ${this.baseUrl} (${causeOf(error)}). Start one with: npm start`);
    }
    const payload = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    if (response.ok || alsoOk.includes(response.status)) return payload;
    if (response.status === 401) throw new CliError('The doorbell refused the admin key. Is this the project folder the server runs from?');
    throw new CliError(payload?.error?.message ?? `the doorbell answered ${response.status}`);
  }
}

function causeOf(error: unknown): string {
  // fetch wraps the reason: a socket error has a code (ECONNREFUSED); a port fetch refuses to use (1, 9, …) only a message.
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
