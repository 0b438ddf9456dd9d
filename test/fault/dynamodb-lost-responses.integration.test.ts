import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKENS } from '../../infrastructure/di/tokens';
import { startDynalite, type LocalDynamoDb } from '../support/dynalite';
import { createDoorbellTables, storeInDynamoDb } from '../support/dynamodb-storage';
import { HOME, inMemoryDoorbell } from '../support/in-memory-doorbell';
import { sample } from '../support/sample-photos';
import { startDynamoDbFaultProxy, type ProxiedRequest, type DynamoDbFaultProxy } from '../support/dynamodb-fault-proxy';
import { expectHeardRing } from '../support/heard-ring';

/**
 * DynamoDB applied a write but its answer was lost (a 500 after the fact): the SDK retries the same conditional
 * write, which now finds its own item. The press still opens a fresh ring window, the ring is recorded once and
 * announced once to every device.
 */
let dynamo: LocalDynamoDb;
let proxy: DynamoDbFaultProxy;
let losing = false;
const lost = new Set<string>();

beforeAll(async () => {
  dynamo = await startDynalite();
  // The first conditional write of each table during the ring loses its answer, once.
  const loseResponse = ({ operation, table, attempt }: ProxiedRequest) => {
    const call = `${operation} ${table}`;
    if (!losing || attempt !== 1 || !['PutItem', 'UpdateItem'].includes(operation) || lost.has(call)) return false;
    lost.add(call);
    return true;
  };
  proxy = await startDynamoDbFaultProxy(dynamo.endpoint, () => false, loseResponse);
});
afterAll(async () => {
  await proxy?.close();
  await dynamo?.close();
});

describe('DynamoDB writes whose answers are lost', () => {
  it('neither lose nor double the ring: one fresh window, one ring, one notification per device', async () => {
    const tables = await createDoorbellTables(dynamo);
    const doorbell = inMemoryDoorbell({}, { storage: storeInDynamoDb(proxy.endpoint, tables) });
    const phone = await doorbell.connect(HOME, 'resident', 'Phone');
    const camera = await doorbell.connect(HOME, 'doorbell', 'front door');
    losing = true;

    const photo = sample('stranger.jpg');
    const grant = await doorbell
      .get(TOKENS.RequestUpload)
      .execute({ householdId: HOME, deviceId: camera.device.id, role: 'doorbell', contentLength: photo.byteLength });
    if (grant.kind !== 'granted') throw new Error(grant.reason);
    doorbell.photos.acceptUpload(grant.upload.url, photo);
    const run = await doorbell.objectCreated(grant.photoKey);
    losing = false;

    // The ring window's put, the ring's conditional put, the announcement claim and the answer wait's token each lost an answer.
    expect([...lost].sort()).toEqual(
      [
        `PutItem ${tables['RINGS_TABLE']}`,
        `PutItem ${tables['RING_WINDOWS_TABLE']}`,
        `UpdateItem ${tables['RINGS_TABLE']}`,
        `UpdateItem ${tables['ANSWERS_TABLE']}`,
      ].sort(),
    );
    expect(grant.debounced).toBe(false);
    expect(run.final).toMatchObject({
      identified: { kind: 'recorded', ringId: grant.ringId },
      announced: { kind: 'announced', delivered: 2 },
    });
    for (const device of [phone, camera]) expectHeardRing(device, { ringId: grant.ringId });
    expect((await doorbell.get(TOKENS.RingHistory).execute({ householdId: HOME })).rings).toHaveLength(1);
  }, 30_000);
});
