import type { DeviceRole } from '../domain/device';
import { MAX_PHOTO_BYTES } from '../domain/face';
import { ringId as toRingId, type DeviceId, type HouseholdId, type RingId } from '../domain/ids';
import { formatPhotoKey } from '../domain/photo-key';
import type { Clock } from '../domain/ports/clock';
import type { IdGenerator } from '../domain/ports/id-generator';
import type { PhotoStore, PresignedUpload } from '../domain/ports/photo-store';
import type { RingSettings } from './settings';

export interface RequestUploadCommand {
  readonly householdId: HouseholdId;
  readonly deviceId: DeviceId;
  readonly role: DeviceRole;
}

export type RequestUploadResult =
  | { readonly kind: 'granted'; readonly ringId: RingId; readonly photoKey: string; readonly upload: PresignedUpload }
  | { readonly kind: 'forbidden'; readonly reason: string };

/**
 * A doorbell was pressed: it asks, over its already-open connection, where to upload the photo. The press time and
 * the ring id are fixed here, in the object key, so the rest of the flow is idempotent on that key.
 */
export class RequestUpload {
  constructor(
    private readonly photos: PhotoStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly settings: Pick<RingSettings, 'uploadLinkExpiry'>,
  ) {}

  async execute(command: RequestUploadCommand): Promise<RequestUploadResult> {
    if (command.role !== 'doorbell') return { kind: 'forbidden', reason: 'only a doorbell device uploads ring photos' };
    const ringId = toRingId(this.ids.next());
    const photoKey = formatPhotoKey({
      householdId: command.householdId,
      doorbellId: command.deviceId,
      pressedAt: this.clock.now(),
      ringId,
    });
    const upload = await this.photos.uploadUrl(photoKey, {
      expiresIn: this.settings.uploadLinkExpiry,
      maxBytes: MAX_PHOTO_BYTES,
    });
    return { kind: 'granted', ringId, photoKey, upload };
  }
}
