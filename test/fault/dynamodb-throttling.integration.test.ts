import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKENS } from '../../infrastructure/di/tokens';
import { startDynalite, type LocalDynamoDb } from '../support/dynalite';
import { createDoorbellTables, storeInDynamoDb } from '../support/dynamodb-storage';
import { HOME, inMemoryDoorbell } from '../support/in-memory-doorbell';
import { sample } from '../support/sample-photos';
import { startDynamoDbFaultProxy, type ProxiedRequest, type DynamoDbFaultProxy } from '../support/dynamodb-fault-proxy';
import { expectHeardRing } from '../support/heard-ring';

/**
 * DynamoDB throttles (ProvisionedThroughputExceededException, ThrottlingException): the repositories' client, as
 * the production module builds it, retries, and a whole ring — devices, connections, the press's ring window, the
 * conditional ring write, the announcement claim, the pushes — completes with nothing lost or doubled. The
 * throttling proxy refuses the first attempt of each kind of call the ring makes, so every kind is retried.
 */
let dynamo: LocalDynamoDb;
let proxy: DynamoDbFaultProxy;
let throttling = false;

beforeAll(async () => {
  dynamo = await startDynalite();
  // The first attempt of the first call of each kind (operation and table): every kind is retried, and the SDK's
  // backoff (up to a second per throttle) keeps the test short.
  proxy = await startDynamoDbFaultProxy(
    dynamo.endpoint,
    (request) => throttling && request.attempt === 1 && !throttledCalls().has(call(request)),
  );
});
afterAll(async () => {
  await proxy?.close();
  await dynamo?.close();
});

const call = ({ operation, table }: ProxiedRequest) => `${operation} ${table}`;
const throttledCalls = () => new Set(proxy.throttled.map(call));

describe('DynamoDB throttling', () => {
  it('is retried by the repositories: a throttled ring is recorded, identified and announced once to every device', async () => {
    const tables = await createDoorbellTables(dynamo);
    const doorbell = inMemoryDoorbell({}, { storage: storeInDynamoDb(proxy.endpoint, tables) });
    await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg'));
    throttling = true;
    const phone = await doorbell.connect(HOME, 'resident', 'Phone');
    const dashboard = await doorbell.connect(HOME, 'resident', 'Dashboard');
    const camera = await doorbell.connect(HOME, 'doorbell', 'front door');

    const run = await doorbell.ring(camera.device, sample('alice-2.jpg'));
    throttling = false;

    // Every kind of call the ring makes was throttled, on every table: conditional writes and the GSI query too.
    expect(throttledCalls()).toEqual(
      new Set([
        ...['GetItem', 'PutItem'].map((operation) => `${operation} ${tables['DEVICES_TABLE']}`),
        ...['PutItem', 'Query'].map((operation) => `${operation} ${tables['CONNECTIONS_TABLE']}`),
        ...['GetItem', 'PutItem'].map((operation) => `${operation} ${tables['RING_WINDOWS_TABLE']}`),
        ...['GetItem', 'PutItem', 'UpdateItem'].map((operation) => `${operation} ${tables['RINGS_TABLE']}`),
        `Query ${tables['VISITORS_TABLE']}`,
        // The run keeps its answer wait's token with the ring, then looks for an answer that came first.
        ...['GetItem', 'UpdateItem'].map((operation) => `${operation} ${tables['ANSWERS_TABLE']}`),
        // Web Push looks up the household's browsers after the sockets were told.
        `Query ${tables['PUSH_SUBSCRIPTIONS_TABLE']}`,
      ]),
    );
    expect(run.final).toMatchObject({
      identified: { kind: 'recorded', outcome: 'known', fresh: true },
      announced: { kind: 'announced', delivered: 3, pruned: 0, failed: 0 },
    });
    for (const device of [phone, dashboard, camera]) expectHeardRing(device, { text: 'Alice is at the front door' });
    const connections = await doorbell.get(TOKENS.ConnectionRepository).listByHousehold(HOME, doorbell.clock.now());
    expect(connections.map(({ id }) => id).sort()).toEqual([phone, dashboard, camera].map(({ connectionId }) => connectionId).sort());
    expect((await doorbell.get(TOKENS.RingHistory).execute({ householdId: HOME })).rings).toEqual([
      expect.objectContaining({ outcome: 'known', text: 'Alice is at the front door' }),
    ]);
  }, 60_000);
});
