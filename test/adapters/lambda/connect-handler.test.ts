import { describe, expect, it } from 'vitest';
import { makeConnectHandler } from '../../../adapters/lambda/connect-handler';
import { connectionId } from '../../../domain/ids';
import { MAX_CONNECTION_DURATION } from '../../../domain/connection';
import { TOKENS } from '../../../infrastructure/di/tokens';
import { T0 } from '../../support/builders';
import { HOME, inMemoryDoorbell } from '../../support/in-memory-doorbell';
import { recordingTelemetry } from './recording-telemetry';
import { connectEvent, fixture, type EventJson } from './websocket-fixtures';

const CONNECTION = 'BtTcVeUnjoECFuQ=';

function setUp() {
  const doorbell = inMemoryDoorbell();
  const recording = recordingTelemetry();
  const handler = makeConnectHandler({ connect: doorbell.get(TOKENS.Connect), telemetry: recording.telemetry });
  const stored = () => doorbell.get(TOKENS.ConnectionRepository).listByHousehold(HOME, doorbell.clock.now());
  return { doorbell, recording, handler, stored };
}

const phone = { householdId: HOME, deviceId: 'phone-1', role: 'resident' };

describe('the $connect handler', () => {
  it('stores the connection with the identity the authorizer established', async () => {
    const { handler, stored } = setUp();

    expect(await handler(connectEvent({ connectionId: CONNECTION, connectedAt: T0, device: phone }))).toEqual({ statusCode: 200 });

    expect(await stored()).toEqual([
      {
        id: connectionId(CONNECTION),
        householdId: HOME,
        deviceId: 'phone-1',
        role: 'resident',
        connectedAt: T0,
        expiresAt: T0 + MAX_CONNECTION_DURATION,
      },
    ]);
  });

  it('never logs the query string, which carries the token', async () => {
    const { handler, recording } = setUp();
    const event = connectEvent({ connectionId: CONNECTION, connectedAt: T0, device: phone });

    await handler(event);
    await handler({ ...event, requestContext: { ...event['requestContext'], authorizer: undefined } });

    expect(recording.text()).not.toContain(event['queryStringParameters'].token);
  });

  const malformed: [string, (event: EventJson) => void][] = [
    ['no authorizer context', (event) => delete event['requestContext']['authorizer']],
    ['a household id that is not one', (event) => (event['requestContext']['authorizer']['householdId'] = 'home/1')],
    ['a missing device id', (event) => delete event['requestContext']['authorizer']['deviceId']],
    ['an unknown role', (event) => (event['requestContext']['authorizer']['role'] = 'admin')],
    ['no connectedAt', (event) => delete event['requestContext']['connectedAt']],
    ['a connection id that API Gateway would not mint', (event) => (event['requestContext']['connectionId'] = 'a b')],
    ['another route', (event) => (event['requestContext']['routeKey'] = '$default')],
  ];
  it.each(malformed)('refuses an event with %s (400) and stores nothing', async (_, breakIt) => {
    const { handler, stored, recording } = setUp();
    const event = connectEvent({ connectionId: CONNECTION, connectedAt: T0, device: phone });
    breakIt(event);

    expect(await handler(event)).toEqual({ statusCode: 400 });
    expect(await stored()).toEqual([]);
    expect(recording.logs).toContainEqual(expect.objectContaining({ level: 'warn' }));
  });

  it('refuses what is not an event at all', async () => {
    const { handler } = setUp();
    for (const event of [undefined, null, 'connect', [], {}, fixture('disconnect')])
      expect(await handler(event)).toEqual({ statusCode: 400 });
  });
});
