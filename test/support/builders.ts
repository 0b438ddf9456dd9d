import type { PushSubscription } from '../../domain/push-subscription';
import { openConnection, type Connection } from '../../domain/connection';
import type { Device, DeviceRole } from '../../domain/device';
import type { ConnectionId, DeviceId, HouseholdId, RingId, VisitorId } from '../../domain/ids';
import type { Identification } from '../../domain/identification';
import { formatPhotoKey } from '../../domain/photo-key';
import { ringExpiresAt } from '../../domain/retention';
import type { Ring } from '../../domain/ring';
import type { Instant } from '../../domain/time';
import type { Visitor } from '../../domain/visitor';

/** Test data with readable defaults; each call gets fresh ids so tests never collide on a shared store. */
let counter = 0;
const fresh = (prefix: string): string => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

export const aHouseholdId = (): HouseholdId => fresh('home') as HouseholdId;
export const aDeviceId = (): DeviceId => fresh('device') as DeviceId;
export const aConnectionId = (): ConnectionId => fresh('conn') as ConnectionId;
export const aVisitorId = (): VisitorId => fresh('visitor') as VisitorId;
export const aRingId = (): RingId => fresh('ring') as RingId;

export const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

export function aConnection(overrides: Partial<Omit<Connection, 'expiresAt'>> = {}): Connection {
  return openConnection({
    id: aConnectionId(),
    householdId: aHouseholdId(),
    deviceId: aDeviceId(),
    role: 'resident',
    connectedAt: T0,
    ...overrides,
  });
}

export function aDevice(overrides: Partial<Device> & { role?: DeviceRole } = {}): Device {
  return { id: aDeviceId(), householdId: aHouseholdId(), role: 'resident', name: 'Phone', registeredAt: T0, ...overrides };
}

export function aVisitor(overrides: Partial<Visitor> = {}): Visitor {
  return {
    id: aVisitorId(),
    householdId: aHouseholdId(),
    name: 'Alice',
    trusted: false,
    faceIds: [],
    enrolledAt: T0,
    ...overrides,
  };
}

export function aRing(overrides: Partial<Ring> = {}): Ring {
  const householdId = overrides.householdId ?? aHouseholdId();
  const doorbellId = overrides.doorbellId ?? aDeviceId();
  const id = overrides.id ?? aRingId();
  const at = overrides.at ?? T0;
  const identification: Identification = overrides.identification ?? { kind: 'unknown', unknownFaces: 1 };
  return { ...ringOf({ id, householdId, doorbellId, at, identification, retentionDays: 30 }), ...overrides };
}

/** A ring as a press makes it: its photo key from the press, its expiry `retentionDays` after it. */
export function ringOf(press: {
  id: RingId;
  householdId: HouseholdId;
  doorbellId: DeviceId;
  at: Instant;
  identification: Identification;
  retentionDays: number;
}): Ring {
  const { id, householdId, doorbellId, at, identification, retentionDays } = press;
  return {
    id,
    householdId,
    doorbellId,
    photoKey: formatPhotoKey({ householdId, doorbellId, pressedAt: at, ringId: id }),
    at,
    identification,
    expiresAt: ringExpiresAt(at, retentionDays),
  };
}

let pushEndpoints = 0;

/** A browser's subscription as a push service would make it: a fresh endpoint, keys of the real sizes. */
export function aPushSubscription(overrides: Partial<PushSubscription> = {}): PushSubscription {
  return {
    householdId: aHouseholdId(),
    deviceId: aDeviceId(),
    endpoint: `https://push.example.com/wpush/v2/${++pushEndpoints}-${'x'.repeat(40)}`,
    keys: { p256dh: `B${'p'.repeat(86)}`, auth: 'a'.repeat(22) },
    createdAt: T0,
    ...overrides,
  };
}
