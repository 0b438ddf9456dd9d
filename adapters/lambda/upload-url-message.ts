import type { RingId } from '../../domain/ids';
import { MESSAGE_VERSION, type UploadUrlMessage } from '../../domain/protocol/server-messages';
import type { PresignedUpload } from '../../domain/ports/photo-store';

/** The `uploadUrl` reply to a doorbell's `requestUpload`: where and how to PUT the ring photo. */
export function uploadUrlMessage(ringId: RingId, upload: PresignedUpload, debounced: boolean): UploadUrlMessage {
  return {
    type: 'uploadUrl',
    version: MESSAGE_VERSION,
    ringId,
    url: upload.url,
    method: upload.method,
    headers: upload.headers,
    expiresInSeconds: upload.expiresInSeconds,
    debounced,
  };
}
