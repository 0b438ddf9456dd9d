import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorruptItemError } from '../../../adapters/dynamodb/corrupt-item-error';
import { DynamoDbConnectionRepository } from '../../../adapters/dynamodb/dynamodb-connection-repository';
import { DynamoDbDeviceRepository } from '../../../adapters/dynamodb/dynamodb-device-repository';
import { DynamoDbRingRepository } from '../../../adapters/dynamodb/dynamodb-ring-repository';
import { DynamoDbRingWindowRepository } from '../../../adapters/dynamodb/dynamodb-ring-window-repository';
import { DynamoDbVisitorRepository } from '../../../adapters/dynamodb/dynamodb-visitor-repository';
import { timeKey } from '../../../adapters/dynamodb/ring-item';
import {
  CONNECTIONS_TABLE,
  DEVICES_TABLE,
  RING_WINDOWS_TABLE,
  RINGS_TABLE,
  VISITORS_TABLE,
} from '../../../adapters/dynamodb/table-definitions';
import type { RingId } from '../../../domain/ids';
import { cursorOf, historyOrder, type Ring } from '../../../domain/ring';
import { days, seconds } from '../../../domain/time';
import { nameKey, type Visitor } from '../../../domain/visitor';
import { startDynalite, type LocalDynamoDb } from '../../support/dynalite';
import { aConnection, aDevice, aDeviceId, aHouseholdId, aRing, aRingId, aVisitor, T0 } from '../../support/builders';

let dynamo: LocalDynamoDb;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo?.close();
});

const rawItem: LocalDynamoDb['rawItem'] = (tableName, key) => dynamo.rawItem(tableName, key);
const putRaw: LocalDynamoDb['putRaw'] = (tableName, item) => dynamo.putRaw(tableName, item);
const tableFor: LocalDynamoDb['tableFor'] = (definition, pageSize) => dynamo.tableFor(definition, pageSize);

describe('DynamoDB items carry a TTL attribute in epoch seconds', () => {
  it('on a connection: its expiry, rounded up to the second', async () => {
    const { tableName, options } = await tableFor(CONNECTIONS_TABLE);
    const connection = aConnection({ connectedAt: T0 + 1_500 });
    await new DynamoDbConnectionRepository(options).save(connection);
    const item = await rawItem(tableName, { connectionId: connection.id });
    expect(item?.['ttl']).toBe(Math.ceil(connection.expiresAt / 1_000));
    expect(item?.['ttl']).toBe((T0 + 2 * 3_600_000 + 2_000) / 1_000);
  });

  it('on a ring: its retention expiry, next to the history sort key', async () => {
    const { tableName, options } = await tableFor(RINGS_TABLE);
    const ring = aRing();
    await new DynamoDbRingRepository(options).create(ring);
    const item = await rawItem(tableName, { householdId: ring.householdId, ringId: ring.id });
    expect(item?.['ttl']).toBe(ring.expiresAt / 1_000);
    expect(item?.['timeKey']).toBe(`000${T0}#${ring.id}`);
  });

  it('on a ring window: a day after it opened', async () => {
    const { tableName, options } = await tableFor(RING_WINDOWS_TABLE);
    const window = { householdId: aHouseholdId(), doorbellId: aDeviceId(), ringId: aRingId(), openedAt: T0 };
    await new DynamoDbRingWindowRepository(options).replace(undefined, window);
    const item = await rawItem(tableName, { householdId: window.householdId, doorbellId: window.doorbellId });
    expect(item?.['ttl']).toBe((T0 + days(1)) / 1_000);
  });
});

