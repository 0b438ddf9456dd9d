import { chmodSync, lstatSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from '../../adapters/local-files/private-files';
import { householdId } from '../../domain/ids';
import { STATE_DIR, writeLocalState } from '../../infrastructure/cli/local-state';
import { TOKENS } from '../../infrastructure/di/tokens';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../infrastructure/local/local-doorbell';
import { sample } from '../support/sample-photos';

/**
 * Private data stays private on disk: with --data, every file the local doorbell keeps (photos, faces, tables,
 * secrets) is 0600 and every folder 0700, also after files are rewritten and for data an earlier version left
 * readable to others; so are `.doorbell/local.json` and the admin key. The test runs under a permissive umask
 * (022), the usual default, so nothing here is owed to the umask.
 */
const HOME = householdId('home');

/** Every path under `root` whose mode is not the private one, as `relative path: mode`. */
function notPrivate(root: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    const stats = lstatSync(path);
    const mode = stats.mode & 0o777;
    const wanted = stats.isDirectory() ? PRIVATE_FOLDER_MODE : PRIVATE_FILE_MODE;
    if (mode !== wanted) found.push(`${relative(root, path) || '.'}: ${mode.toString(8)}`);
    if (stats.isDirectory()) readdirSync(path).forEach((entry) => visit(join(path, entry)));
  };
  visit(root);
  return found;
}

/** Counts every file under `root`, so that a test proves there was something to check. */
const fileCount = (root: string): number =>
  readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;

async function ringAndEnroll(doorbell: RunningLocalDoorbell, name: string): Promise<void> {
  const get = doorbell.container.get.bind(doorbell.container);
  await get(TOKENS.Enroll).execute({ householdId: HOME, name, photos: [sample('alice-1.jpg')] });
  const camera = await get(TOKENS.RegisterDevice).execute({ householdId: HOME, role: 'doorbell', name: `door ${name}` });
  if (camera.kind !== 'registered') throw new Error(camera.reason);
  const photo = sample('alice-2.jpg');
  const press = { householdId: HOME, deviceId: camera.device.id, role: 'doorbell', contentLength: photo.byteLength } as const;
  const grant = await get(TOKENS.RequestUpload).execute(press);
  if (grant.kind !== 'granted') throw new Error(grant.reason);
  expect((await fetch(grant.upload.url, { method: 'PUT', headers: grant.upload.headers, body: photo })).status).toBe(200);
  const history = () => get(TOKENS.RingHistory).execute({ householdId: HOME });
  const recorded = async () => (await history()).rings.some((ring) => ring.ringId === grant.ringId);
  await expect.poll(recorded).toBe(true);
}

describe("the local doorbell's files", () => {
  it('are 0600 in 0700 folders with --data, after rewrites, and made so for data kept with laxer modes', async () => {
    const previous = process.umask(0o022);
    try {
      const dataDir = join(mkdtempSync(join(tmpdir(), 'doorbell-private-')), 'data');
      const first = await startLocalDoorbell({ port: 0, dataDir, telemetry: SILENT_TELEMETRY });
      await ringAndEnroll(first, 'Alice');
      const whileRunning = notPrivate(dataDir).filter((entry) => !entry.startsWith('dynamodb/'));
      await first.stop();
      const afterStop = notPrivate(dataDir);

      // An earlier version's data: world-readable files and folders.
      chmodSync(join(dataDir, 'photos'), 0o755);
      chmodSync(join(dataDir, 'faces.json'), 0o644);
      writeFileSync(join(dataDir, 'photos', 'left-over'), 'x', { mode: 0o644 });
      const second = await startLocalDoorbell({ port: 0, dataDir, telemetry: SILENT_TELEMETRY });
      const afterOpen = notPrivate(dataDir).filter((entry) => !entry.startsWith('dynamodb/'));
      await ringAndEnroll(second, 'Bob');
      await second.stop();

      expect(fileCount(dataDir)).toBeGreaterThan(5);
      expect({ whileRunning, afterStop, afterOpen, afterRewrites: notPrivate(dataDir) }).toEqual({
        whileRunning: [],
        afterStop: [],
        afterOpen: [],
        afterRewrites: [],
      });
    } finally {
      process.umask(previous);
    }
  });

  it('keeps .doorbell/local.json and the admin key 0600 in a 0700 folder, also when they existed before', async () => {
    const previous = process.umask(0o022);
    try {
      const dir = mkdtempSync(join(tmpdir(), 'doorbell-state-'));
      const state = { webSocketUrl: 'ws://127.0.0.1:1', httpUrl: 'http://127.0.0.1:1', pid: 1 };
      await writeLocalState(dir, state, 'key-1');
      chmodSync(join(dir, STATE_DIR, 'local.json'), 0o644);
      chmodSync(join(dir, STATE_DIR), 0o755);
      await writeLocalState(dir, state, 'key-2');

      expect(fileCount(join(dir, STATE_DIR))).toBe(2);
      expect(notPrivate(join(dir, STATE_DIR))).toEqual([]);
    } finally {
      process.umask(previous);
    }
  });
});
