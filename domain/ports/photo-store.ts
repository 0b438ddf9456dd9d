import type { PhotoType } from '../photo-type';
import type { Duration } from '../time';

export interface PresignedUpload {
  readonly url: string;
  readonly method: 'PUT';
  /** Headers the upload must carry exactly (content type, length, and `if-none-match: *`: no overwrite). */
  readonly headers: Readonly<Record<string, string>>;
  /** Seconds the URL stays valid. */
  readonly expiresInSeconds: number;
}

/** The ring photos (an S3 bucket in AWS). Keys are made by `formatPhotoKey`. */
export interface PhotoStore {
  /**
   * A short-lived URL through which the doorbell uploads the photo for `key`: a JPEG of exactly `contentLength`
   * bytes (the length is part of the signature, which bounds the size; any other body is refused). The URL works
   * once: an upload to a key that already has a photo is refused and the photo is kept.
   */
  uploadUrl(key: string, options: { readonly expiresIn: Duration; readonly contentLength: number }): Promise<PresignedUpload>;
  /**
   * A short-lived URL to view the photo; it stops working after `expiresIn`. Given the photo's type (found when it
   * was identified), the photo is served as that type, and as a download (`application/octet-stream`, attachment)
   * when it is not an image; without, as it was stored.
   */
  snapshotUrl(key: string, expiresIn: Duration, photoType?: PhotoType): Promise<string>;
  /** The photo's bytes, or undefined when there is no such photo. */
  read(key: string): Promise<Uint8Array | undefined>;
}
