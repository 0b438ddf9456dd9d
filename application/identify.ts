import { MAX_PHOTO_BYTES } from '../domain/face';
import { identify } from '../domain/identification';
import type { FaceRecognizer } from '../domain/ports/face-recognizer';
import type { PhotoStore } from '../domain/ports/photo-store';
import type { VisitorRepository } from '../domain/ports/visitor-repository';
import type { RingIntake, RingIntakeResult } from './ring-intake';
import type { RingSettings } from './settings';
import type { PhotoKey } from '../domain/photo-key';
import { photoTypeOf } from '../domain/photo-type';

/**
 * An uploaded ring photo → a recorded ring with its outcome. Idempotent on the photo key: the same photo processed
 * twice yields the same ring and calls the recognizer at most once per run that finds no ring yet, and never for a
 * ring the doorbell made without a camera (its photo key says so).
 * A throttled recognizer rejects with RecognizerUnavailableError so that the workflow retries; when it gives up
 * it runs RecordUnidentifiedRing instead, so the doorbell is still announced.
 */
export class Identify {
  constructor(
    private readonly intake: RingIntake,
    private readonly photos: PhotoStore,
    private readonly recognizer: FaceRecognizer,
    private readonly visitors: VisitorRepository,
    private readonly settings: Pick<RingSettings, 'matchThreshold'>,
  ) {}

  async execute(command: { readonly photoKey: string }): Promise<RingIntakeResult> {
    const begun = await this.intake.begin(command.photoKey);
    if (begun.kind !== 'needs-identification') return begun;
    const { key } = begun;
    if (key.camera === false) return this.recordWithoutCamera(command.photoKey, key);

    const photo = await this.photos.read(command.photoKey);
    if (photo === undefined) {
      return this.intake.record(command.photoKey, key, { kind: 'unavailable', reason: 'missing' });
    }
    // Recorded with the ring, so that snapshot links serve the bytes as what they are (see Ring.photoType).
    const photoType = photoTypeOf(photo);
    if (photo.byteLength > MAX_PHOTO_BYTES) {
      return this.intake.record(command.photoKey, key, { kind: 'unavailable', reason: 'too-large' }, photoType);
    }
    const [scan, householdVisitors] = await Promise.all([
      this.recognizer.scan(key.householdId, photo),
      this.visitors.listByHousehold(key.householdId),
    ]);
    const identification = identify(scan, householdVisitors, this.settings.matchThreshold);
    return this.intake.record(command.photoKey, key, identification, photoType);
  }

  /**
   * A ring without a camera: the doorbell uploaded a card saying so, which no recognizer sees (there is no face to
   * find, and a card is not the door). The household hears "Someone is at the front door"; the photo is read only
   * for its type, so that the snapshot link shows the card.
   */
  private async recordWithoutCamera(photoKey: string, key: PhotoKey): Promise<RingIntakeResult> {
    const photo = await this.photos.read(photoKey);
    const photoType = photo === undefined ? undefined : photoTypeOf(photo);
    return this.intake.record(photoKey, key, { kind: 'unavailable', reason: 'no-camera' }, photoType);
  }
}
