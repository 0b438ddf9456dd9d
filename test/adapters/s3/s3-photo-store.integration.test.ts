import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../adapters/in-memory/manual-clock';
import { photoS3Client, S3PhotoStore } from '../../../adapters/s3/s3-photo-store';
import { minutes, seconds } from '../../../domain/time';
import { photoStoreContract } from '../../contracts/photo-store.contract';
import { T0 } from '../../support/builders';
import { PHOTO_KEY_PREFIX } from '../../../domain/photo-key';
import { FAKE_S3_CREDENTIALS, FAKE_S3_REGION, startFakeS3 } from '../../support/fake-s3';

const KEY = 'rings/home-1/front-door/1764072000000-ring-1.jpg';
const clock = new ManualClock(T0);
let s3: Awaited<ReturnType<typeof startFakeS3>>;
let buckets = 0;

beforeAll(async () => {
  s3 = await startFakeS3({ now: () => clock.now() });
});
afterAll(() => s3.close());

const clientConfig = () => ({
  endpoint: s3.endpoint,
  region: FAKE_S3_REGION,
  credentials: FAKE_S3_CREDENTIALS,
  forcePathStyle: true,
  maxAttempts: 1,
});

function makeStore(client: S3Client = photoS3Client(clientConfig())) {
  return new S3PhotoStore({ client, bucket: `photos-${++buckets}`, clock });
}

/** Uploads as a doorbell would: plain fetch with the headers the store handed out. */
async function put(url: string, headers: Readonly<Record<string, string>>, body: Uint8Array): Promise<Response> {
  return fetch(url, { method: 'PUT', headers: { ...headers }, body });
}

photoStoreContract('S3 over a loopback S3', async () => ({
  store: makeStore(),
  upload: async (url, headers, photo) => {
    const response = await put(url, headers, photo);
    if (!response.ok) throw new Error(`upload refused: ${response.status} ${await response.text()}`);
  },
}));

