import { isLive, type Connection } from '../../domain/connection';
import type { ConnectionId, HouseholdId } from '../../domain/ids';
import type { ConnectionRepository } from '../../domain/ports/connection-repository';
import type { Instant } from '../../domain/time';
import { copy } from './copy';

export class InMemoryConnectionRepository implements ConnectionRepository {
  private readonly connections = new Map<ConnectionId, Connection>();

  async save(connection: Connection): Promise<void> {
    this.connections.set(connection.id, copy(connection));
  }

  async remove(id: ConnectionId): Promise<void> {
    this.connections.delete(id);
  }

  async get(id: ConnectionId, now: Instant): Promise<Connection | undefined> {
    const connection = this.connections.get(id);
    return connection && isLive(connection, now) ? copy(connection) : undefined;
  }

  async listByHousehold(householdId: HouseholdId, now: Instant): Promise<readonly Connection[]> {
    return [...this.connections.values()]
      .filter((connection) => connection.householdId === householdId && isLive(connection, now))
      .map(copy);
  }
}
