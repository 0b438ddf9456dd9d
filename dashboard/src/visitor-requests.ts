import type { ServerMessage } from '../../domain/protocol/server-messages';
import type { DeviceConnection } from './connection/device-connection';
import { photoForFrame, UnusablePhotoError } from './photos/downsize-photo';

const visitorReply = (kind: 'enrolled' | 'forgotten') => (message: ServerMessage) =>
  (message.type === 'visitors' && message.change?.kind === kind) || message.type === 'error';

/**
 * Enrolls one photo per frame (a frame holds about one downsized photo; enrolling a known name adds photos), then
 * says in one line how it went. Never throws: every problem becomes part of that line.
 */
export async function enrollVisitor(
  connection: DeviceConnection,
  name: string,
  trusted: boolean,
  photos: readonly File[],
): Promise<string> {
  let withFace = 0;
  const problems: string[] = [];
  for (const photo of photos) {
    let base64: string;
    try {
      base64 = await photoForFrame(photo);
    } catch (error) {
      problems.push(error instanceof UnusablePhotoError ? error.message : `${photo.name}: could not be read`);
      continue;
    }
    const reply = await connection.request({ action: 'enroll', name, trusted, photos: [base64] }, visitorReply('enrolled'));
    if (reply === undefined) problems.push(`${photo.name}: no answer from the server (not connected?)`);
    else if (reply.type === 'error') problems.push(`${photo.name}: ${reply.message}`);
    else if (reply.type === 'visitors' && reply.change?.kind === 'enrolled' && reply.change.photos.includes('indexed')) withFace++;
    else problems.push(`${photo.name}: no face found`);
  }
  const done = withFace > 0 ? `${name} enrolled from ${withFace} ${withFace === 1 ? 'photo' : 'photos'}.` : `${name} was not enrolled.`;
  return problems.length === 0 ? done : `${done} ${problems.join('; ')}.`;
}

export async function forgetVisitor(connection: DeviceConnection, name: string): Promise<string> {
  const reply = await connection.request({ action: 'forget', name }, visitorReply('forgotten'));
  if (reply === undefined) return `${name} was not forgotten: no answer from the server (not connected?).`;
  if (reply.type === 'error') return `${name} was not forgotten: ${reply.message}.`;
  return `${name} is forgotten.`;
}
