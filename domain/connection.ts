import type { ConnectionId, DeviceId, HouseholdId } from './ids';
import type { DeviceRole } from './device';
import { hours, type Duration, type Instant } from './time';

/** API Gateway closes every WebSocket connection after 2 hours, whatever happens on it. */
export const MAX_CONNECTION_DURATION: Duration = hours(2);

/** One open WebSocket of one device. */
export interface Connection {
  readonly id: ConnectionId;
  readonly householdId: HouseholdId;
  readonly deviceId: DeviceId;
  readonly role: DeviceRole;
  readonly connectedAt: Instant;
  /** After this instant the connection can't be open any more; storage filters it out on read. */
  readonly expiresAt: Instant;
}

export interface OpenConnection {
  readonly id: ConnectionId;
  readonly householdId: HouseholdId;
  readonly deviceId: DeviceId;
  readonly role: DeviceRole;
  readonly connectedAt: Instant;
}

export function openConnection(opened: OpenConnection): Connection {
  return { ...opened, expiresAt: opened.connectedAt + MAX_CONNECTION_DURATION };
}

export function isLive(connection: Connection, now: Instant): boolean {
  return now < connection.expiresAt;
}
