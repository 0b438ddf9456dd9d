import * as v from 'valibot';
import { CONNECTION_ID_PATTERN } from '../../../domain/ids';
import { notArray } from '../../validation/issues';

/**
 * API Gateway WebSocket events as Lambda receives them (proxy integration), after the documented shapes
 * ("Control access to WebSocket APIs with Lambda REQUEST authorizers"; the $connect/$disconnect/message events).
 * Why our own schemas here: @types/aws-lambda has no type for the authorizer context on message events nor for
 * `disconnectStatusCode`, and Powertools' parser schema fits only the $connect shape. What we read is required and
 * checked; the rest is typed but optional and passes through (loose objects), so a local gateway need not invent
 * the fields we never read.
 * Built with valibot, small and fast to set up at cold start, with messages that never quote the event
 * (see adapters/validation/issues.ts).
 *
 * One module per event, so that a Lambda's bundle builds (at cold start) only the schemas of the events it receives;
 * this one holds what they share.
 */

/** A number as JSON has them (never NaN nor infinite). */
export const finiteNumber = v.pipe(v.number(), v.finite());

const identity = v.pipe(notArray, v.looseObject({ sourceIp: v.optional(v.string()), userAgent: v.nullish(v.string()) }));

const connectionIdText = v.pipe(v.string(), v.regex(CONNECTION_ID_PATTERN, 'must be an API Gateway connection id'));

/** Fields every WebSocket event's requestContext has. */
export const requestContextFields = {
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
