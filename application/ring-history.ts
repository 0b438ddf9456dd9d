import { doorOf } from '../domain/announcement';
import type { HouseholdId } from '../domain/ids';
import { ringSummary, type RingSummary } from '../domain/protocol/server-messages';
import type { Clock } from '../domain/ports/clock';
import type { DeviceRepository } from '../domain/ports/device-repository';
import type { PhotoStore } from '../domain/ports/photo-store';
import type { RingRepository } from '../domain/ports/ring-repository';
import { MAX_HISTORY_LIMIT } from '../domain/protocol/limits';
import type { RingCursor } from '../domain/ring';
import type { RingSettings } from './settings';

export const DEFAULT_HISTORY_LIMIT = 20;

export interface RingHistoryCommand {
  readonly householdId: HouseholdId;
  /** 1–100; out-of-range values are clamped, a missing or NaN one is 20. */
  readonly limit?: number;
  /** Continue after this ring (the `next` of the previous page). */
  readonly after?: RingCursor;
}

export interface RingHistoryPage {
  readonly rings: readonly RingSummary[];
  /** Pass as `after` for the next, older page; absent on the last page. */
  readonly next?: RingCursor;
}

/** The household's retained rings, newest first, each with a fresh snapshot link. */
export class RingHistory {
  constructor(
    private readonly rings: RingRepository,
    private readonly devices: DeviceRepository,
    private readonly photos: PhotoStore,
    private readonly clock: Clock,
    private readonly settings: Pick<RingSettings, 'snapshotLinkExpiry' | 'answerWindow'>,
  ) {}

  async execute(command: RingHistoryCommand): Promise<RingHistoryPage> {
    const [page, devices] = await Promise.all([
      this.rings.history(command.householdId, {
        now: this.clock.now(),
        limit: clampLimit(command.limit),
        ...(command.after === undefined ? {} : { after: command.after }),
      }),
      this.devices.listByHousehold(command.householdId),
    ]);
    const doorbells = new Map(devices.map((device) => [device.id as string, device]));
    const rings = await Promise.all(
      page.rings.map(async (ring) =>
        ringSummary(
          ring,
          doorOf(doorbells.get(ring.doorbellId)),
          await this.photos.snapshotUrl(ring.photoKey, this.settings.snapshotLinkExpiry, ring.photoType),
          this.settings.answerWindow,
        ),
      ),
    );
    return { rings, ...(page.next === undefined ? {} : { next: page.next }) };
  }
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || Number.isNaN(limit)) return DEFAULT_HISTORY_LIMIT;
  return Math.min(MAX_HISTORY_LIMIT, Math.max(1, Math.floor(limit)));
}
