import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEBOUNCE_WINDOW, foldsInto, groupPresses } from '../../domain/debounce';
import type { DeviceId } from '../../domain/ids';
import type { Instant } from '../../domain/time';
import { anyPresses, anyWindow, type TaggedPress } from '../support/arbitraries';

/** Groups as a canonical, order-free value: each group's press tags sorted, groups sorted. */
const asSetOfGroups = (groups: readonly (readonly TaggedPress[])[]): string[] =>
  groups
    .map((group) =>
      group
        .map((press) => press.n)
        .sort((a, b) => a - b)
        .join(','),
    )
    .sort();

const openingsOf = (groups: readonly (readonly TaggedPress[])[]): TaggedPress[] =>
  groups.map((group) => {
    const opening = group[0];
    if (opening === undefined) throw new Error('empty group');
    return opening;
  });

const byDoorbell = <T extends { doorbellId: DeviceId }>(items: readonly T[]): Map<DeviceId, T[]> => {
  const map = new Map<DeviceId, T[]>();
  for (const item of items) map.set(item.doorbellId, [...(map.get(item.doorbellId) ?? []), item]);
  return map;
};

describe('groupPresses', () => {
  it('puts every press in exactly one group, and never makes an empty group', () => {
    fc.assert(
      fc.property(anyPresses(), anyWindow, (presses, window) => {
        // Act
        const groups = groupPresses(presses, window);

        // Assess
        const tags = groups
          .flat()
          .map((press) => press.n)
          .sort((a, b) => a - b);
        expect(tags).toEqual(presses.map((press) => press.n));
        for (const group of groups) expect(group.length).toBeGreaterThan(0);
      }),
    );
  });

  it('keeps each group to presses of one doorbell', () => {
    fc.assert(
      fc.property(anyPresses(), anyWindow, (presses, window) => {
        // Act
        const groups = groupPresses(presses, window);

        // Assess
        for (const group of groups) expect(new Set(group.map((press) => press.doorbellId)).size).toBe(1);
      }),
    );
  });

  it('keeps every press of a group at or after its first press and within the window of it', () => {
    fc.assert(
      fc.property(anyPresses(), anyWindow, (presses, window) => {
        // Act
        const groups = groupPresses(presses, window);

        // Assess
        for (const group of groups) {
          const [opening, ...rest] = group;
          for (const press of rest) {
            expect(press.at).toBeGreaterThanOrEqual(opening!.at);
            expect(press.at - opening!.at).toBeLessThan(window);
          }
        }
      }),
    );
  });

  it('opens consecutive rings of one doorbell at least a window apart', () => {
    fc.assert(
      fc.property(anyPresses(), anyWindow, (presses, window) => {
        // Act
        const openings = openingsOf(groupPresses(presses, window));

        // Assess
        for (const ofDoorbell of byDoorbell(openings).values()) {
          const times = ofDoorbell.map((press) => press.at).sort((a, b) => a - b);
          for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(window);
        }
      }),
    );
  });

  it('orders groups by doorbell, then time', () => {
    fc.assert(
      fc.property(anyPresses(), anyWindow, (presses, window) => {
        // Act
        const openings = openingsOf(groupPresses(presses, window));

        // Assess
        const sorted = [...openings].sort((a, b) => (a.doorbellId < b.doorbellId ? -1 : a.doorbellId > b.doorbellId ? 1 : a.at - b.at));
        expect(openings.map((press) => [press.doorbellId, press.at])).toEqual(sorted.map((press) => [press.doorbellId, press.at]));
      }),
    );
  });

  it('groups the same way whatever the order of the input', () => {
    fc.assert(
      fc.property(
        anyPresses().chain((presses) =>
          fc.tuple(fc.constant(presses), fc.shuffledSubarray(presses, { minLength: presses.length, maxLength: presses.length })),
        ),
        anyWindow,
        ([presses, shuffled], window) => {
          // Act
          const original = groupPresses(presses, window);
          const reordered = groupPresses(shuffled, window);

          // Assess
          expect(asSetOfGroups(reordered)).toEqual(asSetOfGroups(original));
          const openingTimes = (groups: TaggedPress[][]) => openingsOf(groups).map((press) => [press.doorbellId, press.at]);
          expect(openingTimes(reordered)).toEqual(openingTimes(original));
        },
      ),
    );
  });

  it('leaves its input untouched', () => {
    fc.assert(
      fc.property(anyPresses(), anyWindow, (presses, window) => {
        // Prepare
        const before = presses.map((press) => ({ ...press }));

        // Act
        groupPresses(presses, window);

        // Assess
        expect(presses).toEqual(before);
      }),
    );
  });

  it('is idempotent: grouping the openings again yields the same openings, each alone', () => {
    fc.assert(
      fc.property(anyPresses(), anyWindow, (presses, window) => {
        // Prepare
        const openings = openingsOf(groupPresses(presses, window));

        // Act
        const regrouped = groupPresses(openings, window);

        // Assess
        expect(regrouped).toEqual(openings.map((press) => [press]));
      }),
    );
  });

  it('agrees with foldsInto decided press by press, in time order, per doorbell', () => {
    fc.assert(
      fc.property(anyPresses(), anyWindow, (presses, window) => {
        // Prepare: the live policy, one press at a time against the doorbell's current opening press.
        const expected: [DeviceId, Instant][] = [];
        for (const [doorbellId, ofDoorbell] of byDoorbell(presses)) {
          let opening: Instant | undefined;
          for (const press of [...ofDoorbell].sort((a, b) => a.at - b.at)) {
            if (!foldsInto(opening, press.at, window)) {
              opening = press.at;
              expected.push([doorbellId, press.at]);
            }
          }
        }

        // Act
        const openings = openingsOf(groupPresses(presses, window)).map((press): [DeviceId, Instant] => [press.doorbellId, press.at]);

        // Assess
        const order = (a: [DeviceId, Instant], b: [DeviceId, Instant]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]);
        expect(openings).toEqual(expected.sort(order));
      }),
    );
  });

  it('with the default window, folds presses every 10 s for a minute into a ring per 30 s', () => {
    // Prepare
    const doorbellId = 'front' as DeviceId;
    const presses = [0, 10, 20, 30, 40, 50, 60].map((s, n) => ({ doorbellId, at: 1_000_000 + s * 1000, n }));

    // Act
    const groups = groupPresses(presses, DEFAULT_DEBOUNCE_WINDOW);

    // Assess
    expect(groups.map((group) => group.map((press) => press.n))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });
});

describe('foldsInto', () => {
  it('never folds without an opening press, nor a press before it, nor one a full window or more after it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: -1e6, max: 1e6 }), anyWindow, (opening, offset, window) => {
        // Act
        const folds = foldsInto(opening, opening + offset, window);

        // Assess
        expect(folds).toBe(offset >= 0 && offset < window);
        expect(foldsInto(undefined, opening + offset, window)).toBe(false);
      }),
    );
  });
});
