import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKENS } from '../../infrastructure/di/tokens';
import { startDynalite, type LocalDynamoDb } from '../support/dynalite';
import { createDoorbellTables, storeInDynamoDb } from '../support/dynamodb-storage';
import { HOME, inMemoryDoorbell } from '../support/in-memory-doorbell';
import { sample } from '../support/sample-photos';
import { expectHeardRing } from '../support/heard-ring';

/**
 * S3 and EventBridge deliver at least once. With the DynamoDB repositories (conditional writes on a real DynamoDB
 * API, as deployed), the same "Object Created" event delivered 3 times — one after another, or all at once — runs
 * the deployed workflow 3 times and still yields one ring and one notification per device. The in-memory twin of
 * this is in test/infrastructure/workflow/ring-workflow.integration.test.ts.
 */
let dynamo: LocalDynamoDb;

beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo?.close());

async function householdOnDynamoDb() {
  const doorbell = inMemoryDoorbell({}, { storage: storeInDynamoDb(dynamo.endpoint, await createDoorbellTables(dynamo)) });
  await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg'));
  const devices = [await doorbell.connect(HOME, 'resident', 'Phone'), await doorbell.connect(HOME, 'resident', 'Dashboard')];
  const camera = await doorbell.connect(HOME, 'doorbell', 'front door');
  const photoKey = await doorbell.press(camera.device, sample('alice-2.jpg'));
  return { doorbell, devices: [...devices, camera], photoKey };
}

describe('the same S3 event delivered 3 times, over DynamoDB', () => {
  it.each([
    ['one after another', 'sequential'],
    ['at the same time', 'concurrent'],
  ] as const)('%s: one ring, one notification per device', async (_, delivery) => {
    const { doorbell, devices, photoKey } = await householdOnDynamoDb();

    const deliver = () => doorbell.objectCreated(photoKey);
    const runs =
      delivery === 'concurrent'
        ? await Promise.all([deliver(), deliver(), deliver()])
        : [await deliver(), await deliver(), await deliver()];

    expect(runs.map((run) => (run.final['announced'] as { kind: string }).kind).sort()).toEqual(['announced', 'skipped', 'skipped']);
    expect(runs.filter((run) => (run.final['identified'] as { fresh: boolean }).fresh)).toHaveLength(1);
    for (const device of devices) expectHeardRing(device, { text: 'Alice is at the front door' });
    expect((await doorbell.get(TOKENS.RingHistory).execute({ householdId: HOME })).rings).toHaveLength(1);
  });
});
