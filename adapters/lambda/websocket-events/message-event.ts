import * as v from 'valibot';
import { VALUE_FREE_MESSAGES } from '../../validation/issues';
import { requestContextFields } from './event-fields';

/**
 * A frame from the device on any message route (`$default`, `ping`…). The body is whatever the client sent: usually
 * a string, base64 when `isBase64Encoded` (binary frames), possibly absent. It is checked later, not here, so that
 * a bad body still gets an error reply on the connection. The identity is kept apart too: a message without one
 * can still be answered.
 */
export const messageEvent = v.config(
  v.looseObject({
    body: v.optional(v.unknown()),
    isBase64Encoded: v.optional(v.boolean()),
    requestContext: v.looseObject({
      ...requestContextFields,
      routeKey: v.string(),
      eventType: v.literal('MESSAGE'),
      messageId: v.optional(v.string()),
      authorizer: v.optional(v.unknown()),
    }),
  }),
  VALUE_FREE_MESSAGES,
);
export type MessageEvent = v.InferOutput<typeof messageEvent>;
