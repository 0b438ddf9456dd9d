import type { RingWindow } from '../../domain/debounce';
import type { DeviceId, HouseholdId } from '../../domain/ids';
import type { RingWindowRepository } from '../../domain/ports/ring-window-repository';
import { copy } from './copy';

export class InMemoryRingWindowRepository implements RingWindowRepository {
  private readonly windows = new Map<string, RingWindow>();

  async current(householdId: HouseholdId, doorbellId: DeviceId): Promise<RingWindow | undefined> {
    const window = this.windows.get(`${householdId}/${doorbellId}`);
    return window && copy(window);
  }

  async replace(expected: RingWindow | undefined, next: RingWindow): Promise<boolean> {
    const key = `${next.householdId}/${next.doorbellId}`;
    // Check and set in one synchronous step: nothing can interleave, like a conditional write.
    if (this.windows.get(key)?.ringId !== expected?.ringId) return false;
    this.windows.set(key, copy(next));
    return true;
  }
}
