import { doorName } from '../domain/announcement';
import type { ConnectionId, HouseholdId, RingId } from '../domain/ids';
import { audienceOf, ringMessage } from '../domain/messages';
import type { Clock } from '../domain/ports/clock';
import type { ConnectionRepository } from '../domain/ports/connection-repository';
import type { DeviceNotifier } from '../domain/ports/device-notifier';
import type { DeviceRepository } from '../domain/ports/device-repository';
import type { PhotoStore } from '../domain/ports/photo-store';
import type { RingRepository } from '../domain/ports/ring-repository';
import { settleWithConcurrency } from './concurrency';
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
  | {
      readonly kind: 'announced';
      readonly delivered: readonly ConnectionId[];
      /** Connections that were gone (410) and have been removed. */
      readonly pruned: readonly ConnectionId[];
      /** Connections whose push failed for another reason; they are kept and the rest were still notified. */
      readonly failed: readonly { readonly connectionId: ConnectionId; readonly error: string }[];
    }
  | { readonly kind: 'skipped'; readonly reason: 'ring-not-found' | 'already-announced' };

/** Pushes a ring to every live device of its household, with bounded concurrency, pruning gone connections. */
export class Announce {
  constructor(
    private readonly rings: RingRepository,
    private readonly connections: ConnectionRepository,
    private readonly devices: DeviceRepository,
    private readonly photos: PhotoStore,
    private readonly notifier: DeviceNotifier,
    private readonly clock: Clock,
    private readonly settings: Pick<RingSettings, 'snapshotLinkExpiry' | 'pushConcurrency'>,
  ) {}

  async execute(command: AnnounceCommand): Promise<AnnounceResult> {
    const now = this.clock.now();
    const ring = await this.rings.get(command.householdId, command.ringId, now);
    if (!ring) return { kind: 'skipped', reason: 'ring-not-found' };
    if (!(await this.rings.claimAnnouncement(ring.householdId, ring.id, command.claimant))) {
      return { kind: 'skipped', reason: 'already-announced' };
    }

    const [doorbell, snapshotUrl, connections] = await Promise.all([
      this.devices.get(ring.householdId, ring.doorbellId),
      this.photos.snapshotUrl(ring.photoKey, this.settings.snapshotLinkExpiry),
      this.connections.listByHousehold(ring.householdId, now),
    ]);
    const message = ringMessage(ring, doorName(doorbell?.name), snapshotUrl);
    const audience = audienceOf(message);
    const recipients = connections.filter((connection) => audience.includes(connection.role));

    const outcomes = await settleWithConcurrency(recipients, this.settings.pushConcurrency, async (connection) => {
      const result = await this.notifier.push(connection.id, message);
      // Remove the connection that is gone (never the caller's): API Gateway answered 410 for this id.
      if (result === 'gone') await this.connections.remove(connection.id);
      return result;
    });

    const delivered: ConnectionId[] = [];
    const pruned: ConnectionId[] = [];
    const failed: { connectionId: ConnectionId; error: string }[] = [];
    outcomes.forEach((outcome, index) => {
      const connectionId = recipients[index]!.id;
      if (outcome.status === 'rejected') failed.push({ connectionId, error: describe(outcome.reason) });
      else (outcome.value === 'delivered' ? delivered : pruned).push(connectionId);
    });
    return { kind: 'announced', delivered, pruned, failed };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
