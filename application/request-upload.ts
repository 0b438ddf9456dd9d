import { foldsInto, type RingWindow } from '../domain/debounce';
import { mayPerform } from '../domain/protocol/device-actions';
import type { DeviceRole } from '../domain/device';
import { MAX_PHOTO_BYTES } from '../domain/face';
import { ringId as toRingId, type DeviceId, type HouseholdId, type RingId } from '../domain/ids';
import { formatPhotoKey } from '../domain/photo-key';
import type { Clock } from '../domain/ports/clock';
import type { IdGenerator } from '../domain/ports/id-generator';
import type { PhotoStore, PresignedUpload } from '../domain/ports/photo-store';
import type { RingWindowRepository } from '../domain/ports/ring-window-repository';
import type { Instant } from '../domain/time';
import type { RingSettings } from './settings';

export interface RequestUploadCommand {
  readonly householdId: HouseholdId;
  readonly deviceId: DeviceId;
  readonly role: DeviceRole;
  /** Size of the photo the doorbell will upload, in bytes (signed into the URL). */
  readonly contentLength: number;
  /** False when the doorbell rings without a camera: its photo is a card, recorded and announced but never scanned. */
  readonly camera?: boolean;
}

export type RequestUploadResult =
  | {
      readonly kind: 'granted';
      readonly ringId: RingId;
      readonly photoKey: string;
      readonly upload: PresignedUpload;
      /** True when the press fell inside the window of a ring already opened: it will not be announced again. */
      readonly debounced: boolean;
    }
  | { readonly kind: 'forbidden'; readonly reason: string }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Concurrent presses of one doorbell: each lost compare-and-set means another press just opened a window. */
const MAX_WINDOW_ATTEMPTS = 5;

export class RingWindowContentionError extends Error {
  constructor(doorbellId: DeviceId) {
    super(`could not settle the ring window of doorbell ${doorbellId} after ${MAX_WINDOW_ATTEMPTS} attempts`);
    this.name = 'RingWindowContentionError';
  }
}

/**
 * A doorbell was pressed: it asks, over its already-open connection, where to upload the photo. This is where the
 * press is timed and debounced: the press time and ring id (a new one, or that of the open window) go into the
 * object key, so everything after it is idempotent on that key; so does `camera: false`, which Identify reads there.
 * A camera-less press debounces like any other: it joins an open ring, or opens one.
 */
export class RequestUpload {
  constructor(
    private readonly photos: PhotoStore,
    private readonly windows: RingWindowRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly settings: Pick<RingSettings, 'uploadLinkExpiry' | 'debounceWindow'>,
  ) {}

  async execute(command: RequestUploadCommand): Promise<RequestUploadResult> {
    if (!mayPerform(command.role, 'requestUpload')) return { kind: 'forbidden', reason: 'only a doorbell device uploads ring photos' };
    const { contentLength } = command;
    if (!Number.isSafeInteger(contentLength) || contentLength < 1 || contentLength > MAX_PHOTO_BYTES) {
      return { kind: 'invalid', reason: `contentLength must be a whole number of bytes from 1 to ${MAX_PHOTO_BYTES}` };
    }
    const pressedAt = this.clock.now();
    const { ringId, debounced } = await this.ringFor(command.householdId, command.deviceId, pressedAt);
    const photoKey = formatPhotoKey({
      householdId: command.householdId,
      doorbellId: command.deviceId,
      pressedAt,
      ringId,
      ...(command.camera === false ? { camera: false } : {}),
    });
    const upload = await this.photos.uploadUrl(photoKey, { expiresIn: this.settings.uploadLinkExpiry, contentLength });
    return { kind: 'granted', ringId, photoKey, upload, debounced };
  }

  /** Joins the doorbell's open window, or opens a new one (compare-and-set, retried when another press won). */
  private async ringFor(householdId: HouseholdId, doorbellId: DeviceId, pressedAt: Instant) {
    let tried: RingWindow | undefined;
    for (let attempt = 0; attempt < MAX_WINDOW_ATTEMPTS; attempt++) {
      const current = await this.windows.current(householdId, doorbellId);
      // The window this press tried to open is there after all: the write happened but its answer was lost (the
      // store's retry then failed its own condition). Ring ids are unique, so it is this press's window.
      if (tried && current?.ringId === tried.ringId) return { ringId: tried.ringId, debounced: false };
      // A press whose clock reads earlier than the window it finds (a concurrent press won, or clocks differ by a
      // few ms) happened no earlier than that window as far as anyone can tell: judge it at the window's opening.
      const judgedAt = current ? Math.max(pressedAt, current.openedAt) : pressedAt;
      if (current && foldsInto(current.openedAt, judgedAt, this.settings.debounceWindow)) {
        return { ringId: current.ringId, debounced: true };
      }
      const opened: RingWindow = { householdId, doorbellId, ringId: toRingId(this.ids.next()), openedAt: pressedAt };
      if (await this.windows.replace(current, opened)) return { ringId: opened.ringId, debounced: false };
      tried = opened;
    }
    throw new RingWindowContentionError(doorbellId);
  }
}
