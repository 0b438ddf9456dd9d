import * as v from 'valibot';
import { DEVICE_ROLES, type DeviceRole } from '../../domain/device';
import { CONNECTION_ID_PATTERN, deviceId, householdId, ID_PATTERN, type DeviceId, type HouseholdId } from '../../domain/ids';
import { notArray, VALUE_FREE_MESSAGES } from '../validation/issues';

/**
 * API Gateway WebSocket events as Lambda receives them (proxy integration), after the documented shapes
 * ("Control access to WebSocket APIs with Lambda REQUEST authorizers"; the $connect/$disconnect/message events).
 * Why our own schemas here: @types/aws-lambda has no type for the authorizer context on message events nor for
 * `disconnectStatusCode`, and Powertools' parser schema fits only the $connect shape. What we read is required and
 * checked; the rest is typed but optional and passes through (loose objects), so a local gateway need not invent
 * the fields we never read.
 * Built with valibot, small and fast to set up at cold start, with messages that never quote the event
 * (see adapters/validation/issues.ts).
 */

/** A number as JSON has them (never NaN nor infinite). */
const finiteNumber = v.pipe(v.number(), v.finite());

const stringMap = v.nullish(v.pipe(notArray, v.record(v.string(), v.string())));
const stringListMap = v.nullish(v.pipe(notArray, v.record(v.string(), v.array(v.string()))));

const identity = v.pipe(notArray, v.looseObject({ sourceIp: v.optional(v.string()), userAgent: v.nullish(v.string()) }));

const connectionIdText = v.pipe(v.string(), v.regex(CONNECTION_ID_PATTERN, 'must be an API Gateway connection id'));

/** Fields every WebSocket event's requestContext has. */
const requestContextFields = {
  connectionId: connectionIdText,
  requestId: v.optional(v.string()),
  extendedRequestId: v.optional(v.string()),
  /** CLF, e.g. `09/Feb/2024:18:11:43 +0000`. */
  requestTime: v.optional(v.string()),
  requestTimeEpoch: v.optional(finiteNumber),
  messageDirection: v.optional(v.literal('IN')),
  /** Epoch milliseconds at which the connection opened. */
  connectedAt: v.optional(finiteNumber),
  domainName: v.optional(v.string()),
  stage: v.optional(v.string()),
  apiId: v.optional(v.string()),
  identity: v.optional(identity),
};

/**
 * What our $connect authorizer returned as `context`, which API Gateway hands to every later event of the
 * connection (stringified: context values arrive as strings), next to its own `principalId` and
 * `integrationLatency`.
 */
export const deviceIdentitySchema = v.config(
  v.pipe(
    v.looseObject({
      principalId: v.optional(v.string()),
      integrationLatency: v.optional(finiteNumber),
      householdId: v.pipe(v.string(), v.regex(ID_PATTERN, 'must be a household id')),
      deviceId: v.pipe(v.string(), v.regex(ID_PATTERN, 'must be a device id')),
      role: v.picklist(DEVICE_ROLES as readonly [DeviceRole, ...DeviceRole[]]),
    }),
    v.transform(
      (context): DeviceIdentity => ({ householdId: householdId(context.householdId), deviceId: deviceId(context.deviceId), role: context.role }),
    ),
  ),
  VALUE_FREE_MESSAGES,
);

/** The device behind a connection, as the authorizer established it. */
export interface DeviceIdentity {
  readonly householdId: HouseholdId;
  readonly deviceId: DeviceId;
  readonly role: DeviceRole;
}

/** The REQUEST authorizer's input on $connect: `?token=…` arrives in `queryStringParameters`. */
export const authorizerRequestEvent = v.config(
  v.looseObject({
    type: v.literal('REQUEST'),
    /** `arn:aws:execute-api:{region}:{account}:{api-id}/{stage}/$connect`: the resource the policy must name. */
    methodArn: v.pipe(v.string(), v.regex(/^arn:[^:]+:execute-api:/, 'must be an execute-api ARN')),
    headers: stringMap,
    multiValueHeaders: stringListMap,
    queryStringParameters: stringMap,
    multiValueQueryStringParameters: stringListMap,
    stageVariables: stringMap,
    requestContext: v.looseObject({ ...requestContextFields, routeKey: v.literal('$connect'), eventType: v.literal('CONNECT') }),
  }),
  VALUE_FREE_MESSAGES,
);
export type AuthorizerRequestEvent = v.InferOutput<typeof authorizerRequestEvent>;

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
