import type { DeviceConnection } from '../../../dashboard/src/connection/device-connection';
import type { ServerMessage } from '../../../domain/protocol/server-messages';
import type { PressOutcome } from './press-outcome';

const GRANT_TIMEOUT_MS = 10_000;

/**
 * The press: asks over the socket where to upload (after the connection exists), then PUTs the photo there with
 * exactly the headers the grant names (content type and `if-none-match: *` are signed; the browser sets the length
 * from the body itself). `camera: false` when the photo is the no-camera card: the server then records and announces
 * the ring without face recognition ("Someone is at the front door"). Never rejects: a failure is an outcome the page
 * shows.
 */
export async function pressRing(connection: DeviceConnection, photo: Blob, camera: boolean): Promise<PressOutcome> {
  const grant = await connection.request(
    { action: 'requestUpload', contentLength: photo.size, ...(camera ? {} : { camera: false }) },
    (message: ServerMessage) => message.type === 'uploadUrl' || message.type === 'error',
    GRANT_TIMEOUT_MS,
  );
  if (!grant) return { kind: 'failed', message: 'Not connected: the ring did not go through. Press again.' };
  if (grant.type === 'error') return { kind: 'failed', message: `The doorbell refused the ring: ${grant.message}` };
  if (grant.type !== 'uploadUrl') return { kind: 'failed', message: 'The doorbell answered something unexpected. Press again.' };
  try {
    const response = await fetch(grant.url, { method: grant.method, headers: grant.headers, body: photo, credentials: 'omit' });
    if (!response.ok) {
      return { kind: 'failed', message: `The photo upload was refused (${response.status}). Press again.` };
    }
  } catch {
    return { kind: 'failed', message: 'The photo could not be uploaded (network). Press again.' };
  }
  return { kind: 'rang', ringId: grant.ringId, debounced: grant.debounced === true };
}
