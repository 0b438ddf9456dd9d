import type { Identification } from '../domain/identification';
import { parsePhotoKey, type PhotoKey } from '../domain/photo-key';
import type { PhotoType } from '../domain/photo-type';
import type { Clock } from '../domain/ports/clock';
import type { RingRepository } from '../domain/ports/ring-repository';
import { ringExpiresAt } from '../domain/retention';
import type { Ring } from '../domain/ring';
import type { RingSettings } from './settings';

/**
 * What became of an uploaded photo. `fresh` is false when the ring was already recorded (duplicate event, or another
 * press of the same window).
 */
export type RingIntakeResult =
  | { readonly kind: 'recorded'; readonly ring: Ring; readonly fresh: boolean }
  | { readonly kind: 'rejected'; readonly reason: string };

/**
 * The part of taking in a ring photo that Identify and RecordUnidentifiedRing share: parse the key and return the
 * ring already recorded under its ring id, if any. Only when there is none does the caller identify; `record` then
 * stores the outcome with a conditional create, so concurrent runs agree on one ring.
 */
export class RingIntake {
  constructor(
    private readonly rings: RingRepository,
    private readonly clock: Clock,
    private readonly settings: Pick<RingSettings, 'retentionDays'>,
  ) {}

  async begin(photoKey: string): Promise<RingIntakeResult | { readonly kind: 'needs-identification'; readonly key: PhotoKey }> {
    const key = parsePhotoKey(photoKey);
    if (!key) return { kind: 'rejected', reason: `not a ring photo key: ${JSON.stringify(photoKey)}` };
    const existing = await this.rings.get(key.householdId, key.ringId, this.clock.now());
    if (existing) return { kind: 'recorded', ring: existing, fresh: false };
    return { kind: 'needs-identification', key };
  }

  async record(photoKey: string, key: PhotoKey, identification: Identification, photoType?: PhotoType): Promise<RingIntakeResult> {
    const ring: Ring = {
      id: key.ringId,
      householdId: key.householdId,
      doorbellId: key.doorbellId,
      photoKey,
      ...(photoType === undefined ? {} : { photoType }),
      at: key.pressedAt,
      identification,
      expiresAt: ringExpiresAt(key.pressedAt, this.settings.retentionDays),
    };
    const stored = await this.rings.create(ring);
    return { kind: 'recorded', ring: stored.ring, fresh: stored.kind === 'created' };
  }
}
