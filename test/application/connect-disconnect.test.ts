import { describe, expect, it } from 'vitest';
import { MAX_CONNECTION_DURATION } from '../../domain/connection';
import { connectionId, deviceId } from '../../domain/ids';
import { hours } from '../../domain/time';
import { TOKENS } from '../../infrastructure/di/tokens';
import { T0 } from '../support/builders';
import { HOME, OTHER_HOME, inMemoryDoorbell } from '../support/in-memory-doorbell';

const PHONE = deviceId('phone-1');
const CONN = connectionId('conn-a');

describe('Connect', () => {
  it('stores the connection with an expiry exactly 2 hours after it connected', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const connections = doorbell.get(TOKENS.ConnectionRepository);
    const connectedAt = T0 + 1_234;

    // Act
    const connection = await doorbell
      .get(TOKENS.Connect)
      .execute({ id: CONN, householdId: HOME, deviceId: PHONE, role: 'resident', connectedAt });

    // Assess
    const expected = { id: CONN, householdId: HOME, deviceId: PHONE, role: 'resident', connectedAt, expiresAt: connectedAt + hours(2) };
    expect(MAX_CONNECTION_DURATION).toBe(hours(2));
    expect(connection).toEqual(expected);
    expect(await connections.get(CONN, connectedAt)).toEqual(expected);
    expect(await connections.listByHousehold(HOME, connectedAt)).toEqual([expected]);
  });

  it('keeps the connection listed until just before 2 hours and drops it from 2 hours on', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const connections = doorbell.get(TOKENS.ConnectionRepository);
    await doorbell.get(TOKENS.Connect).execute({ id: CONN, householdId: HOME, deviceId: PHONE, role: 'resident', connectedAt: T0 });

    // Act
    const justBefore = await connections.listByHousehold(HOME, T0 + hours(2) - 1);
    const atExpiry = await connections.listByHousehold(HOME, T0 + hours(2));
    const later = await connections.get(CONN, T0 + hours(3));

    // Assess
    expect(justBefore.map((c) => c.id)).toEqual([CONN]);
    expect(atExpiry).toEqual([]);
    expect(later).toBeUndefined();
  });

  it('lists a connection only in its own household', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const connections = doorbell.get(TOKENS.ConnectionRepository);

    // Act
    await doorbell.get(TOKENS.Connect).execute({ id: CONN, householdId: HOME, deviceId: PHONE, role: 'resident', connectedAt: T0 });

    // Assess
    expect(await connections.listByHousehold(OTHER_HOME, T0)).toEqual([]);
    expect(await connections.listByHousehold(HOME, T0)).toHaveLength(1);
  });
});

describe('Disconnect', () => {
  it('removes the connection', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const connections = doorbell.get(TOKENS.ConnectionRepository);
    const other = connectionId('conn-b');
    const connect = doorbell.get(TOKENS.Connect);
    await connect.execute({ id: CONN, householdId: HOME, deviceId: PHONE, role: 'resident', connectedAt: T0 });
    await connect.execute({ id: other, householdId: HOME, deviceId: deviceId('phone-2'), role: 'resident', connectedAt: T0 });

    // Act
    await doorbell.get(TOKENS.Disconnect).execute({ connectionId: CONN });

    // Assess
    expect(await connections.get(CONN, T0)).toBeUndefined();
    expect((await connections.listByHousehold(HOME, T0)).map((c) => c.id)).toEqual([other]);
  });

  it('resolves for a connection id it never stored', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();

    // Act
    const disconnecting = doorbell.get(TOKENS.Disconnect).execute({ connectionId: connectionId('never-connected') });

    // Assess
    await expect(disconnecting).resolves.toBeUndefined();
  });

  it('is idempotent: disconnecting twice resolves and leaves nothing listed', async () => {
    // Prepare
    const doorbell = inMemoryDoorbell();
    const connections = doorbell.get(TOKENS.ConnectionRepository);
    await doorbell.get(TOKENS.Connect).execute({ id: CONN, householdId: HOME, deviceId: PHONE, role: 'resident', connectedAt: T0 });
    const disconnect = doorbell.get(TOKENS.Disconnect);

    // Act
    await disconnect.execute({ connectionId: CONN });
    const second = disconnect.execute({ connectionId: CONN });

    // Assess
    await expect(second).resolves.toBeUndefined();
    expect(await connections.listByHousehold(HOME, T0)).toEqual([]);
  });
});