describe('S3PhotoStore, presigned links', () => {
  const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7]);

  it('signs the content type, the exact length of the upload and If-None-Match: *', async () => {
    const grant = await makeStore().uploadUrl(KEY, { expiresIn: minutes(1), contentLength: photo.length });
    expect(grant.headers).toEqual({ 'content-type': 'image/jpeg', 'content-length': String(photo.length), 'if-none-match': '*' });
    expect(new URL(grant.url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host;if-none-match');
  });

  it('works once: S3 refuses a replay with 412, and one without If-None-Match because it is signed', async () => {
    const store = makeStore();
    const grant = await store.uploadUrl(KEY, { expiresIn: minutes(1), contentLength: photo.length });
    const html = new TextEncoder().encode('<b>hi!</b>').subarray(0, photo.length);
    expect((await put(grant.url, grant.headers, photo)).status).toBe(200);

    const replay = await put(grant.url, grant.headers, html);
    const { 'if-none-match': _dropped, ...unconditional } = grant.headers;
    const stripped = await put(grant.url, unconditional, html);

    expect(replay.status).toBe(412);
    expect(stripped.status).toBe(403);
    expect(await store.read(KEY)).toEqual(photo);
  });

  it('refuses an upload of another length than the one signed', async () => {
    const store = makeStore();
    const grant = await store.uploadUrl(KEY, { expiresIn: minutes(1), contentLength: photo.length });
    const bigger = new Uint8Array(photo.length + 1000);
    const response = await put(grant.url, { ...grant.headers, 'content-length': String(bigger.length) }, bigger);
    expect(response.status).toBe(403);
    expect(await store.read(KEY)).toBeUndefined();
  });

  it('refuses an upload with a tampered URL', async () => {
    const store = makeStore();
    const grant = await store.uploadUrl(KEY, { expiresIn: minutes(1), contentLength: photo.length });
    const response = await put(grant.url.replace('ring-1', 'ring-2'), grant.headers, photo);
    expect(response.status).toBe(403);
  });

  it('lets upload and snapshot links expire', async () => {
    const store = makeStore();
    const grant = await store.uploadUrl(KEY, { expiresIn: minutes(1), contentLength: photo.length });
    expect((await put(grant.url, grant.headers, photo)).status).toBe(200);
    const snapshot = await store.snapshotUrl(KEY, minutes(15));
    expect(Buffer.from(await (await fetch(snapshot)).arrayBuffer())).toEqual(Buffer.from(photo));

    clock.advance(minutes(15) + seconds(1));
    try {
      expect((await fetch(snapshot)).status).toBe(403);
      expect((await put(grant.url, grant.headers, photo)).status).toBe(403);
    } finally {
      clock.set(T0);
    }
  });

  it('keeps an upload link exactly as long as asked (X-Amz-Expires): accepted a second before, refused a second after', async () => {
    const store = makeStore();
    const grant = await store.uploadUrl(KEY, { expiresIn: minutes(1), contentLength: photo.length });
    expect(new URL(grant.url).searchParams.get('X-Amz-Expires')).toBe('60');
    try {
      clock.set(T0 + minutes(1) + seconds(1));
      expect((await put(grant.url, grant.headers, photo)).status).toBe(403);
      clock.set(T0 + minutes(1) - seconds(1));
      expect((await put(grant.url, grant.headers, photo)).status).toBe(200);
    } finally {
      clock.set(T0);
    }
  });

  it("needs the photo client: a default client signs the empty body's checksum and every upload is refused", async () => {
    const defaultClientStore = makeStore(new S3Client(clientConfig()));
    const grant = await defaultClientStore.uploadUrl(KEY, { expiresIn: minutes(1), contentLength: photo.length });
    expect((await put(grant.url, grant.headers, photo)).status).toBe(400);

    const fixed = await makeStore().uploadUrl(KEY, { expiresIn: minutes(1), contentLength: photo.length });
    expect(new URL(fixed.url).searchParams.has('x-amz-checksum-crc32')).toBe(false);
  });

  it('serves a snapshot as the type found when it was identified, and bytes that are not an image as a download', async () => {
    const store = makeStore();
    const html = new TextEncoder().encode('<html>').subarray(0, photo.length);
    const grant = await store.uploadUrl(KEY, { expiresIn: minutes(1), contentLength: html.length });
    expect((await put(grant.url, grant.headers, html)).status).toBe(200);

    const asStored = await fetch(await store.snapshotUrl(KEY, minutes(15)));
    const notAnImage = await fetch(await store.snapshotUrl(KEY, minutes(15), 'not-an-image'));
    const png = await fetch(await store.snapshotUrl(KEY, minutes(15), 'image/png'));

    expect(asStored.headers.get('content-type')).toBe('image/jpeg');
    expect([notAnImage.status, notAnImage.headers.get('content-type'), notAnImage.headers.get('content-disposition')]).toEqual([
      200,
      'application/octet-stream',
      'attachment',
    ]);
    expect(png.headers.get('content-type')).toBe('image/png');
  });

  it('reads nothing, without an error, for a key never uploaded', async () => {
    expect(await makeStore().read('rings/nobody/none/1-none.jpg')).toBeUndefined();
  });

  describe("a missing photo, with S3's policy semantics (403 unless the caller may list the key's prefix)", () => {
    let strict: Awaited<ReturnType<typeof startFakeS3>>;
    beforeAll(async () => {
      // As deployed: s3:ListBucket under rings/ only (the stack's s3:prefix condition).
      strict = await startFakeS3({ listablePrefixes: [PHOTO_KEY_PREFIX] });
    });
    afterAll(() => strict.close());
    const strictStore = () => makeStore(photoS3Client({ ...clientConfig(), endpoint: strict.endpoint }));

    it('is missing under rings/, where the function may list', async () => {
      expect(await strictStore().read('rings/nobody/none/1-none.jpg')).toBeUndefined();
    });

    it('is an error where it may not list: S3 says AccessDenied, not NoSuchKey (why the stack grants ListBucket)', async () => {
      await expect(strictStore().read('elsewhere/1-none.jpg')).rejects.toMatchObject({
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
      });
    });
  });
});
