import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../domain/ports/clock';
import type { PhotoStore, PresignedUpload } from '../../domain/ports/photo-store';
import { isPhotoExpired } from '../../domain/retention';
import type { Duration } from '../../domain/time';

/** The part of Map the store keeps its bytes in. */
export interface PhotoBytes {
  get(key: string): Uint8Array | undefined;
  has(key: string): boolean;
  set(key: string, bytes: Uint8Array): unknown;
  keys(): Iterable<string>;
  /** False when there was nothing to delete; throws when the bytes are there but cannot be deleted. */
  delete(key: string): boolean;
}

/** What one pass of `deleteExpired` did; a photo it could not delete stays listed for the next pass. */
export interface ExpiredPhotoDeletion {
  readonly deleted: readonly string[];
  /** Expired, but gone before the pass reached them (someone removed the file). */
  readonly vanished: readonly string[];
  readonly failed: readonly { readonly key: string; readonly error: string }[];
}

export type PhotoUrlCheck = { readonly kind: 'ok'; readonly key: string } | { readonly kind: 'expired' } | { readonly kind: 'invalid' };

export type UploadResult =
  | { readonly kind: 'stored'; readonly key: string }
  | { readonly kind: 'refused'; readonly reason: string }
  /** The link was used already: S3's answer to a conditional write (`If-None-Match: *`) onto an existing object. */
  | { readonly kind: 'already-uploaded'; readonly reason: string };

/**
 * Photos in memory, behind presigned-style links like S3's: each URL names the key, an expiry and an HMAC over
 * both (and, for uploads, the exact length), so links can't be forged, extended or used for another body. A local HTTP server serves
 * them by calling `checkSnapshotUrl` and `acceptUpload`; `baseUrl` is that server's address.
 */
export class InMemoryPhotoStore implements PhotoStore {
  private readonly secret: Buffer;

  constructor(
    private readonly clock: Clock,
    private readonly baseUrl = 'memory://photos/',
    secret?: Uint8Array,
    /** Where the bytes live: memory by default; a folder (FolderBytes) keeps them across restarts. */
    private readonly photos: PhotoBytes = new Map<string, Uint8Array>(),
  ) {
    this.secret = Buffer.from(secret ?? randomBytes(32));
  }

  /** Stores a photo directly, as the bucket would after an upload. */
  put(key: string, photo: Uint8Array): void {
    this.photos.set(key, new Uint8Array(photo));
  }

  /**
   * Deletes every photo past its retention (`isPhotoExpired` at the clock's now), as the bucket's lifecycle rule does
   * deployed; never a photo of a ring still retained. A photo that cannot be deleted is reported and the pass goes on.
   */
  deleteExpired(retentionDays: number): ExpiredPhotoDeletion {
    const now = this.clock.now();
    const deleted: string[] = [];
    const vanished: string[] = [];
    const failed: { key: string; error: string }[] = [];
    for (const key of [...this.photos.keys()]) {
      if (!isPhotoExpired(key, retentionDays, now)) continue;
      try {
        (this.photos.delete(key) ? deleted : vanished).push(key);
      } catch (error) {
        failed.push({ key, error: String(error) });
      }
    }
    return { deleted, vanished, failed };
  }

  async uploadUrl(key: string, options: { readonly expiresIn: Duration; readonly contentLength: number }): Promise<PresignedUpload> {
    const expiresInSeconds = Math.max(1, Math.round(options.expiresIn / 1000));
    return {
      url: this.sign('PUT', key, expiresInSeconds, options.contentLength),
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg', 'content-length': String(options.contentLength), 'if-none-match': '*' },
      expiresInSeconds,
    };
  }

  /** The type is not needed: the local server types what it serves by the bytes themselves (photo-routes.ts). */
  async snapshotUrl(key: string, expiresIn: Duration): Promise<string> {
    return this.sign('GET', key, Math.max(1, Math.round(expiresIn / 1000)));
  }

  async read(key: string): Promise<Uint8Array | undefined> {
    const photo = this.photos.get(key);
    return photo && new Uint8Array(photo);
  }

  /** Checks a snapshot link: the key it grants, or why it is refused. */
  checkSnapshotUrl(url: string): PhotoUrlCheck {
    return this.check('GET', url);
  }

  /** Stores an upload made through a link from `uploadUrl`, enforcing its expiry and signed length, once. */
  acceptUpload(url: string, photo: Uint8Array): UploadResult {
    const check = this.check('PUT', url);
    if (check.kind !== 'ok') return { kind: 'refused', reason: `upload link is ${check.kind}` };
    const length = Number(new URL(url).searchParams.get('length'));
    if (photo.byteLength !== length) {
      return { kind: 'refused', reason: `the link is for a photo of ${length} bytes, got ${photo.byteLength}` };
    }
    if (this.photos.has(check.key)) return { kind: 'already-uploaded', reason: 'the link was used already; the photo is kept' };
    this.put(check.key, photo);
    return { kind: 'stored', key: check.key };
  }

  private sign(method: 'GET' | 'PUT', key: string, expiresInSeconds: number, length?: number): string {
    const expires = Math.floor(this.clock.now() / 1000) + expiresInSeconds;
    const lengthParam = length === undefined ? '' : `&length=${length}`;
    const signature = this.signature(method, key, expires, length);
    return `${this.baseUrl}${encodeURIComponent(key)}?expires=${expires}${lengthParam}&signature=${signature}`;
  }

  private check(method: 'GET' | 'PUT', url: string): PhotoUrlCheck {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { kind: 'invalid' };
    }
    const base = new URL(this.baseUrl);
    if (parsed.protocol !== base.protocol || !parsed.pathname.startsWith(base.pathname)) return { kind: 'invalid' };
    const key = decodedKey(parsed.pathname.slice(base.pathname.length));
    if (key === undefined) return { kind: 'invalid' };
    const expires = Number(parsed.searchParams.get('expires'));
    const lengthParam = parsed.searchParams.get('length');
    const length = lengthParam === null ? undefined : Number(lengthParam);
    const given = Buffer.from(parsed.searchParams.get('signature') ?? '', 'hex');
    const expected = Buffer.from(this.signature(method, key, expires, length), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { kind: 'invalid' };
    if (this.clock.now() >= expires * 1000) return { kind: 'expired' };
    // A valid link to a photo that is gone (past its retention) grants its key, and reading it says 404 NoSuchKey: what
    // S3 says to a signer that may list the bucket (the deployed link signers may not, and get 403 AccessDenied).
    return { kind: 'ok', key };
  }

  private signature(method: string, key: string, expires: number, length: number | undefined): string {
    return createHmac('sha256', this.secret)
      .update(`${method}\n${key}\n${expires}\n${length ?? ''}`)
      .digest('hex');
  }
}

/** The key a link names, or undefined when its percent-encoding is broken (`%ZZ`): such a link is simply invalid. */
function decodedKey(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}
