import type { DeviceRole } from '../../domain/device';
import { householdId } from '../../domain/ids';
import type { Duration } from '../../domain/time';
import { TOKENS } from '../../infrastructure/di/tokens';
import type { RunningLocalDoorbell } from '../../infrastructure/local/local-doorbell';
import type { SocketDevice } from './socket-device';

/** What a test does to a running local doorbell as its operator and as its devices. */

/** Registers a device and issues its token (in the doorbell's household unless told otherwise). */
export async function deviceToken(
  doorbell: RunningLocalDoorbell,
  role: DeviceRole,
  name: string,
  options: { readonly household?: string; readonly lifetime?: Duration } = {},
): Promise<string> {
  const issued = await doorbell.container.get(TOKENS.IssueDeviceToken).execute({
    householdId: householdId(options.household ?? doorbell.householdId),
    role,
    name,
    ...(options.lifetime === undefined ? {} : { lifetime: options.lifetime }),
  });
  if (issued.kind !== 'issued') throw new Error(issued.reason);
  return issued.token;
}

export interface UploadLink {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly ringId: string;
}

/** The doorbell is pressed: it asks for an upload link over its socket (`camera: false`: pressed without a camera). */
export async function requestUploadLink(
  camera: SocketDevice,
  contentLength: number,
  options: { readonly camera?: boolean } = {},
): Promise<UploadLink> {
  camera.messages.length = 0;
  camera.send(JSON.stringify({ action: 'requestUpload', contentLength, ...options }));
  const grant = await camera.next((message) => message.type === 'uploadUrl');
  return { url: String(grant['url']), headers: grant['headers'] as Record<string, string>, ringId: String(grant['ringId']) };
}

export const upload = (link: UploadLink, photo: Uint8Array): Promise<Response> =>
  fetch(link.url, { method: 'PUT', headers: link.headers, body: photo });

/** The doorbell is pressed and uploads the photo. Returns the ring id and the upload's HTTP status. */
export async function pressAndUpload(
  camera: SocketDevice,
  photo: Uint8Array,
  options: { readonly camera?: boolean } = {},
): Promise<{ readonly ringId: string; readonly status: number }> {
  const link = await requestUploadLink(camera, photo.byteLength, options);
  return { ringId: link.ringId, status: (await upload(link, photo)).status };
}
