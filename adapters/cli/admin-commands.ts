import { CliError } from './cli-error';
import type { CommandContext } from './command-context';
import { readPhoto } from './read-photo';

/**
 * `doorbell token --device NAME --role resident|doorbell [--door DOOR]`: the token is the last line of stdout. `--door`
 * (doorbells only) names the door announcements read ("Alice is at the back door") when the device's name is not it.
 * @throws CliError for a role other than resident or doorbell, or when the doorbell cannot issue the token (a door
 *   for a resident, an unusable name).
 */
export async function tokenCommand(context: CommandContext, device: string, role: string, door?: string): Promise<void> {
  if (role !== 'resident' && role !== 'doorbell') throw new CliError(`--role is resident or doorbell, not "${role}".`);
  if (door !== undefined && role !== 'doorbell') throw new CliError('--door is for a doorbell (--role doorbell): the door it rings at.');
  const issued = await context.admin.issueToken({ role, name: device, ...(door === undefined ? {} : { door }) });
  context.output.result(issued, () => {
    const at = issued.device.door === undefined ? '' : ` at the ${issued.device.door}`;
    context.output.line(`Device "${issued.device.name}"${at} (${role}, id ${issued.device.id}), valid until ${issued.expiresAt}. Token:`);
    context.output.line(issued.token);
  });
}

/**
 * `doorbell enroll NAME PHOTO… [--trusted]`.
 * @throws CliError without photos, for a photo file that is missing, empty or unreadable, or when the enrolment is
 *   rejected.
 */
export async function enrollCommand(
  context: CommandContext,
  name: string,
  photoPaths: readonly string[],
  trusted: boolean | undefined,
): Promise<void> {
  const { output } = context;
  if (photoPaths.length === 0) throw new CliError('Give at least one photo: doorbell enroll NAME PHOTO…');
  const photos: string[] = [];
  for (const [index, path] of photoPaths.entries()) {
    output.progress(`Reading photo ${index + 1}/${photoPaths.length}: ${path}`);
    photos.push(Buffer.from(await readPhoto(path)).toString('base64'));
  }
  output.progress(`Enrolling ${name} from ${photos.length} photo${photos.length === 1 ? '' : 's'}…`);
  const result = await context.admin.enroll({ name, photos, ...(trusted === undefined ? {} : { trusted }) });
  if (result['kind'] === 'rejected') throw new CliError(`Not enrolled: ${String(result['reason'])}`);
  output.result(result, () => {
    const photos = result['photos'] as { kind: string; reason?: string }[];
    const perPhoto = photos.map((photo, i) => `  ${photoPaths[i]}: ${photoOutcome(photo)}`);
    if (result['kind'] === 'no-face-enrolled') output.line(`No face found in any photo: ${name} was not enrolled.`);
    else {
      const visitor = result['visitor'] as { name: string; trusted: boolean; faceIds: string[] };
      output.line(
        `${visitor.name} ${result['created'] ? 'enrolled' : 'updated'}: ` +
          `${visitor.faceIds.length} face(s)${visitor.trusted ? ', trusted' : ''}.`,
      );
    }
    perPhoto.forEach((line) => output.line(line));
  });
  if (result['kind'] === 'no-face-enrolled') process.exitCode = 2;
}

const UNREADABLE: Record<string, string> = {
  'bad-format': 'not a complete image (JPEG, PNG, WebP, …)',
  'too-large': 'too large (at most 5 MB and 40 megapixels)',
};

function photoOutcome(photo: { kind: string; reason?: string }): string {
  if (photo.kind === 'indexed') return 'face enrolled';
  if (photo.kind === 'unreadable') return `unreadable, ${UNREADABLE[photo.reason ?? ''] ?? photo.reason ?? 'unknown reason'}`;
  return photo.kind;
}

/**
 * `doorbell forget NAME`.
 * @throws CliError when no visitor has that name.
 */
export async function forgetCommand(context: CommandContext, name: string): Promise<void> {
  const result = await context.admin.forget(name);
  if (result.kind === 'not-found') throw new CliError(`No visitor named "${name}".`);
  context.output.result(result, () => context.output.line(`${name} forgotten, with every enrolled face.`));
}

/** `doorbell visitors`. */
export async function visitorsCommand(context: CommandContext): Promise<void> {
  const { visitors } = await context.admin.visitors();
  context.output.result(visitors, () => {
    if (visitors.length === 0)
      context.output.line('No visitors enrolled yet. Try: npx doorbell enroll "Eileen Collins" samples/eileen-collins-1.jpg');
    for (const visitor of visitors) {
      context.output.line(`${visitor.name}${visitor.trusted ? ' (trusted)' : ''}: ${visitor.faceIds.length} face(s)`);
    }
  });
}

/** `doorbell history [--limit N]`. */
export async function historyCommand(context: CommandContext, limit: number | undefined): Promise<void> {
  const { rings } = await context.admin.history(limit);
  context.output.result(rings, () => {
    if (rings.length === 0) context.output.line('No rings yet.');
    for (const ring of rings) context.output.line(`${String(ring['at'])}  ${String(ring['outcome']).padEnd(11)}  ${String(ring['text'])}`);
  });
}
