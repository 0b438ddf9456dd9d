import { GetObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Clock } from '../../domain/ports/clock';
import type { PhotoType } from '../../domain/photo-type';
import type { PhotoStore, PresignedUpload } from '../../domain/ports/photo-store';
import type { Duration } from '../../domain/time';

export const PHOTO_CONTENT_TYPE = 'image/jpeg';

/**
 * The S3 client the photo store needs. Since SDK 3.729 clients add a CRC32 checksum to every PutObject by default;
 * in a presigned URL that is the checksum of the (empty) body at signing time, so S3 would reject every real
 * upload. Checksums are therefore computed only when an operation requires them.
 */
export function photoS3Client(config: S3ClientConfig = {}): S3Client {
  return new S3Client({ ...config, requestChecksumCalculation: 'WHEN_REQUIRED' });
}

export interface S3PhotoStoreOptions {
  /** Made by `photoS3Client`. */
  readonly client: S3Client;
  readonly bucket: string;
  /** Signing time; links expire relative to it. */
  readonly clock: Clock;
}

/**
 * Ring photos in a private S3 bucket, reached by the doorbell and the residents only through presigned links.
 * The upload link signs the content type and the exact content length, so S3 itself refuses any other body: a
 * presigned PUT cannot carry a size range, but an exact signed length bounds it just as well. It also signs
 * `If-None-Match: *` (an S3 conditional write), so the link works once: S3 answers 412 to any later PUT and the
 * ring's photo cannot be swapped.
 */
export class S3PhotoStore implements PhotoStore {
  constructor(private readonly options: S3PhotoStoreOptions) {}

  async uploadUrl(key: string, options: { readonly expiresIn: Duration; readonly contentLength: number }): Promise<PresignedUpload> {
    const expiresInSeconds = toSeconds(options.expiresIn);
    const headers = { 'content-type': PHOTO_CONTENT_TYPE, 'content-length': String(options.contentLength), 'if-none-match': '*' };
    const command = new PutObjectCommand({
      Bucket: this.options.bucket,
      Key: key,
      ContentType: PHOTO_CONTENT_TYPE,
      ContentLength: options.contentLength,
      IfNoneMatch: '*',
    });
    const url = await getSignedUrl(this.options.client, command, {
      expiresIn: expiresInSeconds,
      signingDate: new Date(this.options.clock.now()),
      signableHeaders: new Set(Object.keys(headers)),
    });
    return { url, method: 'PUT', headers, expiresInSeconds };
  }

  /** S3 serves what the upload signed (image/jpeg) whatever the bytes: the link overrides it with the type found. */
  async snapshotUrl(key: string, expiresIn: Duration, photoType?: PhotoType): Promise<string> {
    const served =
      photoType === undefined
        ? {}
        : photoType === 'not-an-image'
          ? { ResponseContentType: 'application/octet-stream', ResponseContentDisposition: 'attachment' }
          : { ResponseContentType: photoType };
    return getSignedUrl(this.options.client, new GetObjectCommand({ Bucket: this.options.bucket, Key: key, ...served }), {
      expiresIn: toSeconds(expiresIn),
      signingDate: new Date(this.options.clock.now()),
    });
  }

  /**
   * The photo's bytes, or `undefined` when there is no object at `key`.
   * @throws the SDK error for anything but a missing object (which is `undefined`).
   */
  async read(key: string): Promise<Uint8Array | undefined> {
    try {
      const object = await this.options.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }
}

/** Presigned links count whole seconds; SigV4 allows 1 s to 7 days. */
function toSeconds(duration: Duration): number {
  return Math.min(604_800, Math.max(1, Math.round(duration / 1000)));
}

function isMissing(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NoSuchKey' || name === 'NotFound' || $metadata?.httpStatusCode === 404;
}
