import { evaluateAuthorizerResult } from './authorizer-policy';
import type { ConnectionAuthorizer } from './gateway-events';
import { describeError } from './gateway-logger';
import type { GatewaySettings } from './gateway-options';
import type { HandshakeRequest } from './handshake-request';
import { missingIdentitySources } from './identity-source';
import { invokeIntegration } from './invoke-integration';
import { authorizerEvent, connectEvent, type ConnectionFacts } from './websocket-events';

/**
 * Decides a handshake as API Gateway does, before the connection exists: identity sources, then the REQUEST
 * authorizer, then the `$connect` integration. Only an admitted handshake is upgraded, so no message can reach a
 * route before `$connect` succeeded, and a refused one never gets a `$disconnect`.
 *
 * | step | outcome | HTTP answer |
 * |---|---|---|
 * | an identity source is missing | authorizer not called | 401 |
 * | authorizer throws `Unauthorized` | | 401 |
 * | authorizer denies (explicit Deny, or no Allow for the methodArn) | | 403 |
 * | authorizer throws anything else, times out, or answers something unusable | | 500 |
 * | the principal already holds `maxConnectionsPerPrincipal` live connections | `$connect` not called | 429 |
 * | `$connect` throws | | 500 |
 * | `$connect` times out | | 504 |
 * | `$connect` returns a statusCode outside 2xx | | that status |
 * | `$connect` returns 2xx or nothing | admitted | 101 |
 */
export type Admission =
  | {
      readonly kind: 'admitted';
      readonly authorizer: ConnectionAuthorizer | undefined;
      /** The subprotocol `$connect` chose (its `Sec-WebSocket-Protocol` header); API Gateway picks none itself. */
      readonly protocol: string | undefined;
    }
  | { readonly kind: 'refused'; readonly refusal: Refusal };

export interface Refusal {
  readonly status: number;
  readonly body: string;
  /** API Gateway's `x-amzn-ErrorType`, when it names one. */
  readonly errorType?: string;
}

const UNAUTHORIZED: Refusal = { status: 401, body: JSON.stringify({ message: 'Unauthorized' }), errorType: 'UnauthorizedException' };
const FORBIDDEN: Refusal = { status: 403, body: JSON.stringify({ message: 'Forbidden' }), errorType: 'ForbiddenException' };
const AUTHORIZER_FAILED: Refusal = { status: 500, body: JSON.stringify({ message: null }), errorType: 'AuthorizerConfigurationException' };
const CONNECT_FAILED: Refusal = { status: 500, body: JSON.stringify({ message: 'Internal server error' }) };
const TOO_MANY_CONNECTIONS: Refusal = {
  status: 429,
  body: JSON.stringify({ message: 'Too Many Requests' }),
  errorType: 'LimitExceededException',
};
const CONNECT_TIMED_OUT: Refusal = { status: 504, body: JSON.stringify({ message: 'Endpoint request timed out' }) };

export async function admitConnection(
  settings: GatewaySettings,
  handshake: HandshakeRequest,
  facts: ConnectionFacts,
  liveConnectionsOf: (principalId: string) => number,
): Promise<Admission> {
  const authorized = await authorize(settings, handshake, facts);
  if (authorized.kind === 'refused') return authorized;
  const authorizer = authorized.authorizer;
  const principalId = authorizer?.principalId;
  const limit = settings.maxConnectionsPerPrincipal;
  if (limit !== undefined && typeof principalId === 'string' && liveConnectionsOf(principalId) >= limit) {
    settings.logger.warn(`principal already holds ${limit} live connections; refused with 429`, { connectionId: facts.connectionId });
    return { kind: 'refused', refusal: TOO_MANY_CONNECTIONS };
  }

  const connect = settings.routes.$connect;
  if (connect === undefined) return { kind: 'admitted', authorizer, protocol: undefined };
  const event = connectEvent(handshake, facts, authorizer, Date.now());
  const outcome = await invokeIntegration(connect, event, settings.integrationTimeoutMs);
  const log = { connectionId: facts.connectionId, latencyMs: outcome.latencyMs };
  switch (outcome.kind) {
    case 'failed':
      settings.logger.error('$connect handler failed; handshake refused with 500', { ...log, error: describeError(outcome.error) });
      return { kind: 'refused', refusal: CONNECT_FAILED };
    case 'timed-out':
      settings.logger.error(`$connect handler did not answer within ${settings.integrationTimeoutMs} ms; handshake refused with 504`, log);
      return { kind: 'refused', refusal: CONNECT_TIMED_OUT };
    case 'returned': {
      const status = statusCodeOf(outcome.value);
      if (status < 200 || status > 299) {
        settings.logger.info(`$connect answered ${status}; handshake refused`, log);
        return { kind: 'refused', refusal: { status, body: bodyOf(outcome.value) } };
      }
      return { kind: 'admitted', authorizer, protocol: protocolOf(outcome.value) };
    }
  }
}

