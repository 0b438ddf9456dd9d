import type { Disconnect } from '../../application/disconnect';
import { connectionId } from '../../domain/ids';
import type { HandlerTelemetry } from './telemetry';
import { parseEvent } from './parse-event';
import { disconnectEvent } from './websocket-events/disconnect-event';
import { BAD_REQUEST, OK, type WebSocketResponse } from './websocket-response';

/**
 * $disconnect: forgets the connection (idempotent: API Gateway may deliver it twice, or for a connection the push
 * already pruned). The close code and reason are logged: they tell a client's goodbye (1000/1001) from an idle
 * timeout or the 2-hour limit.
 */
export function makeDisconnectHandler(deps: { readonly disconnect: Pick<Disconnect, 'execute'>; readonly telemetry: HandlerTelemetry }) {
  const { logger } = deps.telemetry;
  return async (event: unknown): Promise<WebSocketResponse> => {
    const parsed = parseEvent(disconnectEvent, event, logger, 'malformed $disconnect event');
    if (parsed === undefined) return BAD_REQUEST;
    const { connectionId: id, disconnectStatusCode, disconnectReason } = parsed.requestContext;
    await deps.disconnect.execute({ connectionId: connectionId(id) });
    deps.telemetry.count('Disconnections');
    logger.info('device disconnected', { connectionId: id, disconnectStatusCode, disconnectReason });
    return OK;
  };
}
