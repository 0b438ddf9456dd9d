import { doorName } from '../domain/announcement';
import type { HouseholdId } from '../domain/ids';
import { ringSummary, type RingSummary } from '../domain/messages';
import type { Clock } from '../domain/ports/clock';
import type { DeviceRepository } from '../domain/ports/device-repository';
import type { PhotoStore } from '../domain/ports/photo-store';
import type { RingRepository } from '../domain/ports/ring-repository';
import type { Instant } from '../domain/time';
import type { RingSettings } from './settings';

export const DEFAULT_HISTORY_LIMIT = 20;
export const MAX_HISTORY_LIMIT = 100;

export interface RingHistoryCommand {
  readonly householdId: HouseholdId;
  /** 1–100; out-of-range values are clamped, default 20. */
  readonly limit?: number;
  /** Only rings strictly older than this (page back in time). */
  readonly before?: Instant;
}

/** The household's retained rings, newest first, each with a fresh snapshot link. */
export class RingHistory {
  constructor(
    private readonly rings: RingRepository,
    private readonly devices: DeviceRepository,
    private readonly photos: PhotoStore,
    private readonly clock: Clock,
    private readonly settings: Pick<RingSettings, 'snapshotLinkExpiry'>,
  ) {}

  async execute(command: RingHistoryCommand): Promise<readonly RingSummary[]> {
    const limit = clampLimit(command.limit);
    const [page, devices] = await Promise.all([
      this.rings.history(command.householdId, {
        now: this.clock.now(),
        limit,
        ...(command.before === undefined ? {} : { before: command.before }),
      }),
      this.devices.listByHousehold(command.householdId),
    ]);
    const names = new Map(devices.map((device) => [device.id as string, device.name]));
    return Promise.all(
      page.rings.map(async (ring) =>
        ringSummary(
          ring,
          doorName(names.get(ring.doorbellId)),
          await this.photos.snapshotUrl(ring.photoKey, this.settings.snapshotLinkExpiry),
        ),
      ),
    );
  }
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_HISTORY_LIMIT;
  return Math.min(MAX_HISTORY_LIMIT, Math.max(1, Math.floor(limit)));
}
