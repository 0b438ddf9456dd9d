import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthorizerEvent, ConnectEvent, DisconnectEvent, MessageEvent } from './gateway-events';
import { CONSOLE_WARNINGS_LOGGER, type GatewayLogger } from './gateway-logger';
import { parseIdentitySource, type IdentitySource } from './identity-source';
import { postFaults, type PostFaults } from './post-faults';
import type { SigningCredentials } from './sigv4-verification';

/**
 * Route handlers take API Gateway's events and may return anything a Lambda returns: only `$connect`'s
 * `statusCode` (and a `Sec-WebSocket-Protocol` header) is read, as API Gateway does without route responses.
 */
export type RouteHandler<Event> = (event: Event) => Promise<unknown>;

/**
 * The integrations, by route key, as the API's routes would name them. `authorizer` is the `$connect` route's
 * REQUEST authorizer: throw `new Error('Unauthorized')` for 401, return a Deny policy for 403.
 * Any other key is an action route, selected by `$request.body.action` (so no action can be named `authorizer`).
 *
 * Action handlers receive a `MessageEvent`; annotate the parameter (the index signature can't say so, as it must
 * also admit the four named handlers).
 */
export interface GatewayRoutes {
  readonly authorizer?: RouteHandler<AuthorizerEvent> | undefined;
  readonly $connect?: RouteHandler<ConnectEvent> | undefined;
  readonly $disconnect?: RouteHandler<DisconnectEvent> | undefined;
  readonly $default?: RouteHandler<MessageEvent> | undefined;
  readonly [routeKey: string]:
    | RouteHandler<AuthorizerEvent>
    | RouteHandler<ConnectEvent>
    | RouteHandler<DisconnectEvent>
    | RouteHandler<MessageEvent>
    | undefined;
}

export interface LocalWebSocketGatewayOptions {
  readonly routes: GatewayRoutes;
  /** 0 (default): a free port, read back from `start()`. */
  readonly port?: number;
  /** Default 127.0.0.1: the gateway checks no signatures, so it should not listen beyond the machine. */
  readonly host?: string;
  /**
   * Serve TLS with this certificate (chain) and private key, PEM: devices connect with `wss://`, pages and photos are
   * `https://`. The `@connections` API then moves to a plain-HTTP port on 127.0.0.1 (`managementEndpoint`), so that
   * the push client, on this machine, need not trust the certificate's authority.
   */
  readonly tls?: TlsCredentials;
  /** Default 'prod'. Appears in events, the methodArn, and is accepted as a path prefix (`/prod`, `/prod/@connections/…`). */
  readonly stage?: string;
  /** Default 'local'. */
  readonly apiId?: string;
  /**
   * The authorizer's identity sources, e.g. `['route.request.querystring.token']` (also `route.request.header.X`):
   * a handshake lacking one is refused with 401 without calling the authorizer, as in AWS. Default: none.
   */
  readonly identitySource?: readonly string[];
  /** A connection without a message from its client for this long is closed (1001). API Gateway: 10 min. */
  readonly idleTimeoutMs?: number;
  /** Every connection is closed (1001) this long after its handshake. API Gateway: 2 h. */
  readonly maxConnectionDurationMs?: number;
  /** Larger client messages close the connection with 1009; larger posts answer 413. API Gateway: 128 KB. */
  readonly maxMessageBytes?: number;
  /** How long an integration may run before the gateway stops waiting. API Gateway: 29 s. */
  readonly integrationTimeoutMs?: number;
  /**
   * Pings every client this often; one that has not answered the previous ping is dropped (1006). Finds half-open
   * sockets, whose TCP close never arrives. Default 30 s. API Gateway has its own ways; this is the local one.
   */
  readonly heartbeatIntervalMs?: number;
  /**
   * Other HTTP requests on the same port (photo uploads, a dashboard): return true when handled. Called for every
   * request the management API does not own; unhandled ones answer 403 as API Gateway does.
   */
  readonly httpRoutes?: (request: IncomingMessage, response: ServerResponse) => boolean;
  /** Default: warnings and errors (a failing handler, a refused policy) to stderr, nothing else. */
  readonly logger?: GatewayLogger;
  /**
   * When given, the `@connections` API accepts only calls signed (SigV4) with this key pair, as AWS accepts only
   * its IAM principals' calls; hand it only to the components that push. Default: any signature is accepted.
   */
  readonly managementCredentials?: SigningCredentials;
  /** Limits on plain HTTP requests (and on handshakes until their headers are in). Default: `DEFAULT_HTTP_LIMITS`. */
  readonly httpLimits?: Partial<HttpLimits>;
  /**
   * Frames a connection may have waiting for its handler. One more closes the connection with 1008 (policy
   * violation) and drops what was still waiting. Default: `MAX_QUEUED_FRAMES_PER_CONNECTION`.
   */
  readonly maxQueuedFrames?: number;
  /**
   * Live connections one authorizer principal (for the doorbell, a device) may hold; a handshake past it is
   * refused with 429 before `$connect`. Default: no limit, as in API Gateway.
   */
  readonly maxConnectionsPerPrincipal?: number;
  /** Slow or throttled `POST @connections` (delay per post, a share of 429s), for benchmarks and resilience tests. Default: none. */
  readonly postFaults?: PostFaults;
}

/** A certificate (with its chain) and its private key, PEM. */
export interface TlsCredentials {
  readonly cert: string;
  readonly key: string;
}

