import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { newConnectionId } from './aws-ids';
import { admitConnection } from './connect-admission';
import { ABNORMAL_CLOSURE, GATEWAY_STOPPING } from './disconnect-causes';
import { runDisconnect } from './disconnect-route';
import type { ConnectionAuthorizer, EventIdentity } from './gateway-events';
import { describeError } from './gateway-logger';
import { gatewaySettings, type GatewaySettings, type LocalWebSocketGatewayOptions } from './gateway-options';
import { isWebSocketHandshake, readHandshake } from './handshake-request';
import { refuseHandshake } from './handshake-refusal';
import { LiveConnection } from './live-connection';
import { answerForbidden, managementApi } from './management-api';
import { routeMessage } from './message-routing';
import { actionRouteKeys } from './route-selection';
import type { ConnectionFacts } from './websocket-events';

export interface GatewayAddress {
  /** Where devices connect: `ws://127.0.0.1:{port}`, `wss://…` with TLS (`/{stage}` is accepted too, as in an AWS stage URL). */
  readonly url: string;
  /**
   * The management API's endpoint for the SDK client: `http://127.0.0.1:{port}` (a `/{stage}` suffix works too); with
   * TLS, a port of its own, plain HTTP on 127.0.0.1.
   */
  readonly managementEndpoint: string;
}

/** A live connection as tests see it. */
export interface ConnectionSnapshot {
  readonly connectionId: string;
  readonly connectedAt: number;
  readonly lastActiveAt: number;
  readonly identity: EventIdentity;
  readonly authorizer: ConnectionAuthorizer | undefined;
}

/** How long `stop()` lets clients answer the close frame before it drops them. */
const STOP_GRACE_MS = 1_000;

/**
 * A local stand-in for API Gateway's WebSocket API, so that the same Lambda handler modules serve real WebSocket
 * clients on a laptop. It knows nothing of the doorbell: it is configured with handlers that take API Gateway's
 * events, and it offers the `@connections` management API on the same port for them to reply through.
 *
 * - Handshake: REQUEST authorizer, then `$connect`; the upgrade completes only if both admit it (see
 *   `connect-admission.ts` for the status of each refusal).
 * - Messages: route selection on `$request.body.action`, else `$default`; each connection's messages are handled
 *   one at a time, in order, while connections run concurrently. Over `maxMessageBytes` → close 1009.
 * - Disconnect: on any close (client, idle timeout, maximum duration, DeleteConnection, dropped socket, a client
 *   that stops answering pings), `$disconnect` with the status code and reason, after the connection's pending
 *   messages; the connection is gone (410) from the moment it starts closing.
 */
export class LocalWebSocketGateway {
  private readonly settings: GatewaySettings;
  private readonly actionRoutes: ReadonlySet<string>;
  private readonly live = new Map<string, LiveConnection>();
  /** Handshakes being decided, and $disconnects not yet done: `stop()` waits for both. */
  private readonly inFlight = new Set<Promise<void>>();
  /** The subprotocol `$connect` chose, per upgrade request, for the library's protocol selection. */
  private readonly chosenProtocols = new WeakMap<IncomingMessage, string | undefined>();
  private readonly webSockets: WebSocketServer;
  private readonly management: (request: IncomingMessage, response: ServerResponse) => boolean;
  private server: Server | undefined;
  /** With TLS only: the `@connections` API's own loopback port. */
  private managementServer: Server | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private state: 'idle' | 'running' | 'stopping' | 'stopped' = 'idle';
  private stopping: Promise<void> | undefined;

  constructor(options: LocalWebSocketGatewayOptions) {
    this.settings = gatewaySettings(options);
    const { routes } = this.settings;
    this.actionRoutes = actionRouteKeys(Object.keys(routes).filter((key) => routes[key] !== undefined));
    this.webSockets = new WebSocketServer({
      noServer: true,
      // API Gateway's message limit: the library closes with 1009 (Message Too Big) past it, as API Gateway does.
      maxPayload: this.settings.maxMessageBytes,
      // API Gateway answers a requested subprotocol only when $connect returns it; it never picks one itself.
      handleProtocols: (offered, request) => {
        const chosen = this.chosenProtocols.get(request);
        return chosen !== undefined && offered.has(chosen) ? chosen : false;
      },
    });
    this.management = managementApi({
      stage: this.settings.stage,
      maxMessageBytes: this.settings.maxMessageBytes,
      postFaults: this.settings.postFaults,
      find: (connectionId) => this.live.get(connectionId),
      credentials: this.settings.managementCredentials,
    });
  }

