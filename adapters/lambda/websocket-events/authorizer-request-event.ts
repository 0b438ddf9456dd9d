import * as v from 'valibot';
import { notArray, VALUE_FREE_MESSAGES } from '../../validation/issues';
import { requestContextFields } from './event-fields';

const stringMap = v.nullish(v.pipe(notArray, v.record(v.string(), v.string())));
const stringListMap = v.nullish(v.pipe(notArray, v.record(v.string(), v.array(v.string()))));

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
