import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SILENT_TELEMETRY } from '../../../adapters/lambda/telemetry';
import { householdId } from '../../../domain/ids';
import { TOKENS } from '../../../infrastructure/di/tokens';
import { startLocalDoorbell } from '../../../infrastructure/local/local-doorbell';
import { sample } from '../../support/sample-photos';

const HOME = householdId('home');

function opens(url: string, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url}?token=${token}`);
    socket.once('open', () => {
      socket.close();
      resolve(true);
    });
    socket.once('unexpected-response', () => resolve(false));
  });
}

describe('the local doorbell with --data', () => {
  it('keeps visitors, devices, tokens, rings and photos across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'doorbell-data-'));
    const first = await startLocalDoorbell({ port: 0, dataDir, telemetry: SILENT_TELEMETRY });
    const get = first.container.get.bind(first.container);
    await get(TOKENS.Enroll).execute({ householdId: HOME, name: 'Alice', trusted: true, photos: [sample('alice-1.jpg')] });
    const issued = await get(TOKENS.IssueDeviceToken).execute({ householdId: HOME, role: 'resident', name: 'Phone' });
    if (issued.kind !== 'issued') throw new Error(issued.reason);
    const camera = await get(TOKENS.RegisterDevice).execute({ householdId: HOME, role: 'doorbell', name: 'front door' });
    if (camera.kind !== 'registered') throw new Error(camera.reason);
    const photo = sample('alice-2.jpg');
    const grant = await get(TOKENS.RequestUpload).execute({
      householdId: HOME,
      deviceId: camera.device.id,
      role: 'doorbell',
      contentLength: photo.byteLength,
    });
    if (grant.kind !== 'granted') throw new Error(grant.reason);
    expect((await fetch(grant.upload.url, { method: 'PUT', headers: grant.upload.headers, body: photo })).status).toBe(200);
    await expect.poll(async () => (await get(TOKENS.RingHistory).execute({ householdId: HOME })).rings.length).toBe(1);
    await first.stop();

    const second = await startLocalDoorbell({ port: 0, dataDir, telemetry: SILENT_TELEMETRY });
    try {
      const again = second.container.get.bind(second.container);
      expect(await again(TOKENS.ListVisitors).execute({ householdId: HOME })).toEqual([
        expect.objectContaining({ name: 'Alice', trusted: true }),
      ]);
      const devices = await again(TOKENS.DeviceRepository).listByHousehold(HOME);
      expect(devices.map(({ id, role, name }) => ({ id, role, name })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        [issued.device, camera.device].map(({ id, role, name }) => ({ id, role, name })).sort((a, b) => a.id.localeCompare(b.id)),
      );
      expect(await opens(second.webSocketUrl, issued.token)).toBe(true);
      const { rings } = await again(TOKENS.RingHistory).execute({ householdId: HOME });
      expect(rings).toEqual([expect.objectContaining({ ringId: grant.ringId, text: 'Alice is at the front door' })]);
      const snapshot = await fetch(rings[0]!.snapshotUrl!);
      expect(new Uint8Array(await snapshot.arrayBuffer())).toEqual(photo);
      // The enrolled faces came back too: Alice is recognized on a new ring.
      const recognized = await again(TOKENS.FaceRecognizer).scan(HOME, sample('alice-2.jpg'));
      expect(recognized).toMatchObject({ kind: 'faces', faces: [{ matches: [{ similarity: expect.any(Number) }] }] });
    } finally {
      await second.stop();
    }
  }, 30_000);
});