type Authorized =
  | { readonly kind: 'authorized'; readonly authorizer: ConnectionAuthorizer | undefined }
  | Extract<Admission, { kind: 'refused' }>;

async function authorize(settings: GatewaySettings, handshake: HandshakeRequest, facts: ConnectionFacts): Promise<Authorized> {
  const handler = settings.routes.authorizer;
  if (handler === undefined) return { kind: 'authorized', authorizer: undefined };
  const log = { connectionId: facts.connectionId };

  const missing = missingIdentitySources(settings.identitySource, handshake);
  if (missing.length > 0) {
    settings.logger.info('handshake lacks identity sources; refused with 401 without calling the authorizer', { ...log, missing });
    return refused(UNAUTHORIZED);
  }

  const event = authorizerEvent(handshake, facts, Date.now());
  const outcome = await invokeIntegration(handler, event, settings.integrationTimeoutMs);
  if (outcome.kind === 'failed') {
    if (isUnauthorized(outcome.error)) return refused(UNAUTHORIZED);
    settings.logger.error('authorizer failed; handshake refused with 500', { ...log, error: describeError(outcome.error) });
    return refused(AUTHORIZER_FAILED);
  }
  if (outcome.kind === 'timed-out') {
    settings.logger.error(`authorizer did not answer within ${settings.integrationTimeoutMs} ms; handshake refused with 500`, log);
    return refused(AUTHORIZER_FAILED);
  }
  const verdict = evaluateAuthorizerResult(outcome.value, event.methodArn);
  switch (verdict.kind) {
    case 'invalid':
      settings.logger.error(`authorizer answer unusable (${verdict.reason}); handshake refused with 500`, log);
      return refused(AUTHORIZER_FAILED);
    case 'deny':
      settings.logger.info(`authorizer denied the handshake (${verdict.reason}); refused with 403`, log);
      return refused(FORBIDDEN);
    case 'allow':
      return {
        kind: 'authorized',
        // The context first: API Gateway's own principalId and integrationLatency are not overridden by it.
        authorizer: { ...verdict.context, principalId: verdict.principalId, integrationLatency: outcome.latencyMs },
      };
  }
}

/** Lambda's way of saying 401: the function fails with the message "Unauthorized" (`throw new Error('Unauthorized')`). */
function isUnauthorized(error: unknown): boolean {
  return error === 'Unauthorized' || (error instanceof Error && error.message === 'Unauthorized');
}

function refused(refusal: Refusal): Extract<Admission, { kind: 'refused' }> {
  return { kind: 'refused', refusal };
}

/** A result without a numeric statusCode (or no result) admits the connection: there is nothing to refuse with. */
function statusCodeOf(value: unknown): number {
  const status = field(value, 'statusCode');
  return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599 ? status : 200;
}

function bodyOf(value: unknown): string {
  const body = field(value, 'body');
  return typeof body === 'string' ? body : '';
}

function protocolOf(value: unknown): string | undefined {
  const headers = field(value, 'headers');
  if (typeof headers !== 'object' || headers === null) return undefined;
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'sec-websocket-protocol');
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
