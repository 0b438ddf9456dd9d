import { afterEach } from 'vitest';
import { randomUUID } from 'node:crypto';
import { PostToConnectionCommand, type ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { WebSocket, type ClientOptions } from 'ws';
import { ApiGatewayDeviceNotifier } from '../../../adapters/api-gateway/api-gateway-device-notifier';
import { createManagementApiClient } from '../../../adapters/api-gateway/management-api-client';
import type {
  AuthorizerEvent,
  AuthorizerResult,
  ConnectEvent,
  DisconnectEvent,
  MessageEvent,
} from '../../../adapters/local-gateway/gateway-events';
import type { GatewayLogger } from '../../../adapters/local-gateway/gateway-logger';
import type { GatewayRoutes, LocalWebSocketGatewayOptions } from '../../../adapters/local-gateway/gateway-options';
import { LocalWebSocketGateway, type GatewayAddress } from '../../../adapters/local-gateway/local-websocket-gateway';
import type { ConnectionId } from '../../../domain/ids';
import { pongMessage } from '../../../domain/protocol/server-messages';

/**
 * A local gateway on a random loopback port with simple in-test routes, real `ws` clients, and the real SDK client
 * and ApiGatewayDeviceNotifier replying through the gateway's management API:
 *
 * - authorizer: token `good` → Allow with a context; no token → throws 'Unauthorized'; any other → Deny;
 * - $connect: records; `?refuse=NNN` answers that status;
 * - ping: pushes a pong to the sender through ApiGatewayDeviceNotifier;
 * - $default: posts `{ echo: body, routeKey }` back to the sender with PostToConnection;
 * - $disconnect: records.
 */

export const GOOD_TOKEN = 'good';
export const AUTHORIZER_CONTEXT = { householdId: 'home-1', deviceId: 'device-1', role: 'resident', answer: 42, trusted: true } as const;

/** Events as the handlers received them, oldest first, with a way to wait for one. */
export class Recorder<T> {
  readonly all: T[] = [];
  private readonly waiters = new Set<() => void>();

  add(item: T): void {
    this.all.push(item);
    this.waiters.forEach((wake) => wake());
  }

  /** The first recorded item matching, waiting for it up to `timeoutMs`. */
  async waitFor(predicate: (item: T) => boolean, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let checked = 0;
    for (;;) {
      const found = this.all.slice(checked).find(predicate);
      if (found !== undefined) return found;
      checked = this.all.length;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error('Recorder: nothing matching was recorded in time');
      let wake!: () => void;
      const woken = new Promise<void>((resolve) => (wake = resolve));
      this.waiters.add(wake);
      const timer = setTimeout(wake, remaining);
      await woken;
      clearTimeout(timer);
      this.waiters.delete(wake);
    }
  }
}

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Record<string, unknown> | undefined;
}

export function recordingLogger(): GatewayLogger & { readonly entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (message: string, fields?: Record<string, unknown>) =>
    void entries.push({ level, message, fields });
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export function allowPolicy(principalId: string, resource: string, context?: AuthorizerResult['context']): AuthorizerResult {
  return {
    principalId,
    policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: resource }] },
    ...(context === undefined ? {} : { context }),
  };
}

export interface Harness {
  readonly gateway: LocalWebSocketGateway;
  readonly address: GatewayAddress;
  readonly client: ApiGatewayManagementApiClient;
  readonly notifier: ApiGatewayDeviceNotifier;
  readonly logger: ReturnType<typeof recordingLogger>;
  readonly authorizations: Recorder<AuthorizerEvent>;
  readonly connects: Recorder<ConnectEvent>;
  readonly messages: Recorder<MessageEvent>;
  readonly disconnects: Recorder<DisconnectEvent>;
  /** Connects a client with the good token (unless `query` says otherwise) and learns its connection id. */
  connect(options?: ConnectOptions): Promise<TestClient>;
  /** The $disconnect event of that connection, once it arrived. */
  disconnectOf(connectionId: string, timeoutMs?: number): Promise<DisconnectEvent>;
  stop(): Promise<void>;
}

export interface ConnectOptions {
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly protocols?: string[];
}

