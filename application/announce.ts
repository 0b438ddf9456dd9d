import { doorOf } from '../domain/announcement';
import type { HouseholdId, RingId } from '../domain/ids';
import { ringMessage } from '../domain/protocol/server-messages';
import type { Clock } from '../domain/ports/clock';
import type { DeviceRepository } from '../domain/ports/device-repository';
import type { PhotoStore } from '../domain/ports/photo-store';
import type { RingRepository } from '../domain/ports/ring-repository';
import type { BroadcastResult, HouseholdBroadcast } from './household-broadcast';
import type { RingSettings } from './settings';

export interface AnnounceCommand {
  readonly householdId: HouseholdId;
  readonly ringId: RingId;
  /**
   * Who announces: the workflow run (or event) id. A retry of the same run announces again; a run for a duplicate
   * event finds the ring claimed by another and stays silent.
   */
  readonly claimant: string;
}

export type AnnounceResult =
  | ({ readonly kind: 'announced' } & BroadcastResult)
  | { readonly kind: 'skipped'; readonly reason: 'ring-not-found' | 'already-announced' };

/** Pushes a ring to every live device of its household (HouseholdBroadcast: bounded concurrency, gone connections pruned). */
export class Announce {
  constructor(
    private readonly rings: RingRepository,
    private readonly devices: DeviceRepository,
    private readonly photos: PhotoStore,
    private readonly broadcast: HouseholdBroadcast,
    private readonly clock: Clock,
    private readonly settings: Pick<RingSettings, 'snapshotLinkExpiry' | 'answerWindow'>,
  ) {}

  async execute(command: AnnounceCommand): Promise<AnnounceResult> {
    const now = this.clock.now();
    const ring = await this.rings.get(command.householdId, command.ringId, now);
    if (!ring) return { kind: 'skipped', reason: 'ring-not-found' };
    if (!(await this.rings.claimAnnouncement(ring.householdId, ring.id, command.claimant))) {
      return { kind: 'skipped', reason: 'already-announced' };
    }

    const [doorbell, snapshotUrl] = await Promise.all([
      this.devices.get(ring.householdId, ring.doorbellId),
      this.photos.snapshotUrl(ring.photoKey, this.settings.snapshotLinkExpiry, ring.photoType),
    ]);
    const result = await this.broadcast.send(
      ring.householdId,
      ringMessage(ring, doorOf(doorbell), snapshotUrl, this.settings.answerWindow),
    );
    return { kind: 'announced', ...result };
  }
}
