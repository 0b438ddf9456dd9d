import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeAuthorizerHandler, type AuthorizerResult } from '../../adapters/lambda/authorizer-handler';
import { makeConnectHandler } from '../../adapters/lambda/connect-handler';
import { makeDisconnectHandler } from '../../adapters/lambda/disconnect-handler';
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import { MAX_CONNECTION_DURATION } from '../../domain/connection';
import { CONNECTION_ID_PATTERN, connectionId } from '../../domain/ids';
import { ERROR_CODES, type ErrorCode, type ServerMessage } from '../../domain/protocol/server-messages';
import { TOKENS } from '../../infrastructure/di/tokens';
import { authorizerRequest, connectEvent, disconnectEvent, messageEvent, type EventJson } from '../adapters/lambda/websocket-fixtures';
import { HOME, inMemoryDoorbell } from '../support/in-memory-doorbell';
import { inMemoryMessageHandler } from '../support/in-memory-message-handler';
import {
  expectPrototypesUntouched,
  hostileEvent,
  hostileKey,
  hostileValue,
  nonStringAction,
  objectOf,
  prototypeSnapshot,
} from './hostile-input';

/**
 * Every WebSocket handler, given events API Gateway would never send and frames any client can: valid events with
 * fields removed, retyped or added (`__proto__` and friends included), or anything at all. None throws; each
 * answers the structured way (a Deny or API Gateway's 401 for the authorizer, 200/400 for the routes, an `error`
 * frame to the sender for a bad message), stores nothing it should not, and Object.prototype stays clean.
 */

/** Every action a device may name, the not-yet-available ones included: each must be refused or answered cleanly. */
const ACTIONS = ['ping', 'history', 'requestUpload', 'answer', 'verifyCode'] as const;
/** The protocol's codes but `expired`: no fuzzed frame comes too late for anything. */
const FUZZ_ERROR_CODES = ERROR_CODES.filter((code) => code !== 'expired');
const REPLY_TYPES = ['pong', 'history', 'uploadUrl', 'error'];

const doorbell = inMemoryDoorbell();
const get = doorbell.get;
const telemetry = SILENT_TELEMETRY;
let resident: Awaited<ReturnType<typeof doorbell.connect>>;
let token: string;
let prototypes: string;

beforeAll(async () => {
  prototypes = prototypeSnapshot();
  resident = await doorbell.connect(HOME, 'resident', 'Phone');
  const issued = await get(TOKENS.IssueDeviceToken).execute({ householdId: HOME, role: 'resident', name: 'Tablet' });
  if (issued.kind !== 'issued') throw new Error(issued.reason);
  token = issued.token;
});

const identity = () => ({ householdId: HOME, deviceId: resident.device.id, role: 'resident' as const });
const stored = async (event: unknown) => {
  const id = (event as EventJson | undefined)?.['requestContext']?.['connectionId'];
  return typeof id === 'string' && CONNECTION_ID_PATTERN.test(id)
    ? get(TOKENS.ConnectionRepository).get(connectionId(id), doorbell.clock.now())
    : undefined;
};

describe('every WebSocket handler, for hostile events', () => {
  it('the authorizer denies (Deny policy, or 401) unless the real token reached it intact, and never throws anything else', async () => {
    const handler = makeAuthorizerHandler({ authorize: get(TOKENS.AuthorizeConnection), telemetry });
    await fc.assert(
      fc.asyncProperty(
        hostileEvent(() => authorizerRequest(token)),
        async (event) => {
          const outcome = await handler(event).then(
            (result: AuthorizerResult) => ({ result }),
            (error: unknown) => ({ error }),
          );
          if ('error' in outcome) {
            expect(outcome.error).toEqual(new Error('Unauthorized'));
            return;
          }
          const [statement] = outcome.result.policyDocument.Statement;
          expect(statement.Resource).toBe((event as EventJson)['methodArn']);
          if (statement.Effect === 'Allow') {
            expect((event as EventJson)['queryStringParameters']['token']).toBe(token);
            expect(outcome.result.context).toEqual({ householdId: HOME, deviceId: expect.any(String), role: 'resident' });
          } else expect(outcome.result).toEqual({ principalId: 'denied', policyDocument: expect.anything() });
        },
      ),
      { numRuns: 300 },
    );
    expectPrototypesUntouched(prototypes);
  });

  it('$connect answers 200 and stores the connection, or 400 and stores nothing', async () => {
    const handler = makeConnectHandler({ connect: get(TOKENS.Connect), telemetry });
    let connections = 0;
    const valid = () => connectEvent({ connectionId: `Fuzz${++connections}=`, connectedAt: doorbell.clock.now(), device: identity() });
    await fc.assert(
      fc.asyncProperty(hostileEvent(valid), async (event) => {
        const response = await handler(event);
        expect([200, 400]).toContain(response.statusCode);
        expect(response).toEqual({ statusCode: response.statusCode });
        const connection = await stored(event);
        if (response.statusCode === 400) expect(connection).toBeUndefined();
        else {
          const { connectedAt, authorizer } = (event as EventJson)['requestContext'];
          // A connection opened over 2 hours ago is stored already expired, and reads as absent.
          const expired = connectedAt + MAX_CONNECTION_DURATION <= doorbell.clock.now();
          expect(connection?.householdId).toBe(expired ? undefined : authorizer['householdId']);
        }
      }),
      { numRuns: 300 },
    );
    expectPrototypesUntouched(prototypes);
  });

  it('$disconnect answers 200 or 400 and never throws', async () => {
    const handler = makeDisconnectHandler({ disconnect: get(TOKENS.Disconnect), telemetry });
    await fc.assert(
      fc.asyncProperty(
        hostileEvent(() => disconnectEvent({ connectionId: 'Gone1234=' })),
        async (event) => {
          const response = await handler(event);
          expect([{ statusCode: 200 }, { statusCode: 400 }]).toContainEqual(response);
        },
      ),
      { numRuns: 300 },
    );
    expectPrototypesUntouched(prototypes);
  });
});

