import type { Connect } from '../../application/connect';
import { connectionId } from '../../domain/ids';
import type { HandlerTelemetry } from './telemetry';
import { parseEvent } from './parse-event';
import { connectEvent } from './websocket-events/connect-event';
import { BAD_REQUEST, OK, type WebSocketResponse } from './websocket-response';

/**
 * $connect, after the authorizer allowed the device: records the connection with the identity the authorizer
 * established. A malformed event (no authorizer context, bad ids) is refused with 400 and nothing is stored, which
 * also refuses the connection.
 */
export function makeConnectHandler(deps: { readonly connect: Pick<Connect, 'execute'>; readonly telemetry: HandlerTelemetry }) {
  const { logger } = deps.telemetry;
  return async (event: unknown): Promise<WebSocketResponse> => {
    const parsed = parseEvent(connectEvent, event, logger, 'malformed $connect event; connection refused');
    if (parsed === undefined) return BAD_REQUEST;
    const { connectionId: id, connectedAt, authorizer: device } = parsed.requestContext;
    const connection = await deps.connect.execute({ id: connectionId(id), connectedAt, ...device });
    deps.telemetry.count('Connections');
    logger.info('device connected', {
      connectionId: connection.id,
      householdId: device.householdId,
      deviceId: device.deviceId,
      role: device.role,
    });
    return OK;
  };
}
