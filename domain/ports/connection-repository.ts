import type { Connection } from '../connection';
import type { ConnectionId, HouseholdId } from '../ids';
import type { Instant } from '../time';

/** The open WebSocket connections of every household. */
export interface ConnectionRepository {
  /** Stores the connection, replacing one with the same id. */
  save(connection: Connection): Promise<void>;
  /** Idempotent: removing an unknown id resolves. */
  remove(id: ConnectionId): Promise<void>;
  /** The connection if it is stored and live at `now`; an expired one is never returned. */
  get(id: ConnectionId, now: Instant): Promise<Connection | undefined>;
  /**
   * Every live connection of the household (all pages), in no particular order; expired ones and other
   * households' are never returned.
   */
  listByHousehold(householdId: HouseholdId, now: Instant): Promise<readonly Connection[]>;
}
