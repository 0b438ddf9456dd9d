import * as z from 'zod/mini';
import '../validation/zod-english';
import { DEVICE_ROLES, type DeviceRole } from '../../domain/device';
import { CONNECTION_ID_PATTERN, deviceId, householdId, ID_PATTERN, type DeviceId, type HouseholdId } from '../../domain/ids';

/**
 * API Gateway WebSocket events as Lambda receives them (proxy integration), after the documented shapes
 * ("Control access to WebSocket APIs with Lambda REQUEST authorizers"; the $connect/$disconnect/message events).
 * Why zod here: @types/aws-lambda has no type for the authorizer context on message events nor for
 * `disconnectStatusCode`, and Powertools' parser schema fits only the $connect shape. What we read is required and
 * checked; the rest is typed but optional and passes through (loose objects), so a local gateway need not invent
 * Built with zod/mini (see adapters/validation/zod-english.ts).
 * Built with zod/mini (see adapters/validation/zod.ts).
 */

const stringMap = z.nullish(z.record(z.string(), z.string()));
const stringListMap = z.nullish(z.record(z.string(), z.array(z.string())));

const identity = z.looseObject({ sourceIp: z.optional(z.string()), userAgent: z.nullish(z.string()) });

const connectionIdText = z.string().check(z.regex(CONNECTION_ID_PATTERN, 'must be an API Gateway connection id'));

/** Fields every WebSocket event's requestContext has. */
const requestContextFields = {
  connectionId: connectionIdText,
  requestId: z.optional(z.string()),
  extendedRequestId: z.optional(z.string()),
  /** CLF, e.g. `09/Feb/2024:18:11:43 +0000`. */
  requestTime: z.optional(z.string()),
  requestTimeEpoch: z.optional(z.number()),
  messageDirection: z.optional(z.literal('IN')),
  /** Epoch milliseconds at which the connection opened. */
  connectedAt: z.optional(z.number()),
  domainName: z.optional(z.string()),
  stage: z.optional(z.string()),
  apiId: z.optional(z.string()),
  identity: z.optional(identity),
};

/**
 * What our $connect authorizer returned as `context`, which API Gateway hands to every later event of the
 * connection (stringified: context values arrive as strings), next to its own `principalId` and
 * `integrationLatency`.
 */
export const deviceIdentitySchema = z.pipe(
  z.looseObject({
    principalId: z.optional(z.string()),
    integrationLatency: z.optional(z.number()),
    householdId: z.string().check(z.regex(ID_PATTERN, 'must be a household id')),
    deviceId: z.string().check(z.regex(ID_PATTERN, 'must be a device id')),
    role: z.enum(DEVICE_ROLES as readonly [DeviceRole, ...DeviceRole[]]),
  }),
  z.transform(
    (context): DeviceIdentity => ({ householdId: householdId(context.householdId), deviceId: deviceId(context.deviceId), role: context.role }),
  ),
);

/** The device behind a connection, as the authorizer established it. */
export interface DeviceIdentity {
  readonly householdId: HouseholdId;
  readonly deviceId: DeviceId;
  readonly role: DeviceRole;
}

/** The REQUEST authorizer's input on $connect: `?token=…` arrives in `queryStringParameters`. */
export const authorizerRequestEvent = z.looseObject({
  type: z.literal('REQUEST'),
  /** `arn:aws:execute-api:{region}:{account}:{api-id}/{stage}/$connect`: the resource the policy must name. */
  methodArn: z.string().check(z.regex(/^arn:[^:]+:execute-api:/, 'must be an execute-api ARN')),
  headers: stringMap,
  multiValueHeaders: stringListMap,
  queryStringParameters: stringMap,
  multiValueQueryStringParameters: stringListMap,
  stageVariables: stringMap,
  requestContext: z.looseObject({ ...requestContextFields, routeKey: z.literal('$connect'), eventType: z.literal('CONNECT') }),
});
export type AuthorizerRequestEvent = z.infer<typeof authorizerRequestEvent>;

/**
 * $connect, once the authorizer allowed it: the connection to store, and who it is. Its header and query-string
 * maps pass through unchecked: the handler never reads them (the authorizer already checked the token), and
 * validating every header cost more than the rest of the call.
 */
export const connectEvent = z.looseObject({
  isBase64Encoded: z.optional(z.boolean()),
  requestContext: z.looseObject({
    ...requestContextFields,
    routeKey: z.literal('$connect'),
    eventType: z.literal('CONNECT'),
    connectedAt: z.int().check(z.nonnegative()),
    authorizer: deviceIdentitySchema,
  }),
});
export type ConnectEvent = z.infer<typeof connectEvent>;

/**
 * $disconnect: the client closed (1000/1001…), the connection idled out or hit its 2 hours, or it was deleted.
 * Headers pass through unchecked, as on $connect.
 */
export const disconnectEvent = z.looseObject({
  isBase64Encoded: z.optional(z.boolean()),
  requestContext: z.looseObject({
    ...requestContextFields,
    routeKey: z.literal('$disconnect'),
    eventType: z.literal('DISCONNECT'),
    /** The WebSocket close code (1005 when the client sent none). */
    disconnectStatusCode: z.nullish(z.number()),
    disconnectReason: z.nullish(z.string()),
  }),
});
export type DisconnectEvent = z.infer<typeof disconnectEvent>;

/**
 * A frame from the device on any message route (`$default`, `ping`…). The body is whatever the client sent: usually
 * a string, base64 when `isBase64Encoded` (binary frames), possibly absent. It is checked later, not here, so that
 * a bad body still gets an error reply on the connection. The identity is kept apart too: a message without one
 * can still be answered.
 */
export const messageEvent = z.looseObject({
  body: z.optional(z.unknown()),
  isBase64Encoded: z.optional(z.boolean()),
  requestContext: z.looseObject({
    ...requestContextFields,
    routeKey: z.string(),
    eventType: z.literal('MESSAGE'),
    messageId: z.optional(z.string()),
    authorizer: z.optional(z.unknown()),
  }),
});
export type MessageEvent = z.infer<typeof messageEvent>;

/** Paths and messages of validation issues, never the values: events carry tokens and message bodies. */
export function issueSummary(error: z.core.$ZodError): readonly string[] {
  return error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`);
}
