import { readFileSync } from 'node:fs';
import type { DeviceRole } from '../../../domain/device';

/** Loosely typed on purpose: tests reach into events to break them. */
// biome-ignore lint/suspicious/noExplicitAny: the tests take events apart at any depth, as hostile clients would.
export type EventJson = Record<string, any>;

/**
 * The API Gateway WebSocket events of test/fixtures/events/ (modelled on the documented shapes), read fresh for each
 * use so that a test may change them; the helpers below set the fields a test cares about.
 */
export function fixture(name: 'authorizer-request' | 'connect' | 'disconnect' | 'message'): EventJson {
  return JSON.parse(readFileSync(new URL(`../../fixtures/events/${name}.json`, import.meta.url), 'utf8')) as EventJson;
}

/** Our authorizer's context as API Gateway passes it on: strings (tests also send ones that are not valid). */
export interface AuthorizerContext {
  readonly householdId: string;
  readonly deviceId: string;
  readonly role: DeviceRole | (string & {});
}

/** The authorizer's input; without a token, the query string is absent, as when the device sent none. */
export function authorizerRequest(token: string | undefined): EventJson {
  const event = fixture('authorizer-request');
  if (token === undefined) {
    delete event['queryStringParameters'];
    delete event['multiValueQueryStringParameters'];
  } else {
    event['queryStringParameters'] = { token };
    event['multiValueQueryStringParameters'] = { token: [token] };
  }
  return event;
}

/** What API Gateway adds next to our context: the principal and the authorizer's latency. */
function authorizer(context: AuthorizerContext): EventJson {
  return { principalId: context.deviceId, integrationLatency: 42, ...context };
}

export function connectEvent(options: { connectionId: string; connectedAt: number; device: AuthorizerContext }): EventJson {
  const event = fixture('connect');
  Object.assign(event['requestContext'], {
    connectionId: options.connectionId,
    connectedAt: options.connectedAt,
    requestTimeEpoch: options.connectedAt + 57,
    authorizer: authorizer(options.device),
  });
  return event;
}

export function disconnectEvent(options: { connectionId: string }): EventJson {
  const event = fixture('disconnect');
  event['requestContext']['connectionId'] = options.connectionId;
  return event;
}

export function messageEvent(options: {
  connectionId: string;
  device?: AuthorizerContext;
  body?: unknown;
  isBase64Encoded?: boolean;
  routeKey?: string;
}): EventJson {
  const event = fixture('message');
  event['requestContext']['connectionId'] = options.connectionId;
  if (options.routeKey !== undefined) event['requestContext']['routeKey'] = options.routeKey;
  if (options.device) event['requestContext']['authorizer'] = authorizer(options.device);
  else delete event['requestContext']['authorizer'];
  if ('body' in options) {
    if (options.body === undefined) delete event['body'];
    else event['body'] = options.body;
  }
  event['isBase64Encoded'] = options.isBase64Encoded ?? false;
  return event;
}

/** A message event whose body is `message` as JSON. */
export function sent(connectionId: string, device: AuthorizerContext | undefined, message: unknown): EventJson {
  return messageEvent({ connectionId, ...(device ? { device } : {}), body: JSON.stringify(message) });
}
