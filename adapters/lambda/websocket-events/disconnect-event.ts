import * as v from 'valibot';
import { VALUE_FREE_MESSAGES } from '../../validation/issues';
import { finiteNumber, requestContextFields } from './event-fields';

/**
 * $disconnect: the client closed (1000/1001…), the connection idled out or hit its 2 hours, or it was deleted.
 * Headers pass through unchecked, as on $connect.
 */
export const disconnectEvent = v.config(
  v.looseObject({
    isBase64Encoded: v.optional(v.boolean()),
    requestContext: v.looseObject({
      ...requestContextFields,
      routeKey: v.literal('$disconnect'),
      eventType: v.literal('DISCONNECT'),
      /** The WebSocket close code (1005 when the client sent none). */
      disconnectStatusCode: v.nullish(finiteNumber),
      disconnectReason: v.nullish(v.string()),
    }),
  }),
  VALUE_FREE_MESSAGES,
);
export type DisconnectEvent = v.InferOutput<typeof disconnectEvent>;