describe('DynamoDB items map back to exactly the domain object', () => {
  it('leaves storage-only and unknown attributes of a ring behind (claimant, ttl, timeKey, extras)', async () => {
    const { tableName, options } = await tableFor(RINGS_TABLE);
    const repository = new DynamoDbRingRepository(options);
    const ring = aRing({ identification: { kind: 'unavailable', reason: 'recognizer-unavailable' } });
    await repository.create(ring);
    await repository.claimAnnouncement(ring.householdId, ring.id, 'run-1');
    const stored = await rawItem(tableName, { householdId: ring.householdId, ringId: ring.id });
    await putRaw(tableName, { ...stored, addedByALaterVersion: 'x' });
    expect(await repository.get(ring.householdId, ring.id, T0)).toEqual(ring);
    expect((await repository.history(ring.householdId, { now: T0, limit: 5 })).rings).toEqual([ring]);
  });

  it('leaves unknown attributes of a visitor, device and connection behind', async () => {
    const visitors = await tableFor(VISITORS_TABLE);
    const visitor = aVisitor();
    await putRaw(visitors.tableName, { ...visitorItem(visitor), extra: 1 });
    expect(await new DynamoDbVisitorRepository(visitors.options).get(visitor.householdId, visitor.id)).toEqual(visitor);

    const devices = await tableFor(DEVICES_TABLE);
    const device = aDevice();
    const { id: deviceId, ...deviceFields } = device;
    await putRaw(devices.tableName, { ...deviceFields, deviceId, extra: true });
    expect(await new DynamoDbDeviceRepository(devices.options).get(device.householdId, device.id)).toEqual(device);

    const connections = await tableFor(CONNECTIONS_TABLE);
    const connection = aConnection();
    await new DynamoDbConnectionRepository(connections.options).save(connection);
    const stored = await rawItem(connections.tableName, { connectionId: connection.id });
    await putRaw(connections.tableName, { ...stored, extra: 'x' });
    expect(await new DynamoDbConnectionRepository(connections.options).get(connection.id, T0)).toEqual(connection);
  });

  it('round-trips a visitor without faces (a list, not a set, which could not be empty)', async () => {
    const { tableName, options } = await tableFor(VISITORS_TABLE);
    const visitor = aVisitor({ faceIds: [] });
    await new DynamoDbVisitorRepository(options).save(visitor);
    expect((await rawItem(tableName, { householdId: visitor.householdId, visitorId: visitor.id }))?.['faceIds']).toEqual([]);
    expect(await new DynamoDbVisitorRepository(options).get(visitor.householdId, visitor.id)).toEqual(visitor);
  });
});

describe('DynamoDB adapters refuse corrupt items', () => {
  it('names the table, the key and the attribute when a ring lacks a field', async () => {
    const { tableName, options } = await tableFor(RINGS_TABLE);
    const ring = aRing();
    const { at: _missing, ...withoutAt } = ringItem(ring);
    await putRaw(tableName, withoutAt);
    const reading = new DynamoDbRingRepository(options).get(ring.householdId, ring.id, T0);
    await expect(reading).rejects.toBeInstanceOf(CorruptItemError);
    await expect(reading).rejects.toMatchObject({
      tableName,
      key: { householdId: ring.householdId, ringId: ring.id },
      message: expect.stringContaining('attribute at is missing'),
    });
  });

  it('rejects an identification of an unknown kind, and a visitor whose faces are not a list', async () => {
    const rings = await tableFor(RINGS_TABLE);
    const ring = aRing();
    await putRaw(rings.tableName, { ...ringItem(ring), identification: { kind: 'maybe' } });
    await expect(new DynamoDbRingRepository(rings.options).get(ring.householdId, ring.id, T0)).rejects.toThrow(
      /attribute identification\.kind is not one of known, unknown, no-face, unavailable/,
    );

    const visitors = await tableFor(VISITORS_TABLE);
    const visitor = aVisitor();
    await putRaw(visitors.tableName, { ...visitorItem(visitor), faceIds: 'face-1' });
    await expect(new DynamoDbVisitorRepository(visitors.options).listByHousehold(visitor.householdId)).rejects.toThrow(CorruptItemError);
  });
});

describe('DynamoDB adapters let failures other than a false condition propagate', () => {
  const notFound = { name: 'ResourceNotFoundException' };

  it('rejects every operation on a table that does not exist, conditional writes included', async () => {
    const options = { client: dynamo.documentClient, tableName: 'no-such-table' };
    const rings = new DynamoDbRingRepository(options);
    const ring = aRing();
    await expect(rings.create(ring)).rejects.toMatchObject(notFound);
    await expect(rings.claimAnnouncement(ring.householdId, ring.id, 'run-1')).rejects.toMatchObject(notFound);
    await expect(rings.history(ring.householdId, { now: T0, limit: 5 })).rejects.toMatchObject(notFound);
    const window = { householdId: aHouseholdId(), doorbellId: aDeviceId(), ringId: aRingId(), openedAt: T0 };
    await expect(new DynamoDbRingWindowRepository(options).replace(undefined, window)).rejects.toMatchObject(notFound);
    await expect(new DynamoDbConnectionRepository(options).listByHousehold(aHouseholdId(), T0)).rejects.toMatchObject(notFound);
    await expect(new DynamoDbVisitorRepository(options).findByName(aHouseholdId(), 'Alice')).rejects.toMatchObject(notFound);
    await expect(new DynamoDbDeviceRepository(options).save(aDevice())).rejects.toMatchObject(notFound);
  });
});

