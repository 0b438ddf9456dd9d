import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InMemoryPhotoStore, type PhotoBytes } from '../../../adapters/in-memory/in-memory-photo-store';
import { ManualClock } from '../../../adapters/in-memory/manual-clock';
import { FolderBytes } from '../../../adapters/local-files/folder-bytes';
import { deviceId, householdId, ringId } from '../../../domain/ids';
import { formatPhotoKey } from '../../../domain/photo-key';
import { photoGoneBy } from '../../../domain/retention';
import { days, hours } from '../../../domain/time';

const T0 = Date.UTC(2026, 10, 25, 12);
const RETENTION_DAYS = 2;
const PHOTO = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);

const keyAt = (pressedAt: number, ring: string, camera = true) =>
  formatPhotoKey({
    householdId: householdId('home'),
    doorbellId: deviceId('front'),
    pressedAt,
    ringId: ringId(ring),
    ...(camera ? {} : { camera: false as const }),
  });

function aFolder(): string {
  return join(mkdtempSync(join(tmpdir(), 'doorbell-photos-')), 'photos');
}

describe('InMemoryPhotoStore.deleteExpired', () => {
  it.each([
    ['in memory', () => new Map<string, Uint8Array>()],
    ['in a folder', () => new FolderBytes(aFolder())],
  ])('%s: deletes the photos past their retention and keeps the others', async (_, bytes: () => PhotoBytes) => {
    // Prepare
    const clock = new ManualClock(T0);
    const store = new InMemoryPhotoStore(clock, undefined, undefined, bytes());
    const old = keyAt(T0, 'old');
    const oldCard = keyAt(T0 + 1, 'old-card', false);
    const fresh = keyAt(T0 + days(1), 'fresh');
    for (const key of [old, oldCard, fresh]) store.put(key, PHOTO);
    store.put('not-a-ring-photo.txt', PHOTO);
    clock.set(photoGoneBy(T0 + 1, RETENTION_DAYS));

    // Act
    const result = store.deleteExpired(RETENTION_DAYS);

    // Assess
    expect([...result.deleted].sort()).toEqual([old, oldCard].sort());
    expect(result).toMatchObject({ vanished: [], failed: [] });
    expect(await Promise.all([old, oldCard, fresh, 'not-a-ring-photo.txt'].map((key) => store.read(key)))).toEqual([
      undefined,
      undefined,
      PHOTO,
      PHOTO,
    ]);
  });

  it('keeps every photo an hour before its deadline, as long as the ring is retained', () => {
    const clock = new ManualClock(T0);
    const store = new InMemoryPhotoStore(clock);
    store.put(keyAt(T0, 'ring'), PHOTO);
    clock.set(photoGoneBy(T0, RETENTION_DAYS) - hours(1));
    expect(store.deleteExpired(RETENTION_DAYS).deleted).toEqual([]);
  });

  it('deletes an unfinished write a crash left behind, with its key', () => {
    const folder = aFolder();
    const store = new InMemoryPhotoStore(new ManualClock(photoGoneBy(T0, RETENTION_DAYS)), undefined, undefined, new FolderBytes(folder));
    const key = keyAt(T0, 'crashed');
    writeFileSync(join(folder, `${encodeURIComponent(key)}.partial`), PHOTO);

    expect(store.deleteExpired(RETENTION_DAYS).deleted).toEqual([key]);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('reports a photo that cannot be deleted or that vanished, and goes on with the others', () => {
    // Prepare: one "photo" is a folder (rm refuses it), one file disappears between listing and deleting.
    const folder = aFolder();
    const files = new FolderBytes(folder);
    const stuck = keyAt(T0, 'stuck');
    const vanishing = keyAt(T0, 'vanishing');
    const normal = keyAt(T0, 'normal');
    mkdirSync(join(folder, encodeURIComponent(stuck)));
    files.set(vanishing, PHOTO);
    files.set(normal, PHOTO);
    const someoneElseDeletes: PhotoBytes = {
      get: (key) => files.get(key),
      has: (key) => files.has(key),
      set: (key, bytes) => files.set(key, bytes),
      delete: (key) => files.delete(key),
      keys: () => {
        const keys = files.keys();
        rmSync(join(folder, encodeURIComponent(vanishing)));
        return keys;
      },
    };
    const store = new InMemoryPhotoStore(new ManualClock(photoGoneBy(T0, RETENTION_DAYS)), undefined, undefined, someoneElseDeletes);

    // Act
    const result = store.deleteExpired(RETENTION_DAYS);

    // Assess
    expect(result.deleted).toEqual([normal]);
    expect(result.vanished).toEqual([vanishing]);
    expect(result.failed).toEqual([{ key: stuck, error: expect.stringContaining('EISDIR') }]);
    expect(existsSync(join(folder, encodeURIComponent(normal)))).toBe(false);
  });
});

describe('a snapshot link to a photo that is gone', () => {
  it('is granted (so it reads as missing, 404) rather than called invalid', async () => {
    const clock = new ManualClock(T0);
    const store = new InMemoryPhotoStore(clock);
    const key = keyAt(T0, 'ring');
    store.put(key, PHOTO);
    const link = await store.snapshotUrl(key, days(7));
    clock.set(photoGoneBy(T0, RETENTION_DAYS));
    store.deleteExpired(RETENTION_DAYS);

    expect(store.checkSnapshotUrl(link)).toEqual({ kind: 'ok', key });
    expect(await store.read(key)).toBeUndefined();
  });
});
