import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbConnectionRepository } from '../../../adapters/dynamodb/dynamodb-connection-repository';
import { DynamoDbRingRepository } from '../../../adapters/dynamodb/dynamodb-ring-repository';
import { DynamoDbVisitorRepository } from '../../../adapters/dynamodb/dynamodb-visitor-repository';
import { CONNECTIONS_TABLE, createTableInput, RINGS_TABLE, VISITORS_TABLE } from '../../../adapters/dynamodb/table-definitions';
import { ManualClock } from '../../../adapters/in-memory/manual-clock';
import { days, hours } from '../../../domain/time';
import { localDynamoDbClient } from '../../../infrastructure/local/local-data';
import { startLocalTimeToLive, type LocalTable } from '../../../infrastructure/local/local-time-to-live';
import { recordingTelemetry } from '../../adapters/lambda/recording-telemetry';
import { aConnection, aHouseholdId, aRing, aVisitor, T0 } from '../../support/builders';
import { startDynalite, type LocalDynamoDb } from '../../support/dynalite';

let dynamo: LocalDynamoDb;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo?.close();
});

/** The rings, connections and visitors tables, fresh, with the adapters that write them as the doorbell does. */
async function tables() {
  const [rings, connections, visitors] = await Promise.all([
    dynamo.tableFor(RINGS_TABLE),
    dynamo.tableFor(CONNECTIONS_TABLE),
    dynamo.tableFor(VISITORS_TABLE),
  ]);
  return {
    rings: { ...rings, repository: new DynamoDbRingRepository(rings.options) },
    connections: { ...connections, repository: new DynamoDbConnectionRepository(connections.options) },
    visitors: { ...visitors, repository: new DynamoDbVisitorRepository(visitors.options) },
    local: [
      { name: rings.tableName, definition: RINGS_TABLE },
      { name: connections.tableName, definition: CONNECTIONS_TABLE },
      { name: visitors.tableName, definition: VISITORS_TABLE },
    ] satisfies LocalTable[],
  };
}

