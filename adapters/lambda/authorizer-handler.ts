import type { AuthorizeConnection } from '../../application/authorize-connection';
import type { DeviceRole } from '../../domain/device';
import type { HandlerTelemetry } from './telemetry';
import { parseEvent } from './parse-event';
import { authorizerRequestEvent } from './websocket-events/authorizer-request-event';
import { judgeOrigin } from './browser-origins';

/**
 * The IAM-policy answer API Gateway expects from a WebSocket REQUEST authorizer (the only format WebSocket APIs
 * accept). `context` is handed to every later event of the connection as `requestContext.authorizer`.
 */
export interface AuthorizerResult {
  readonly principalId: string;
  readonly policyDocument: {
    readonly Version: '2012-10-17';
    readonly Statement: readonly [{ readonly Action: 'execute-api:Invoke'; readonly Effect: 'Allow' | 'Deny'; readonly Resource: string }];
  };
  readonly context?: { readonly householdId: string; readonly deviceId: string; readonly role: DeviceRole };
}

/** API Gateway answers 401 when the authorizer fails with exactly this message. */
export const UNAUTHORIZED = 'Unauthorized';

/**
 * The $connect authorizer. The token comes from `?token=…` (browsers can't set headers on a WebSocket). No token
 * (or not an authorizer request at all): 401. A token that is not accepted, a token given twice, or (with
 * `allowedOrigins`) a browser page of another origin: a Deny policy, 403. Otherwise Allow, with the device as
 * principal and its household, id and role as context. The token is never logged.
 * @throws (the handler) Error('Unauthorized') when there is no token, which API Gateway answers with 401.
 */
export function makeAuthorizerHandler(deps: {
  readonly authorize: Pick<AuthorizeConnection, 'execute'>;
  readonly telemetry: HandlerTelemetry;
  /** The origins browser pages may connect from (see browser-origins.ts); undefined: any. */
  readonly allowedOrigins?: ReadonlySet<string> | undefined;
}) {
  const { logger } = deps.telemetry;
  return async (event: unknown): Promise<AuthorizerResult> => {
    const parsed = parseEvent(authorizerRequestEvent, event, logger, 'not a WebSocket $connect authorizer request');
    if (parsed === undefined) throw new Error(UNAUTHORIZED);
    const { methodArn, queryStringParameters, multiValueQueryStringParameters, requestContext } = parsed;
    const sourceIp = requestContext.identity?.sourceIp;
    const refuse = (reason: string) => {
      deps.telemetry.count('ConnectionsDenied', 1, { reason });
      logger.warn('connection denied', { reason, connectionId: requestContext.connectionId, sourceIp });
      return policy('denied', 'Deny', methodArn);
    };
    // Two tokens: which one a proxy, a log or the gateway reads is anyone's guess, so neither is taken.
    if ((multiValueQueryStringParameters?.['token']?.length ?? 0) > 1) return refuse('token-repeated');
    if (deps.allowedOrigins && judgeOrigin(parsed.headers, parsed.multiValueHeaders, deps.allowedOrigins) === 'refused') {
      return refuse('origin');
    }
    const result = await deps.authorize.execute({ token: queryStringParameters?.['token'] });

    if (result.kind === 'denied') {
      const denied = refuse(result.reason);
      if (result.reason === 'missing') throw new Error(UNAUTHORIZED);
      return denied;
    }
    deps.telemetry.count('ConnectionsAllowed');
    logger.info('connection allowed', { householdId: result.householdId, deviceId: result.deviceId, role: result.role, sourceIp });
    return {
      ...policy(result.deviceId, 'Allow', methodArn),
      context: { householdId: result.householdId, deviceId: result.deviceId, role: result.role },
    };
  };
}

function policy(principalId: string, effect: 'Allow' | 'Deny', resource: string): AuthorizerResult {
  return {
    principalId,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] },
  };
}
