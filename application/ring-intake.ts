import { foldsInto } from '../domain/debounce';
import type { Identification } from '../domain/identification';
import { parsePhotoKey, type PhotoKey } from '../domain/photo-key';
import type { Clock } from '../domain/ports/clock';
import type { RingRepository } from '../domain/ports/ring-repository';
import { ringExpiresAt } from '../domain/retention';
import type { Ring } from '../domain/ring';
import type { RingSettings } from './settings';

/** What became of an uploaded photo. `fresh` is false when an earlier run already recorded this ring. */
export type RingIntakeResult =
  | { readonly kind: 'recorded'; readonly ring: Ring; readonly fresh: boolean }
  | { readonly kind: 'rejected'; readonly reason: string };

/**
 * The part of taking in a ring photo that Identify and RecordUnidentifiedRing share: parse the key, return the ring
 * already recorded for it (duplicate event), or fold a press inside the debounce window into the doorbell's ring.
 * Only when none applies does the caller need to identify; `record` then stores the outcome conditionally.
 */
export class RingIntake {
  constructor(
    private readonly rings: RingRepository,
    private readonly clock: Clock,
    private readonly settings: Pick<RingSettings, 'debounceWindow' | 'retentionDays'>,
  ) {}

  /** Resolves the intake when no identification is needed, or the parsed key when it is. */
  async begin(photoKey: string): Promise<RingIntakeResult | { readonly kind: 'needs-identification'; readonly key: PhotoKey }> {
    const key = parsePhotoKey(photoKey);
    if (!key) return { kind: 'rejected', reason: `not a ring photo key: ${JSON.stringify(photoKey)}` };
    const now = this.clock.now();
    const existing = await this.rings.get(key.householdId, key.ringId, now);
    if (existing) return { kind: 'recorded', ring: existing, fresh: false };

    const opening = await this.rings.latestOpeningRing(key.householdId, key.doorbellId, now);
    if (opening && opening.id !== key.ringId && foldsInto(opening.at, key.pressedAt, this.settings.debounceWindow)) {
      return this.record(photoKey, key, opening.identification, opening.id);
    }
    return { kind: 'needs-identification', key };
  }

  async record(photoKey: string, key: PhotoKey, identification: Identification, foldedInto?: Ring['id']): Promise<RingIntakeResult> {
    const ring: Ring = {
      id: key.ringId,
      householdId: key.householdId,
      doorbellId: key.doorbellId,
      photoKey,
      at: key.pressedAt,
      identification,
      expiresAt: ringExpiresAt(key.pressedAt, this.settings.retentionDays),
      ...(foldedInto === undefined ? {} : { foldedInto }),
    };
    const stored = await this.rings.create(ring);
    return { kind: 'recorded', ring: stored.ring, fresh: stored.kind === 'created' };
  }
}
