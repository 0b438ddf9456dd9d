import * as v from 'valibot';
import { VALUE_FREE_MESSAGES } from '../../validation/issues';
import { deviceIdentitySchema } from './device-identity';
import { requestContextFields } from './event-fields';

/**
 * $connect, once the authorizer allowed it: the connection to store, and who it is. Its header and query-string
 * maps pass through unchecked: the handler never reads them (the authorizer already checked the token), and
 * validating every header cost more than the rest of the call.
 */
export const connectEvent = v.config(
  v.looseObject({
    isBase64Encoded: v.optional(v.boolean()),
    requestContext: v.looseObject({
      ...requestContextFields,
      routeKey: v.literal('$connect'),
      eventType: v.literal('CONNECT'),
      connectedAt: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
      authorizer: deviceIdentitySchema,
    }),
  }),
  VALUE_FREE_MESSAGES,
);
export type ConnectEvent = v.InferOutput<typeof connectEvent>;