/** Frames: one of our actions with hostile fields, hostile JSON, bytes that are not UTF-8, or too many of them. */
const frame = fc.oneof(
  fc
    .tuple(fc.constantFrom(...ACTIONS), fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 3 }))
    .map(([action, fields]) => ({ body: JSON.stringify(objectOf([['action', action], ...fields])) })),
  fc
    .tuple(nonStringAction(ACTIONS), fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 2 }))
    .map(([action, fields]) => ({ body: JSON.stringify(objectOf([['action', action], ...fields])) })),
  hostileValue.map((value) => ({ body: JSON.stringify(value) as string | undefined })),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({ body: Buffer.from(bytes).toString('base64'), isBase64Encoded: true })),
  fc.constantFrom(
    { body: `{"action":"ping","pad":"${'x'.repeat(130 * 1024)}"}` },
    { body: Buffer.alloc(130 * 1024, 'x').toString('base64'), isBase64Encoded: true },
  ),
);

describe('the message handler, for hostile frames and events', () => {
  it('answers a frame whose action is not a string with one bad-request error (payload-too-large if huge)', async () => {
    const handler = inMemoryMessageHandler(doorbell, telemetry);
    await fc.assert(
      fc.asyncProperty(nonStringAction(ACTIONS), fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 2 }), async (action, fields) => {
        const body = JSON.stringify(objectOf([...fields.filter(([key]) => key !== 'action'), ['action', action]]));
        const before = resident.received().length;

        const response = await handler(messageEvent({ connectionId: resident.connectionId, device: identity(), body }));

        const replies = resident.received().slice(before) as (ServerMessage & { code?: ErrorCode })[];

        expect(response).toEqual({ statusCode: 200 });
        expect(replies.map(({ type, code }) => ({ type, code }))).toEqual([
          { type: 'error', code: Buffer.byteLength(body) > 128 * 1024 ? 'payload-too-large' : 'bad-request' },
        ]);
      }),
      { numRuns: 300 },
    );
    expectPrototypesUntouched(prototypes);
  });

  it('answers the sender once (an error, or a valid reply) with 200, or 400 when the event names no sender', async () => {
    const handler = inMemoryMessageHandler(doorbell, telemetry);
    const sender = () => resident.received().length;
    const valid = (sent: { body: string | undefined; isBase64Encoded?: boolean }) => () =>
      messageEvent({ connectionId: resident.connectionId, device: identity(), ...sent });

    await fc.assert(
      fc.asyncProperty(
        frame.chain((sent) => fc.oneof(fc.constant(valid(sent)()), hostileEvent(valid(sent)))),
        async (event) => {
          const before = sender();
          const response = await handler(event);
          const replies = resident.received().slice(before) as (ServerMessage & { code?: ErrorCode })[];

          expect([{ statusCode: 200 }, { statusCode: 400 }]).toContainEqual(response);
          if (response.statusCode === 400) expect(replies).toEqual([]);
          else if ((event as EventJson)['requestContext']['connectionId'] === resident.connectionId) {
            expect(replies).toHaveLength(1);
            expect(REPLY_TYPES).toContain(replies[0]!.type);
            if (replies[0]!.type === 'error') expect(FUZZ_ERROR_CODES).toContain(replies[0]!.code);
          }
        },
      ),
      { numRuns: 400 },
    );
    expectPrototypesUntouched(prototypes);
  });
});
