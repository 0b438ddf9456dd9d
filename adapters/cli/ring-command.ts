import { CliError } from './cli-error';
import type { CommandContext } from './command-context';
import { DeviceSocket } from './device-socket';
import { readPhoto } from './read-photo';

const UPLOAD_URL_TIMEOUT = 10_000;
const OUTCOME_TIMEOUT = 60_000;

/** The resident device the command watches the announcement through (one, however often it rings). */
const WATCHER = { role: 'resident', name: 'Doorbell CLI', deviceId: 'cli-ring-watcher' } as const;

/**
 * `doorbell ring PHOTO [--doorbell NAME]`: acts as the doorbell device. Connects with a doorbell token, asks for
 * an upload URL (after the connection exists), uploads the photo, and waits for the ring's announcement. A doorbell
 * is never told who is at its door (it hears only `ringing`), so the command, which holds the household's admin key,
 * watches the announcement as a resident device of its own, "Doorbell CLI", and prints what the residents hear.
 * `--no-camera` rings as a doorbell without a camera does: PHOTO stands for the card it uploads, which is recorded
 * and announced without face recognition ("Someone is at the front door").
 * @throws CliError for an unreadable photo, a refused connection or upload, or no announcement in time.
 */
export async function ringCommand(
  context: CommandContext,
  photoPath: string,
  doorbellName: string,
  options: { readonly camera?: boolean } = {},
): Promise<void> {
  const { output } = context;
  const photo = await readPhoto(photoPath);
  const [doorbell, watcher] = await Promise.all([
    context.admin.issueToken({ role: 'doorbell', name: doorbellName, deviceId: deviceIdFor(doorbellName) }),
    context.admin.issueToken(WATCHER),
  ]);
  const [socket, residents] = await Promise.all([
    DeviceSocket.connect(context.webSocketUrl, doorbell.token),
    DeviceSocket.connect(context.webSocketUrl, watcher.token),
  ]);
  try {
    output.progress(`Connected as the "${doorbellName}" doorbell; asking where to upload the photo…`);
    socket.send({ action: 'requestUpload', contentLength: photo.byteLength, ...(options.camera === false ? { camera: false } : {}) });
    const grant = await socket.next('uploadUrl', UPLOAD_URL_TIMEOUT, 'the upload URL');
    const announced = residents.next('ring', OUTCOME_TIMEOUT, "the ring's outcome", (ring) => ring.ringId === grant.ringId);
    // Awaited below unless the upload fails or is debounced; closing the socket then rejects it, harmlessly.
    announced.catch(() => undefined);
    await upload(grant.url, grant.headers, photo);
    if (grant.debounced === true) {
      output.result({ ringId: grant.ringId, debounced: true }, () =>
        output.line(`Pressed again within the debounce window: the photo joins ring ${grant.ringId}, already announced.`),
      );
      return;
    }
    output.progress(`Uploaded ${(photo.byteLength / 1024).toFixed(1)} KB; waiting for the ring's outcome…`);
    const ring = await announced;
    output.result(ring, () => {
      output.line(`${ring.text}  [${ring.outcome}]`);
      output.line(`ring ${ring.ringId}, snapshot: ${ring.snapshotUrl ?? '-'}`);
    });
  } finally {
    socket.close();
    residents.close();
  }
}

async function upload(url: string, headers: Readonly<Record<string, string>>, photo: Uint8Array): Promise<void> {
  const response = await fetch(url, { method: 'PUT', headers, body: photo });
  if (!response.ok) throw new CliError(`The photo upload was refused (${response.status}): ${await response.text()}`);
}

/** One device per doorbell name, so ringing as "front door" twice is the same doorbell (and debounces). */
export function deviceIdFor(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `doorbell-${slug || 'door'}`;
}