export interface GatewaySettings {
  readonly routes: GatewayRoutes;
  readonly port: number;
  readonly host: string;
  readonly tls: TlsCredentials | undefined;
  readonly stage: string;
  readonly apiId: string;
  readonly identitySource: readonly IdentitySource[];
  readonly idleTimeoutMs: number;
  readonly maxConnectionDurationMs: number;
  readonly maxMessageBytes: number;
  readonly integrationTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly httpRoutes: ((request: IncomingMessage, response: ServerResponse) => boolean) | undefined;
  readonly logger: GatewayLogger;
  readonly postFaults: Required<PostFaults> | undefined;
  readonly managementCredentials: SigningCredentials | undefined;
  readonly httpLimits: HttpLimits;
  readonly maxQueuedFrames: number;
  readonly maxConnectionsPerPrincipal: number | undefined;
}

/** Node's HTTP server timeouts, so that idle and slow clients cannot hold sockets open. */
export interface HttpLimits {
  /** The request's headers must be in within this (also for WebSocket handshakes). */
  readonly headersTimeoutMs: number;
  /** The whole request, body included (a 5 MB photo upload), must be in within this. */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive socket is closed after this. */
  readonly keepAliveTimeoutMs: number;
  /** Requests served on one keep-alive socket before it is closed. */
  readonly maxRequestsPerSocket: number;
  /** How often the server looks for requests past their timeouts (Node's default is 30 s). */
  readonly checkIntervalMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxRequestsPerSocket: 100,
  checkIntervalMs: 1_000,
};

/**
 * A connection's inbound queue bound: frames waiting for their handler. Far above what a device sends at once
 * (the dashboard's enrollment sends one frame per photo, at most 20), far below a flood.
 */
export const MAX_QUEUED_FRAMES_PER_CONNECTION = 256;

/** API Gateway's WebSocket quotas (Quotas for configuring and running a WebSocket API). */
export const API_GATEWAY_IDLE_TIMEOUT_MS = 10 * 60 * 1000;
export const API_GATEWAY_MAX_CONNECTION_DURATION_MS = 2 * 60 * 60 * 1000;
export const API_GATEWAY_MAX_MESSAGE_BYTES = 128 * 1024;
export const API_GATEWAY_INTEGRATION_TIMEOUT_MS = 29_000;
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 30_000;

/**
 * Options with defaults applied, checked at construction.
 * @throws RangeError naming the option: a stage outside [A-Za-z0-9_-]{1,128}, a port outside 0–65535, a timer, size
 *   or limit that is not an integer from 1 to 2^31 - 1, an unsupported identity source, or bad `postFaults`.
 */
export function gatewaySettings(options: LocalWebSocketGatewayOptions): GatewaySettings {
  const stage = options.stage ?? 'prod';
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(stage))
    throw new RangeError(`LocalWebSocketGateway: stage must be [A-Za-z0-9_-]{1,128}, got ${JSON.stringify(stage)}`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new RangeError(`LocalWebSocketGateway: port must be an integer in 0–65535, got ${port}`);
  return {
    routes: options.routes,
    port,
    host: options.host ?? '127.0.0.1',
    tls: options.tls,
    stage,
    apiId: options.apiId ?? 'local',
    identitySource: (options.identitySource ?? []).map(parseIdentitySource),
    idleTimeoutMs: positive('idleTimeoutMs', options.idleTimeoutMs ?? API_GATEWAY_IDLE_TIMEOUT_MS),
    maxConnectionDurationMs: positive('maxConnectionDurationMs', options.maxConnectionDurationMs ?? API_GATEWAY_MAX_CONNECTION_DURATION_MS),
    maxMessageBytes: positive('maxMessageBytes', options.maxMessageBytes ?? API_GATEWAY_MAX_MESSAGE_BYTES),
    integrationTimeoutMs: positive('integrationTimeoutMs', options.integrationTimeoutMs ?? API_GATEWAY_INTEGRATION_TIMEOUT_MS),
    heartbeatIntervalMs: positive('heartbeatIntervalMs', options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS),
    httpRoutes: options.httpRoutes,
    logger: options.logger ?? CONSOLE_WARNINGS_LOGGER,
    postFaults: options.postFaults === undefined ? undefined : postFaults(options.postFaults),
    managementCredentials: options.managementCredentials,
    httpLimits: httpLimits({ ...DEFAULT_HTTP_LIMITS, ...options.httpLimits }),
    maxQueuedFrames: positive('maxQueuedFrames', options.maxQueuedFrames ?? MAX_QUEUED_FRAMES_PER_CONNECTION),
    maxConnectionsPerPrincipal: optionalPositive('maxConnectionsPerPrincipal', options.maxConnectionsPerPrincipal),
  };
}

function optionalPositive(name: string, value: number | undefined): number | undefined {
  return value === undefined ? undefined : positive(name, value);
}

function httpLimits(limits: HttpLimits): HttpLimits {
  const checked = Object.fromEntries(Object.entries(limits).map(([name, value]) => [name, positive(`httpLimits.${name}`, value)]));
  return checked as unknown as HttpLimits;
}

// Timers take at most 2^31 - 1 ms; a larger value would fire at once (Node clamps it to 1 ms with a warning).
const MAX_TIMER_MS = 2 ** 31 - 1;

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_TIMER_MS) {
    throw new RangeError(`LocalWebSocketGateway: ${name} must be an integer in 1–${MAX_TIMER_MS}, got ${value}`);
  }
  return value;
}