describe('DynamoDB adapters follow every page', () => {
  it('lists devices over many small pages', async () => {
    const { options } = await tableFor(DEVICES_TABLE, 3);
    const repository = new DynamoDbDeviceRepository(options);
    const householdId = aHouseholdId();
    const devices = Array.from({ length: 20 }, () => aDevice({ householdId }));
    await Promise.all(devices.map((device) => repository.save(device)));
    expect(await repository.listByHousehold(householdId)).toHaveLength(20);
  });

  it('finds a visitor by name on a later page', async () => {
    const { options } = await tableFor(VISITORS_TABLE, 2);
    const repository = new DynamoDbVisitorRepository(options);
    const householdId = aHouseholdId();
    const visitors = Array.from({ length: 12 }, (_, n) => aVisitor({ householdId, name: `Visitor ${n}` }));
    await Promise.all(visitors.map((visitor) => repository.save(visitor)));
    for (const visitor of visitors) expect(await repository.findByName(householdId, visitor.name.toUpperCase())).toEqual(visitor);
  });

  it('walks the history page by page in history order, whatever the page size and ties', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 25 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        async (offsets, pageSize, limit) => {
          const { options } = await tableFor(RINGS_TABLE, pageSize);
          const repository = new DynamoDbRingRepository(options);
          const householdId = aHouseholdId();
          const rings = offsets.map((n) => aRing({ householdId, at: T0 + n }));
          await Promise.all(rings.map((ring) => repository.create(ring)));
          const seen: Ring[] = [];
          let page = await repository.history(householdId, { now: T0, limit });
          seen.push(...page.rings);
          while (page.next) {
            page = await repository.history(householdId, { now: T0, limit, after: page.next });
            expect(page.rings.length).toBeGreaterThan(0);
            seen.push(...page.rings);
          }
          expect(seen.map((ring) => ring.id)).toEqual(
            [...rings].sort((a, b) => historyOrder(cursorOf(a), cursorOf(b))).map((ring) => ring.id),
          );
        },
      ),
      { numRuns: 15 },
    );
  });

  it('returns no cursor when only expired rings are older than the page', async () => {
    const { options } = await tableFor(RINGS_TABLE, 2);
    const repository = new DynamoDbRingRepository(options);
    const householdId = aHouseholdId();
    const now = T0 + seconds(100);
    const kept = [aRing({ householdId, at: T0 + seconds(50) }), aRing({ householdId, at: T0 + seconds(40) })];
    const expired = Array.from({ length: 9 }, (_, n) => aRing({ householdId, at: T0 + n, expiresAt: now }));
    await Promise.all([...kept, ...expired].map((ring) => repository.create(ring)));
    expect(await repository.history(householdId, { now, limit: 2 })).toEqual({ rings: kept });
    expect(await repository.history(householdId, { now, limit: 1 })).toEqual({ rings: [kept[0]], next: cursorOf(kept[0]!) });
  });

  it('continues after a cursor whose ring is gone', async () => {
    const { options } = await tableFor(RINGS_TABLE);
    const repository = new DynamoDbRingRepository(options);
    const householdId = aHouseholdId();
    const older = aRing({ householdId, at: T0 });
    await repository.create(older);
    const after = { at: T0 + 1, ringId: 'never-stored' as RingId };
    expect((await repository.history(householdId, { now: T0, limit: 5, after })).rings).toEqual([older]);
  });
});

describe('the history sort key', () => {
  it('is fixed-width time then ring id, and refuses times it cannot order', () => {
    expect(timeKey(42, 'r-1' as RingId)).toBe('0000000000000042#r-1');
    expect(() => timeKey(-1, 'r-1' as RingId)).toThrow(RangeError);
    expect(() => timeKey(1.5, 'r-1' as RingId)).toThrow(RangeError);
  });
});

/** Items written around the adapters, as an older version or another tool might have. */
function ringItem(ring: Ring) {
  const { id, ...rest } = ring;
  return { ...rest, ringId: id, timeKey: timeKey(ring.at, id) };
}

function visitorItem(visitor: Visitor) {
  return {
    householdId: visitor.householdId,
    visitorId: visitor.id,
    name: visitor.name,
    nameKey: nameKey(visitor.name),
    trusted: visitor.trusted,
    faceIds: [...visitor.faceIds],
    enrolledAt: visitor.enrolledAt,
  };
}