  /**
   * Listens, and resolves with where devices connect and where the management API is.
   * @throws Error when called twice, or after `stop()`; the listen error when the port is taken.
   */
  async start(): Promise<GatewayAddress> {
    if (this.state !== 'idle') throw new Error(`LocalWebSocketGateway: start() called when ${this.state}`);
    const limits = this.settings.httpLimits;
    const options: ServerOptions = {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    };
    const { tls } = this.settings;
    const onRequest = (request: IncomingMessage, response: ServerResponse) => this.onRequest(request, response);
    const server = tls ? createTlsServer({ ...options, cert: tls.cert, key: tls.key }, onRequest) : createServer(options, onRequest);
    server.keepAliveTimeout = limits.keepAliveTimeoutMs;
    server.maxRequestsPerSocket = limits.maxRequestsPerSocket;
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.onUpgrade(request, socket, head));
    await listen(server, this.settings.port, this.settings.host);
    this.server = server;
    if (tls) {
      // The push client is on this machine: the management API stays plain HTTP, on loopback only.
      const management = createServer(options, (request, response) => {
        if (!this.management(request, response)) answerForbidden(response);
      });
      this.managementServer = management;
      await listen(management, 0, '127.0.0.1');
    }
    this.state = 'running';
    this.heartbeat = setInterval(() => this.live.forEach((connection) => connection.heartbeat()), this.settings.heartbeatIntervalMs);
    this.heartbeat.unref();
    const { port } = server.address() as AddressInfo;
    const host = this.settings.host.includes(':') ? `[${this.settings.host}]` : this.settings.host;
    const managementEndpoint = this.managementServer
      ? `http://127.0.0.1:${(this.managementServer.address() as AddressInfo).port}`
      : `http://${host}:${port}`;
    return { url: `${tls ? 'wss' : 'ws'}://${host}:${port}`, managementEndpoint };
  }

  /**
   * Closes every connection with 1001 (Going away), runs their $disconnects, and closes the server. Handshakes
   * being decided finish first; one admitted meanwhile is refused and gets its $disconnect. Safe to call twice.
   */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  /** The live connections (open, not closing). */
  connections(): readonly ConnectionSnapshot[] {
    return [...this.live.values()]
      .filter((connection) => connection.isOpen)
      .map(({ facts, lastActiveAt, authorizer }) => ({
        connectionId: facts.connectionId,
        connectedAt: facts.connectedAt,
        lastActiveAt,
        identity: facts.identity,
        authorizer,
      }));
  }

  private async shutDown(): Promise<void> {
    const previous = this.state;
    this.state = 'stopping';
    clearInterval(this.heartbeat);
    if (previous === 'idle') {
      this.state = 'stopped';
      return;
    }
    await this.settled();
    const connections = [...this.live.values()];
    connections.forEach((connection) => connection.close(GATEWAY_STOPPING));
    const allClosed = Promise.all(connections.map((connection) => connection.closed));
    const grace = new AbortController();
    await Promise.race([allClosed, delay(STOP_GRACE_MS, undefined, { signal: grace.signal }).catch(() => undefined)]);
    grace.abort();
    connections.forEach((connection) => connection.terminate(GATEWAY_STOPPING));
    await allClosed;
    await this.settled();
    this.webSockets.close();
    for (const server of [this.server, this.managementServer]) {
      if (!server) continue;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    this.state = 'stopped';
  }

  /** Waits until no handshake is being decided and every $disconnect has run, including ones started meanwhile. */
  private async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Keeps `task` for `stop()` to wait on. Its failure is logged: nothing the gateway runs may end the process. */
  private track(task: Promise<void>): void {
    const tracked = task
      .catch((error: unknown) => this.settings.logger.error('gateway task failed', { error: describeError(error) }))
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private onRequest(request: IncomingMessage, response: ServerResponse): void {
    if (this.management(request, response)) return;
    try {
      if (this.settings.httpRoutes?.(request, response)) return;
    } catch (error) {
      this.settings.logger.error('httpRoutes failed', { url: request.url, error: describeError(error) });
      if (!response.headersSent)
        response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Internal server error' }));
      return;
    }
    answerForbidden(response);
  }

  private onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    // A client that resets while its handshake is being decided must not take the process down.
    socket.on('error', (error) => this.settings.logger.debug('handshake socket error', { error: describeError(error) }));
    if (this.state !== 'running') {
      refuseHandshake(socket, { status: 503, body: JSON.stringify({ message: 'Service Unavailable' }) });
      return;
    }
    if (!this.isStagePath(request.url)) {
      refuseHandshake(socket, { status: 403, body: JSON.stringify({ message: 'Forbidden' }), errorType: 'ForbiddenException' });
      return;
    }
    if (!isWebSocketHandshake(request)) {
      // Not a valid WebSocket handshake: the library refuses it with the right status (400, 405…); no route runs.
      this.webSockets.handleUpgrade(request, socket, head, (ws) => ws.terminate());
      return;
    }
    this.track(
      this.handshake(request, socket, head).catch((error: unknown) => {
        this.settings.logger.error('handshake failed', { error: describeError(error) });
        refuseHandshake(socket, { status: 500, body: JSON.stringify({ message: 'Internal server error' }) });
      }),
    );
  }

  private async handshake(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const now = Date.now();
    const handshake = readHandshake(request, now);
    const facts: ConnectionFacts = {
      connectionId: newConnectionId(),
      connectedAt: now,
      apiId: this.settings.apiId,
      stage: this.settings.stage,
      domainName: handshake.domainName,
      identity: handshake.identity,
    };
    const admission = await admitConnection(this.settings, handshake, facts, (principalId) => this.liveConnectionsOf(principalId));
    if (admission.kind === 'refused') {
      refuseHandshake(socket, admission.refusal);
      return;
    }
    // $connect succeeded: whatever happens now, this connection ends with a $disconnect.
    if (this.state !== 'running') {
      refuseHandshake(socket, { status: 503, body: JSON.stringify({ message: 'Service Unavailable' }) });
      this.track(runDisconnect(this.settings, facts, admission.authorizer, GATEWAY_STOPPING));
      return;
    }
    this.chosenProtocols.set(request, admission.protocol);
    let upgraded = false;
    this.webSockets.handleUpgrade(request, socket, head, (ws) => {
      upgraded = true;
      this.adopt(ws, facts, admission.authorizer);
    });
    // The library upgrades synchronously, or destroys a socket the client already closed without calling back.
    if (!upgraded) this.track(runDisconnect(this.settings, facts, admission.authorizer, ABNORMAL_CLOSURE));
  }

  private adopt(ws: WebSocket, facts: ConnectionFacts, authorizer: ConnectionAuthorizer | undefined): void {
    const connection = new LiveConnection(ws, facts, authorizer, this.settings, {
      message: (from, frame) => {
        from
          .queueFrame(() => routeMessage(this.settings, this.actionRoutes, from, frame))
          .catch((error: unknown) =>
            this.settings.logger.error('message delivery failed', { connectionId: from.connectionId, error: describeError(error) }),
          );
      },
      closed: (from, cause) => {
        this.live.delete(from.connectionId);
        this.settings.logger.info('connection closed', { connectionId: from.connectionId, ...cause });
        this.track(from.tasks.push(() => runDisconnect(this.settings, from.facts, from.authorizer, cause)));
      },
    });
    this.live.set(facts.connectionId, connection);
    this.settings.logger.info('connection opened', { connectionId: facts.connectionId, sourceIp: facts.identity.sourceIp });
  }

  private liveConnectionsOf(principalId: string): number {
    let count = 0;
    for (const connection of this.live.values()) if (connection.isOpen && connection.authorizer?.principalId === principalId) count += 1;
    return count;
  }

  /** Devices connect at `/` or `/{stage}` (an AWS stage URL is `wss://{api}.execute-api.{region}.amazonaws.com/{stage}`). */
  private isStagePath(url: string | undefined): boolean {
    const pathname = new URL(url ?? '/', 'http://gateway.local').pathname.replace(/\/+$/, '');
    return pathname === '' || pathname === `/${this.settings.stage}`;
  }
}

/** Listens on `port` of `host`; rejects with the listen error (a port taken, an address not of this machine). */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
