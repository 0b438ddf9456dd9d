import { describe, expect, it } from 'vitest';
import type { PhotoStore } from '../../domain/ports/photo-store';
import { minutes } from '../../domain/time';

export interface PhotoStoreHarness {
  readonly store: PhotoStore;
  /** Uploads as a doorbell does: through the URL and headers the store handed out. */
  upload(url: string, headers: Readonly<Record<string, string>>, photo: Uint8Array): Promise<void>;
}

const KEY = 'rings/home-1/front-door/1764072000000-ring-1.jpg';

export function photoStoreContract(name: string, make: () => Promise<PhotoStoreHarness>): void {
  describe(`PhotoStore: ${name}`, () => {
    it('reads nothing for a key never uploaded', async () => {
      const { store } = await make();
      expect(await store.read('rings/nobody/none/1-none.jpg')).toBeUndefined();
    });

    it('hands out a PUT upload URL through which the photo arrives byte for byte', async () => {
      const { store, upload } = await make();
      const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 250]);
      const grant = await store.uploadUrl(KEY, { expiresIn: minutes(1), contentLength: photo.byteLength });
      expect(grant.method).toBe('PUT');
      expect(grant.expiresInSeconds).toBe(60);
      const length = String(photo.byteLength);
      expect(grant.headers).toMatchObject({ 'content-type': 'image/jpeg', 'content-length': length, 'if-none-match': '*' });
      await upload(grant.url, grant.headers, photo);
      expect(await store.read(KEY)).toEqual(photo);
    });

    it('refuses a second upload through the same URL and keeps the first photo', async () => {
      const { store, upload } = await make();
      const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 4, 5, 6]);
      const swapped = new TextEncoder().encode('<html>!');
      const grant = await store.uploadUrl(KEY, { expiresIn: minutes(1), contentLength: photo.byteLength });
      await upload(grant.url, grant.headers, photo);

      await expect(upload(grant.url, grant.headers, swapped)).rejects.toThrow();
      expect(await store.read(KEY)).toEqual(photo);
    });

    it('makes distinct snapshot URLs per key, valid URLs that do not expose other keys', async () => {
      const { store } = await make();
      const a = await store.snapshotUrl(KEY, minutes(15));
      const b = await store.snapshotUrl(KEY.replace('ring-1', 'ring-2'), minutes(15));
      expect(() => new URL(a)).not.toThrow();
      expect(a).not.toEqual(b);
    });
  });
}
