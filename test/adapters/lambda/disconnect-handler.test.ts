import { describe, expect, it } from 'vitest';
import { makeDisconnectHandler } from '../../../adapters/lambda/disconnect-handler';
import { TOKENS } from '../../../infrastructure/di/tokens';
import { HOME, inMemoryDoorbell } from '../../support/in-memory-doorbell';
import { recordingTelemetry } from './recording-telemetry';
import { disconnectEvent, fixture } from './websocket-fixtures';

function setUp() {
  const doorbell = inMemoryDoorbell();
  const recording = recordingTelemetry();
  const handler = makeDisconnectHandler({ disconnect: doorbell.get(TOKENS.Disconnect), telemetry: recording.telemetry });
  const stored = async () => (await doorbell.get(TOKENS.ConnectionRepository).listByHousehold(HOME, doorbell.clock.now())).map((c) => c.id);
  return { doorbell, recording, handler, stored };
}

describe('the $disconnect handler', () => {
  it('removes the connection and logs why it closed', async () => {
    const { doorbell, handler, stored, recording } = setUp();
    const phone = await doorbell.connect(HOME, 'resident');
    const kitchen = await doorbell.connect(HOME, 'resident', 'Kitchen');

    expect(await handler(disconnectEvent({ connectionId: phone.connectionId }))).toEqual({ statusCode: 200 });

    expect(await stored()).toEqual([kitchen.connectionId]);
    expect(recording.logs).toContainEqual({
      level: 'info',
      message: 'device disconnected',
      fields: { connectionId: phone.connectionId, disconnectStatusCode: 1001, disconnectReason: 'Client-side close frame status not set' },
    });
  });

  it('is idempotent: a second $disconnect, or one for an unknown connection, answers 200', async () => {
    const { doorbell, handler, stored } = setUp();
    const phone = await doorbell.connect(HOME, 'resident');

    await handler(disconnectEvent({ connectionId: phone.connectionId }));
    expect(await handler(disconnectEvent({ connectionId: phone.connectionId }))).toEqual({ statusCode: 200 });
    expect(await handler(disconnectEvent({ connectionId: 'neverSeen0=' }))).toEqual({ statusCode: 200 });
    expect(await stored()).toEqual([]);
  });

  it('accepts an event without close code or reason', async () => {
    const { handler } = setUp();
    const event = fixture('disconnect');
    delete event['requestContext']['disconnectStatusCode'];
    delete event['requestContext']['disconnectReason'];

    expect(await handler(event)).toEqual({ statusCode: 200 });
  });

  it('answers 400 to what is not a $disconnect event', async () => {
    const { handler } = setUp();
    for (const event of [undefined, {}, fixture('connect'), fixture('message')]) expect(await handler(event)).toEqual({ statusCode: 400 });
  });
});
