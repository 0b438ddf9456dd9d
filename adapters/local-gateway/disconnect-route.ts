import type { DisconnectCause } from './disconnect-causes';
import type { ConnectionAuthorizer } from './gateway-events';
import { describeError } from './gateway-logger';
import type { GatewaySettings } from './gateway-options';
import { invokeIntegration } from './invoke-integration';
import { disconnectEvent, type ConnectionFacts } from './websocket-events';

/**
 * Tells the `$disconnect` integration that a connection ended, and why. Like API Gateway's, this is after the
 * fact: the socket is already gone, so what the handler returns or throws changes nothing but the log.
 */
export async function runDisconnect(
  settings: GatewaySettings,
  facts: ConnectionFacts,
  authorizer: ConnectionAuthorizer | undefined,
  cause: DisconnectCause,
): Promise<void> {
  const handler = settings.routes.$disconnect;
  if (handler === undefined) return;
  const event = disconnectEvent(facts, authorizer, cause, Date.now());
  const outcome = await invokeIntegration(handler, event, settings.integrationTimeoutMs);
  const log = { connectionId: facts.connectionId, disconnectStatusCode: cause.statusCode, latencyMs: outcome.latencyMs };
  if (outcome.kind === 'failed') settings.logger.error('$disconnect handler failed', { ...log, error: describeError(outcome.error) });
  if (outcome.kind === 'timed-out')
    settings.logger.error(`$disconnect handler did not answer within ${settings.integrationTimeoutMs} ms`, log);
}
