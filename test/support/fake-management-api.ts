import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for API Gateway's WebSocket Management API (`@connections`), spoken over HTTP so the real SDK
 * client talks to it: `POST /@connections/{id}` (the body is the message, as is), `GET` (the connection's details),
 * `DELETE` (disconnects it). It answers as API Gateway does — restJson1 errors named by the `x-amzn-ErrorType`
 * header, which the SDK reads first, with a `{"message": …}` body — so the adapter's error mapping is exercised
 * through the SDK's real deserializer. The local WebSocket gateway will implement the same API for real devices.
 *
 * Any path prefix is accepted before `/@connections/`, like the stage of a real callback URL
 * (`https://{api-id}.execute-api.{region}.amazonaws.com/{stage}`).
 */

/** API Gateway's WebSocket message payload limit (128 KB); larger posts answer 413. */
export const MAX_MESSAGE_BYTES = 128 * 1024;

/** How a scripted post fails: the status, the error name for `x-amzn-ErrorType` (none: as from a proxy), a body. */
export interface Fault {
  readonly status: number;
  readonly type?: string;
  readonly body?: string;
}

export const LIMIT_EXCEEDED: Fault = { status: 429, type: 'LimitExceededException' };

export interface ManagementApiCall {
  readonly method: string;
  /** URL-decoded, as the SDK's percent-encoding is undone. */
  readonly connectionId: string;
  readonly status: number;
}

interface Connection {
  readonly connectedAt: Date;
  lastActiveAt: Date;
  readonly identity: { readonly sourceIp: string; readonly userAgent: string };
  open: boolean;
  readonly messages: Buffer[];
}

const CONNECTIONS_PATH = /^(?:\/[^/]+)*\/@connections\/([^/]+)$/;

export class FakeManagementApi {
  private readonly connections = new Map<string, Connection>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly log: ManagementApiCall[] = [];

  private constructor(
    private readonly server: Server,
    /** `http://127.0.0.1:{port}`: the SDK client's `endpoint`. */
    readonly endpoint: string,
  ) {}

  static async start(): Promise<FakeManagementApi> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const api = new FakeManagementApi(server, `http://127.0.0.1:${port}`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      api.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) api.sendError(response, 500, 'InternalServerErrorException', String(error));
        else response.destroy();
      });
    });
    return api;
  }

  /** A device connects; without `id`, one shaped like API Gateway's (`L0SM9cOFvHcCIhw=`: base64, may hold `+` `/`). */
  connect(id: string = randomBytes(11).toString('base64')): string {
    const now = new Date();
    this.connections.set(id, {
      connectedAt: now,
      lastActiveAt: now,
      identity: { sourceIp: '127.0.0.1', userAgent: 'doorbell-test-device' },
      open: true,
      messages: [],
    });
    return id;
  }

  /** The device disappears without a close handshake: from now on the API answers 410 for it. */
  vanish(id: string): void {
    const connection = this.connections.get(id);
    if (connection) connection.open = false;
  }

  /** The messages posted to the connection, parsed as JSON, oldest first (still readable after it vanished). */
  received(id: string): unknown[] {
    return (this.connections.get(id)?.messages ?? []).map((bytes) => JSON.parse(bytes.toString('utf8')) as unknown);
  }

  /** The next `count` posts to `id` fail with `fault` (429 LimitExceededException unless told). */
  failNext(id: string, count: number, fault: Fault = LIMIT_EXCEEDED): void {
    this.faults.set(id, [...(this.faults.get(id) ?? []), ...Array.from({ length: count }, () => fault)]);
  }

  /** Every request so far, oldest first. */
  get calls(): readonly ManagementApiCall[] {
    return [...this.log];
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const match = CONNECTIONS_PATH.exec(new URL(request.url ?? '/', 'http://fake').pathname);
    if (!match?.[1]) {
      this.sendError(response, 404, 'NotFoundException', 'Not Found');
      return;
    }
    const id = decodeId(match[1]);
    if (id === undefined) {
      this.sendError(response, 400, 'BadRequestException', 'Invalid connection id');
      return;
    }
    const status = this.answer(request, response, id, body);
    this.log.push({ method: request.method ?? '', connectionId: id, status });
  }

  /** Answers one request; returns the status sent. */
  private answer(request: IncomingMessage, response: ServerResponse, id: string, body: Buffer | 'too-large'): number {
    // The SDK always signs (SigV4); an unsigned request is refused, as API Gateway does.
    if (!request.headers.authorization?.startsWith('AWS4-HMAC-SHA256')) {
      return this.sendError(response, 403, 'ForbiddenException', 'Missing Authentication Token');
    }
    const connection = this.connections.get(id);
    const live = connection?.open ? connection : undefined;
    switch (request.method) {
      case 'POST': {
        const fault = this.faults.get(id)?.shift();
        if (fault) return this.sendFault(response, fault);
        if (body === 'too-large') return this.sendError(response, 413, 'PayloadTooLargeException', 'Message too long');
        if (!live) return this.sendError(response, 410, 'GoneException', null);
        live.messages.push(body);
        live.lastActiveAt = new Date();
        return this.send(response, 200);
      }
      case 'GET':
        if (!live) return this.sendError(response, 410, 'GoneException', null);
        return this.send(response, 200, {
          connectedAt: live.connectedAt.toISOString(),
          identity: live.identity,
          lastActiveAt: live.lastActiveAt.toISOString(),
        });
      case 'DELETE':
        if (!live) return this.sendError(response, 410, 'GoneException', null);
        live.open = false;
        return this.send(response, 204);
      default:
        return this.sendError(response, 405, 'MethodNotAllowedException', `${request.method} is not supported`);
    }
  }

  private sendFault(response: ServerResponse, fault: Fault): number {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-RequestId': randomUUID() };
    if (fault.type !== undefined) headers['x-amzn-ErrorType'] = fault.type;
    response.writeHead(fault.status, headers).end(fault.body ?? JSON.stringify({ message: fault.type ?? null }));
    return fault.status;
  }

  private sendError(response: ServerResponse, status: number, type: string, message: string | null): number {
    return this.sendFault(response, { status, type, body: JSON.stringify({ message }) });
  }

  private send(response: ServerResponse, status: number, json?: unknown): number {
    const headers = { 'x-amzn-RequestId': randomUUID(), ...(json === undefined ? {} : { 'content-type': 'application/json' }) };
    response.writeHead(status, headers).end(json === undefined ? undefined : JSON.stringify(json));
    return status;
  }
}

/** The SDK percent-encodes the id (`=` → `%3D`); undefined when the encoding is broken. */
function decodeId(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The request body, or 'too-large' past API Gateway's limit (the rest is drained, not kept). */
async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size <= MAX_MESSAGE_BYTES) chunks.push(chunk);
  }
  return size > MAX_MESSAGE_BYTES ? 'too-large' : Buffer.concat(chunks);
}