describe('the local stand-in for DynamoDB TTL deletes expired items from the data folder tables', () => {
  it('deletes an expired ring and connection over many pages, keeps live ones, and leaves a table without TTL alone', async () => {
    // Prepare: rings kept 30 days, five of them expired an hour ago; a connection closed by its 2-hour expiry.
    const { rings, connections, visitors, local } = await tables();
    const home = aHouseholdId();
    const expired = Array.from({ length: 5 }, (_, index) => aRing({ householdId: home, at: T0 + index * 1_000 }));
    const now = expired.at(-1)!.expiresAt + hours(1);
    const live = aRing({ householdId: home, at: now - days(1) });
    for (const ring of [...expired, live]) await rings.repository.create(ring);
    const oldConnection = aConnection({ connectedAt: T0 });
    const liveConnection = aConnection({ connectedAt: now });
    await connections.repository.save(oldConnection);
    await connections.repository.save(liveConnection);
    // A visitor with a past `ttl` of its own: its table has none, so DynamoDB would never delete it.
    const visitor = aVisitor();
    await visitors.repository.save(visitor);
    await dynamo.putRaw(visitors.tableName, { ...(await dynamo.rawItem(visitors.tableName, visitorKey(visitor))), ttl: 1 });
    const { telemetry, logs } = recordingTelemetry();

    // Act: a pass with two items a Scan page, so expired items are found on several pages.
    const timeToLive = startLocalTimeToLive({
      client: localDynamoDbClient(dynamo.endpoint),
      tables: local,
      clock: new ManualClock(now),
      logger: telemetry.logger,
      pageSize: 2,
    });
    await timeToLive.sweep();
    await timeToLive.stop();

    // Assess
    for (const ring of expired) expect(await dynamo.rawItem(rings.tableName, ringKey(ring))).toBeUndefined();
    expect(await dynamo.rawItem(rings.tableName, ringKey(live))).toMatchObject({ ringId: live.id });
    expect(await dynamo.rawItem(connections.tableName, { connectionId: oldConnection.id })).toBeUndefined();
    expect(await dynamo.rawItem(connections.tableName, { connectionId: liveConnection.id })).toMatchObject({ ttl: expect.any(Number) });
    expect(await dynamo.rawItem(visitors.tableName, visitorKey(visitor))).toMatchObject({ name: visitor.name, ttl: 1 });
    expect(logs.filter((log) => log.level !== 'info')).toEqual([]);
    expect(logs).toContainEqual({ level: 'info', message: 'expired items deleted', fields: { table: rings.tableName, count: 5 } });
  });

  it('keeps an item whose TTL was extended between the scan and the delete', async () => {
    // Prepare: an expired ring, and a client that writes it again with a later TTL just before its delete.
    const { rings, local } = await tables();
    const ring = aRing();
    await rings.repository.create(ring);
    const now = ring.expiresAt + hours(1);
    const later = Math.ceil((now + days(30)) / 1_000);
    const client = localDynamoDbClient(dynamo.endpoint);
    let rewrites = 0;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'DeleteItemCommand') {
          rewrites += 1;
          await dynamo.putRaw(rings.tableName, { ...(await dynamo.rawItem(rings.tableName, ringKey(ring))), ttl: later });
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    const { telemetry, logs } = recordingTelemetry();

    // Act
    const timeToLive = startLocalTimeToLive({ client, tables: local, clock: new ManualClock(now), logger: telemetry.logger });
    await timeToLive.sweep();
    await timeToLive.stop();

    // Assess: the delete was tried, its condition saw the new TTL, and the item is there, quietly.
    expect(rewrites).toBe(1);
    expect(await dynamo.rawItem(rings.tableName, ringKey(ring))).toMatchObject({ ringId: ring.id, ttl: later });
    expect(logs).toEqual([]);
  });

  it('stop ends a pass at the next page, and the next start deletes what it left', async () => {
    // Prepare: three expired rings, read one a page.
    const { rings, local } = await tables();
    const expired = [aRing(), aRing(), aRing()];
    for (const ring of expired) await rings.repository.create(ring);
    const { telemetry, logs } = recordingTelemetry();
    const start = () =>
      startLocalTimeToLive({
        client: localDynamoDbClient(dynamo.endpoint),
        tables: local,
        clock: new ManualClock(T0 + days(60)),
        logger: telemetry.logger,
        pageSize: 1,
      });
    const left = async () =>
      (await Promise.all(expired.map((ring) => dynamo.rawItem(rings.tableName, ringKey(ring))))).filter(Boolean).length;

    // Act: stopped as soon as it started.
    await start().stop();

    // Assess: the page under way was finished, the rest left for later, quietly.
    expect(await left()).toBe(2);
    expect(logs.filter((log) => log.level !== 'info')).toEqual([]);

    // Act: the next start.
    const again = start();
    await again.sweep();
    await again.stop();

    // Assess
    expect(await left()).toBe(0);
  });

  it('logs a table it cannot read, sweeps the others, and tries it again on the next pass', async () => {
    // Prepare: a table the doorbell knows that is not there yet, and an expired connection in one that is.
    const { connections } = await tables();
    const connection = aConnection({ connectedAt: T0 });
    await connections.repository.save(connection);
    const late = { name: `doorbell-late-${Date.now()}`, definition: RINGS_TABLE };
    const { telemetry, logs } = recordingTelemetry();
    const ring = aRing();
    const timeToLive = startLocalTimeToLive({
      client: localDynamoDbClient(dynamo.endpoint),
      tables: [late, { name: connections.tableName, definition: CONNECTIONS_TABLE }],
      clock: new ManualClock(ring.expiresAt + hours(1)),
      logger: telemetry.logger,
    });

    // Act: the pass at start; then the table appears, holding an expired ring, and the next pass runs.
    await timeToLive.sweep();
    const errorsOfFirstPass = logs.filter((log) => log.level === 'error').map((log) => [log.message, log.fields?.['table']]);
    const client = localDynamoDbClient(dynamo.endpoint);
    await client.send(new CreateTableCommand(createTableInput(RINGS_TABLE, late.name)));
    await expect
      .poll(async () => (await client.send(new DescribeTableCommand({ TableName: late.name }))).Table?.TableStatus)
      .toBe('ACTIVE');
    client.destroy();
    await new DynamoDbRingRepository({ client: dynamo.documentClient, tableName: late.name }).create(ring);
    await timeToLive.sweep();
    await timeToLive.stop();

    // Assess: the first pass logged the missing table and swept the other one all the same; the next one swept it.
    expect(errorsOfFirstPass).toEqual([['expired items could not be listed; trying again later', late.name]]);
    expect(await dynamo.rawItem(connections.tableName, { connectionId: connection.id })).toBeUndefined();
    expect(await dynamo.rawItem(late.name, ringKey(ring))).toBeUndefined();
    expect(logs.filter((log) => log.level === 'error')).toHaveLength(1);
  });
});

const ringKey = (ring: { householdId: string; id: string }) => ({ householdId: ring.householdId, ringId: ring.id });
const visitorKey = (visitor: { householdId: string; id: string }) => ({ householdId: visitor.householdId, visitorId: visitor.id });
