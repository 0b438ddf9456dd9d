import { newMessageId, newRequestId, requestTime } from './aws-ids';
import type { DisconnectCause } from './disconnect-causes';
import type {
  AuthorizerEvent,
  BaseRequestContext,
  ConnectEvent,
  ConnectionAuthorizer,
  DisconnectEvent,
  EventIdentity,
  MessageEvent,
} from './gateway-events';
import type { HandshakeRequest } from './handshake-request';

/** What every event of one connection shares. */
export interface ConnectionFacts {
  readonly connectionId: string;
  readonly connectedAt: number;
  readonly apiId: string;
  readonly stage: string;
  readonly domainName: string;
  readonly identity: EventIdentity;
}

/** The authorizer's resource: `$connect` of the stage, in an account and region that say "local". */
export const LOCAL_REGION = 'local';
export const LOCAL_ACCOUNT_ID = '000000000000';

export function connectMethodArn(apiId: string, stage: string): string {
  return `arn:aws:execute-api:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${apiId}/${stage}/$connect`;
}

export function authorizerEvent(handshake: HandshakeRequest, facts: ConnectionFacts, now: number): AuthorizerEvent {
  return {
    type: 'REQUEST',
    methodArn: connectMethodArn(facts.apiId, facts.stage),
    headers: handshake.headers,
    multiValueHeaders: handshake.multiValueHeaders,
    queryStringParameters: handshake.queryStringParameters,
    multiValueQueryStringParameters: handshake.multiValueQueryStringParameters,
    stageVariables: {},
    requestContext: { ...baseContext(facts, now, '$connect', 'CONNECT'), routeKey: '$connect', eventType: 'CONNECT' },
  };
}

export function connectEvent(
  handshake: HandshakeRequest,
  facts: ConnectionFacts,
  authorizer: ConnectionAuthorizer | undefined,
  now: number,
): ConnectEvent {
  return {
    headers: handshake.headers,
    multiValueHeaders: handshake.multiValueHeaders,
    ...(handshake.hasQueryString
      ? {
          queryStringParameters: handshake.queryStringParameters,
          multiValueQueryStringParameters: handshake.multiValueQueryStringParameters,
        }
      : {}),
    requestContext: {
      ...baseContext(facts, now, '$connect', 'CONNECT'),
      routeKey: '$connect',
      eventType: 'CONNECT',
      ...(authorizer === undefined ? {} : { authorizer }),
    },
    isBase64Encoded: false,
  };
}

/** A binary frame's bytes travel base64-encoded, flagged by `isBase64Encoded`, as API Gateway passes them. */
export function messageEvent(
  facts: ConnectionFacts,
  authorizer: ConnectionAuthorizer | undefined,
  routeKey: string,
  frame: { readonly data: Buffer; readonly isBinary: boolean },
  now: number,
): MessageEvent {
  return {
    requestContext: {
      ...baseContext(facts, now, routeKey, 'MESSAGE'),
      eventType: 'MESSAGE',
      messageId: newMessageId(),
      ...(authorizer === undefined ? {} : { authorizer }),
    },
    body: frame.isBinary ? frame.data.toString('base64') : frame.data.toString('utf8'),
    isBase64Encoded: frame.isBinary,
  };
}

export function disconnectEvent(
  facts: ConnectionFacts,
  authorizer: ConnectionAuthorizer | undefined,
  cause: DisconnectCause,
  now: number,
): DisconnectEvent {
  // Not the handshake's headers: these four are what API Gateway's $disconnect events carry.
  const headers = { Host: facts.domainName, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' };
  return {
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    requestContext: {
      ...baseContext(facts, now, '$disconnect', 'DISCONNECT'),
      routeKey: '$disconnect',
      eventType: 'DISCONNECT',
      disconnectStatusCode: cause.statusCode,
      disconnectReason: cause.reason,
      ...(authorizer === undefined ? {} : { authorizer }),
    },
    isBase64Encoded: false,
  };
}

function baseContext(
  facts: ConnectionFacts,
  now: number,
  routeKey: string,
  eventType: BaseRequestContext['eventType'],
): BaseRequestContext {
  const requestId = newRequestId();
  return {
    routeKey,
    eventType,
    extendedRequestId: requestId,
    requestTime: requestTime(now),
    messageDirection: 'IN',
    stage: facts.stage,
    connectedAt: facts.connectedAt,
    requestTimeEpoch: now,
    identity: facts.identity,
    requestId,
    domainName: facts.domainName,
    connectionId: facts.connectionId,
    apiId: facts.apiId,
  };
}
