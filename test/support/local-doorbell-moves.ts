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

/** The doorbell is pressed: asks for an upload link over its socket and PUTs the photo. Returns the link's answer. */
export async function pressAndUpload(camera: SocketDevice, photo: Uint8Array): Promise<{ readonly ringId: string; readonly status: number }> {
  camera.messages.length = 0;
  camera.send(JSON.stringify({ action: 'requestUpload', contentLength: photo.byteLength }));
  const grant = await camera.next((message) => message.type === 'uploadUrl');
  const response = await fetch(String(grant['url']), { method: 'PUT', headers: grant['headers'] as Record<string, string>, body: photo });
  return { ringId: String(grant['ringId']), status: response.status };
}
