import type { DeviceId, HouseholdId, RingId } from './ids';
import { seconds, type Duration, type Instant } from './time';

/**
 * Debounce: impatient visitors press again and again. Presses of one doorbell within `window` of the press that
 * opened a ring fold into that ring. The window is fixed from the ring's first press, not sliding: someone who keeps
 * pressing every few seconds is announced again once per window instead of never.
 *
 * The decision is taken when the doorbell is pressed (it asks for an upload URL), in press order, and recorded as
 * the doorbell's RingWindow: every press inside the window gets the window's ring id. Photos processed later, in any
 * order or concurrently, then land on that one ring, which is created once and announced once.
 */
export const DEFAULT_DEBOUNCE_WINDOW: Duration = seconds(30);

export interface Press {
  readonly doorbellId: DeviceId;
  readonly at: Instant;
}

/** The ring a doorbell's presses currently fold into: opened by the press at `openedAt`. */
export interface RingWindow {
  readonly householdId: HouseholdId;
  readonly doorbellId: DeviceId;
  readonly ringId: RingId;
  readonly openedAt: Instant;
}

/** The decision for one press, given when the doorbell's current ring was opened (if ever). */
export function foldsInto(openingPressAt: Instant | undefined, pressAt: Instant, window: Duration): boolean {
  return openingPressAt !== undefined && pressAt >= openingPressAt && pressAt - openingPressAt < window;
}

/**
 * The same policy over a batch: groups presses into rings, each group starting with the press that opened it.
 * Groups are ordered by doorbell, then time; the result does not depend on the order of `presses`.
 */
export function groupPresses<P extends Press>(presses: readonly P[], window: Duration): P[][] {
  const sorted = [...presses].sort((a, b) => compare(a.doorbellId, b.doorbellId) || a.at - b.at);
  const groups: P[][] = [];
  let current: P[] | undefined;
  for (const press of sorted) {
    const opening = current?.[0];
    const sameDoorbell = opening !== undefined && opening.doorbellId === press.doorbellId;
    if (current && sameDoorbell && foldsInto(opening.at, press.at, window)) current.push(press);
    else {
      current = [press];
      groups.push(current);
    }
  }
  return groups;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
