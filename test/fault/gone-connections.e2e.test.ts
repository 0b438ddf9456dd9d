import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import { openConnection } from '../../domain/connection';
import { connectionId, deviceId, householdId, type ConnectionId } from '../../domain/ids';
import { TOKENS } from '../../infrastructure/di/tokens';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../infrastructure/local/local-doorbell';
import { deviceToken, pressAndUpload } from '../support/local-doorbell-moves';
import { sample } from '../support/sample-photos';
import { SocketDevice } from '../support/socket-device';

/**
 * 1,000 stored connections of one household, half of them gone: 500 devices on real sockets to the local gateway,
 * and 500 connections the gateway no longer has — what API Gateway leaves behind when a `$disconnect` is lost or
 * a device vanished — to which `@connections` answers 410. One ring: every live device gets it exactly once, every
 * gone connection is pruned, and no live one is.
 */
const LIVE = 500;
const GONE = 500;

let doorbell: RunningLocalDoorbell;
const connections = () => doorbell.container.get(TOKENS.ConnectionRepository);
const stored = async () =>
  new Set((await connections().listByHousehold(householdId(doorbell.householdId), Date.now())).map(({ id }) => id));

beforeAll(async () => {
  doorbell = await startLocalDoorbell({ port: 0, telemetry: SILENT_TELEMETRY });
});
afterAll(() => doorbell?.stop());

/** Opens `count` resident devices, a batch at a time so the handshakes don't all queue at once. */
async function openResidents(count: number): Promise<SocketDevice[]> {
  const devices: SocketDevice[] = [];
  for (let batch = 0; batch < count; batch += 50) {
    const size = Math.min(50, count - batch);
    const tokens = await Promise.all(Array.from({ length: size }, (_, i) => deviceToken(doorbell, 'resident', `Phone ${batch + i}`)));
    devices.push(...(await Promise.all(tokens.map((token) => SocketDevice.open(doorbell.webSocketUrl, token)))));
  }
  return devices;
}

async function storeGoneConnections(count: number): Promise<ConnectionId[]> {
  const ids = Array.from({ length: count }, (_, i) => connectionId(`Gone${String(i).padStart(8, '0')}=`));
  const home = householdId(doorbell.householdId);
  await Promise.all(
    ids.map((id, i) =>
      connections().save(
        openConnection({ id, householdId: home, deviceId: deviceId(`vanished-${i}`), role: 'resident', connectedAt: Date.now() }),
      ),
    ),
  );
  return ids;
}

describe('a ring to 1,000 connections of which half are gone', () => {
  it('notifies every live device once and prunes every gone connection, and only those', async () => {
    const residents = await openResidents(LIVE);
    const camera = await SocketDevice.open(doorbell.webSocketUrl, await deviceToken(doorbell, 'doorbell', 'front door'));
    const gone = await storeGoneConnections(GONE);
    const liveIds = [...(await stored())].filter((id) => !gone.includes(id));
    expect(liveIds).toHaveLength(LIVE + 1);

    const { ringId, status } = await pressAndUpload(camera, sample('stranger.jpg'));
    expect(status).toBe(200);

    // Residents hear the ring, the doorbell only that it rang.
    const heard = (device: SocketDevice) => (device === camera ? 'ringing' : 'ring');
    for (const device of [...residents, camera]) {
      await device.next((message) => message.type === heard(device) && message['ringId'] === ringId, 30_000);
    }
    await expect.poll(async () => [...(await stored())].filter((id) => gone.includes(id)), { timeout: 30_000 }).toEqual([]);
    expect([...(await stored())].sort()).toEqual([...liveIds].sort());
    for (const device of [...residents, camera])
      expect(device.messages.filter((message) => message.type === heard(device))).toHaveLength(1);
    [...residents, camera].forEach((device) => device.socket.close());
  }, 90_000);
});