export type HarnessOptions = Omit<Partial<LocalWebSocketGatewayOptions>, 'routes'> & { readonly routes?: Partial<GatewayRoutes> };

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const authorizations = new Recorder<AuthorizerEvent>();
  const connects = new Recorder<ConnectEvent>();
  const messages = new Recorder<MessageEvent>();
  const disconnects = new Recorder<DisconnectEvent>();
  const logger = recordingLogger();
  let client!: ApiGatewayManagementApiClient;
  let notifier!: ApiGatewayDeviceNotifier;

  const routes: GatewayRoutes = {
    authorizer: async (event) => {
      authorizations.add(event);
      const token = event.queryStringParameters['token'];
      if (token === undefined) throw new Error('Unauthorized');
      return {
        principalId: 'device-1',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: token === GOOD_TOKEN ? 'Allow' : 'Deny', Action: 'execute-api:Invoke', Resource: event.methodArn }],
        },
        context: AUTHORIZER_CONTEXT,
      } satisfies AuthorizerResult;
    },
    $connect: async (event) => {
      connects.add(event);
      const refuse = event.queryStringParameters?.['refuse'];
      return { statusCode: refuse === undefined ? 200 : Number(refuse) };
    },
    $disconnect: async (event) => {
      disconnects.add(event);
      return { statusCode: 200 };
    },
    ping: async (event: MessageEvent) => {
      messages.add(event);
      await notifier.push(event.requestContext.connectionId as ConnectionId, pongMessage());
      return { statusCode: 200 };
    },
    $default: async (event) => {
      messages.add(event);
      await postTo(
        client,
        event.requestContext.connectionId,
        JSON.stringify({ echo: event.body, routeKey: event.requestContext.routeKey }),
      );
      return { statusCode: 200 };
    },
    ...options.routes,
  };
  const gateway = new LocalWebSocketGateway({ logger, ...options, routes });
  const address = await gateway.start();
  client = createManagementApiClient({
    endpoint: address.managementEndpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  notifier = new ApiGatewayDeviceNotifier({ client, sleep: async () => undefined });

  const clients: TestClient[] = [];
  return {
    gateway,
    address,
    client,
    notifier,
    logger,
    authorizations,
    connects,
    messages,
    disconnects,
    async connect(connectOptions = {}) {
      const tag = randomUUID();
      const query = { token: GOOD_TOKEN, tag, ...connectOptions.query };
      const socket = await openSocket(`${address.url}?${new URLSearchParams(query).toString()}`, connectOptions);
      const connect = await connects.waitFor((event) => event.queryStringParameters?.['tag'] === tag);
      const testClient = new TestClient(socket, connect.requestContext.connectionId);
      clients.push(testClient);
      return testClient;
    },
    disconnectOf: (connectionId, timeoutMs) =>
      disconnects.waitFor((event) => event.requestContext.connectionId === connectionId, timeoutMs),
    async stop() {
      clients.forEach((testClient) => testClient.socket.terminate());
      await gateway.stop();
      client.destroy();
    },
  };
}

export async function postTo(client: ApiGatewayManagementApiClient, connectionId: string, text: string): Promise<void> {
  await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: new TextEncoder().encode(text) }));
}

/** A `ws` client: the frames it received, how it was closed, and a way to vanish without a close frame. */
export class TestClient {
  readonly frames: { readonly data: string; readonly isBinary: boolean }[] = [];
  readonly closed: Promise<{ readonly code: number; readonly reason: string }>;
  private readonly arrivals = new Recorder<number>();

  constructor(
    readonly socket: WebSocket,
    readonly connectionId: string,
  ) {
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      this.frames.push({ data: data.toString('utf8'), isBinary });
      this.arrivals.add(this.frames.length);
    });
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })));
  }

  send(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** The texts received so far, once there are at least `count`. */
  async received(count: number, timeoutMs = 5_000): Promise<string[]> {
    await this.arrivals.waitFor((n) => n >= count, timeoutMs);
    return this.frames.map((frame) => frame.data);
  }

  /** The JSON frames received so far, parsed, once there are at least `count`. */
  async receivedJson(count: number, timeoutMs?: number): Promise<unknown[]> {
    return (await this.received(count, timeoutMs)).map((text) => JSON.parse(text) as unknown);
  }

  /** The device disappears: its TCP socket is destroyed, no close frame is sent. */
  vanish(): void {
    (this.socket as unknown as { _socket: { destroy(): void } })._socket.destroy();
  }
}

export function openSocket(url: string, options: ConnectOptions = {}): Promise<WebSocket> {
  const clientOptions: ClientOptions = { headers: { 'User-Agent': 'doorbell-test', ...options.headers } };
  const socket = new WebSocket(url, options.protocols ?? [], clientOptions);
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** The HTTP status the handshake got: 101 when it opened (then the socket is closed), else the refusal's. */
export function handshakeStatus(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const socket = new WebSocket(url, { headers });
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.close();
      resolve({ status: 101, body: '' });
    });
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    socket.once('error', (error) => reject(error));
  });
}

/** `start` for tests that run one gateway each: every gateway started through it is stopped after its test. */
export function harnessPerTest(): (options?: HarnessOptions) => Promise<Harness> {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
  });
  return async (options) => {
    harness = await startHarness(options);
    return harness;
  };
}
