import { describeError } from './gateway-logger';
import type { GatewaySettings, RouteHandler } from './gateway-options';
import type { MessageEvent } from './gateway-events';
import { invokeIntegration } from './invoke-integration';
import type { Frame, LiveConnection } from './live-connection';
import { selectRoute } from './route-selection';
import { messageEvent } from './websocket-events';

/**
 * Delivers one client message to its route's integration, as API Gateway does without route responses: the
 * handler's return value is not sent back (handlers reply through the management API). What API Gateway does send
 * back, the gateway sends too: when no route matches and there is no `$default`, `{"message": "Forbidden", …}`;
 * when the integration fails, `{"message": "Internal server error", …}`; when it times out, `{"message":
 * "Endpoint request timed out", …}`, each with the connection and request ids. A failing handler is logged and
 * never closes the connection or stops the gateway.
 */
export async function routeMessage(
  settings: GatewaySettings,
  actionRoutes: ReadonlySet<string>,
  connection: LiveConnection,
  frame: Frame,
): Promise<void> {
  const routeKey = selectRoute(frame.isBinary ? undefined : frame.data.toString('utf8'), actionRoutes);
  const event = messageEvent(connection.facts, connection.authorizer, routeKey, frame, Date.now());
  const { connectionId, requestId } = event.requestContext;
  const reply = (message: string) => connection.send(Buffer.from(JSON.stringify({ message, connectionId, requestId })));

  const handler = settings.routes[routeKey] as RouteHandler<MessageEvent> | undefined;
  if (handler === undefined) {
    settings.logger.warn('no route for the message and no $default route', { connectionId, requestId });
    await reply('Forbidden');
    return;
  }
  const outcome = await invokeIntegration(handler, event, settings.integrationTimeoutMs);
  const log = { routeKey, connectionId, requestId, latencyMs: outcome.latencyMs };
  if (outcome.kind === 'failed') {
    settings.logger.error(`${routeKey} handler failed`, { ...log, error: describeError(outcome.error) });
    await reply('Internal server error');
  } else if (outcome.kind === 'timed-out') {
    settings.logger.error(`${routeKey} handler did not answer within ${settings.integrationTimeoutMs} ms`, log);
    await reply('Endpoint request timed out');
  }
}
