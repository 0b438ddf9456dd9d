import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { authorizerRequestEvent } from '../../../adapters/lambda/websocket-events/authorizer-request-event';
import { connectEvent } from '../../../adapters/lambda/websocket-events/connect-event';
import { disconnectEvent } from '../../../adapters/lambda/websocket-events/disconnect-event';
import { messageEvent } from '../../../adapters/lambda/websocket-events/message-event';
import { fixture } from './websocket-fixtures';

describe('the WebSocket event schemas', () => {
  it('read the documented events, each only as itself', () => {
    const events = {
      authorizer: fixture('authorizer-request'),
      connect: fixture('connect'),
      disconnect: fixture('disconnect'),
      message: fixture('message'),
    };
    const schemas = { authorizer: authorizerRequestEvent, connect: connectEvent, disconnect: disconnectEvent, message: messageEvent };
    for (const [name, schema] of Object.entries(schemas)) {
      for (const [eventName, event] of Object.entries(events)) {
        // The authorizer's input and $connect share route and event type; `type`, `methodArn` and the context tell them apart.
        expect(v.safeParse(schema, event).success, `${name} schema on the ${eventName} event`).toBe(eventName === name);
      }
    }
  });

  it('turn the authorizer context (strings, next to principalId and integrationLatency) into the device identity', () => {
    const parsed = v.parse(connectEvent, fixture('connect'));
    expect(parsed.requestContext.authorizer).toEqual({ householdId: 'home-1', deviceId: 'phone-1', role: 'resident' });
    expect(parsed.requestContext.connectedAt).toBe(1795608000000);
  });

  it('keep the fields they do not read', () => {
    expect(v.parse(messageEvent, fixture('message')).requestContext).toMatchObject({
      extendedRequestId: 'BtTdqHDGjoEFg7Q=',
      apiId: 'abcdef1234',
    });
  });

  it('take a message event whatever its body: absent, not a string, any route', () => {
    const event = fixture('message');
    delete event['body'];
    event['requestContext']['routeKey'] = 'verifyCode';
    expect(v.safeParse(messageEvent, event).success).toBe(true);
    expect(v.safeParse(messageEvent, { ...event, body: { action: 'ping' } }).success).toBe(true);
  });

  it('accept null query strings and headers, as API Gateway sends when there are none', () => {
    expect(
      v.safeParse(authorizerRequestEvent, {
        ...fixture('authorizer-request'),
        queryStringParameters: null,
        multiValueQueryStringParameters: null,
      }).success,
    ).toBe(true);
  });
});
