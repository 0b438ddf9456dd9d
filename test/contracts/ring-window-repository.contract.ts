import { describe, expect, it } from 'vitest';
import type { RingWindow } from '../../domain/debounce';
import type { RingWindowRepository } from '../../domain/ports/ring-window-repository';
import { aDeviceId, aHouseholdId, aRingId, T0 } from '../support/builders';

function aWindow(overrides: Partial<RingWindow> = {}): RingWindow {
  return { householdId: aHouseholdId(), doorbellId: aDeviceId(), ringId: aRingId(), openedAt: T0, ...overrides };
}

export function ringWindowRepositoryContract(name: string, make: () => Promise<RingWindowRepository>): void {
  describe(`RingWindowRepository: ${name}`, () => {
    it('has no window for a doorbell never pressed', async () => {
      expect(await (await make()).current(aHouseholdId(), aDeviceId())).toBeUndefined();
    });

    it('opens the first window when none is expected, and returns it', async () => {
      const repository = await make();
      const window = aWindow();
      expect(await repository.replace(undefined, window)).toBe(true);
      expect(await repository.current(window.householdId, window.doorbellId)).toEqual(window);
    });

    it('replaces the window it was shown, and refuses a stale expectation', async () => {
      const repository = await make();
      const first = aWindow();
      const second = { ...first, ringId: aRingId(), openedAt: T0 + 31_000 };
      const third = { ...first, ringId: aRingId(), openedAt: T0 + 62_000 };
      await repository.replace(undefined, first);
      expect(await repository.replace(undefined, second)).toBe(false);
      expect(await repository.replace(first, second)).toBe(true);
      expect(await repository.replace(first, third)).toBe(false);
      expect(await repository.current(first.householdId, first.doorbellId)).toEqual(second);
    });

    it('lets exactly one of many concurrent presses open the window', async () => {
      const repository = await make();
      const base = aWindow();
      const results = await Promise.all(Array.from({ length: 6 }, () => repository.replace(undefined, { ...base, ringId: aRingId() })));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('keeps the windows of doorbells and households apart', async () => {
      const repository = await make();
      const window = aWindow();
      await repository.replace(undefined, window);
      expect(await repository.current(window.householdId, aDeviceId())).toBeUndefined();
      expect(await repository.current(aHouseholdId(), window.doorbellId)).toBeUndefined();
      expect(await repository.replace(undefined, { ...window, doorbellId: aDeviceId() })).toBe(true);
    });
  });
}
