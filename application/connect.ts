import { openConnection, type Connection, type OpenConnection } from '../domain/connection';
import type { ConnectionRepository } from '../domain/ports/connection-repository';

/**
 * A device's WebSocket opened. The authorizer already verified its token, so the command carries trusted
 * household, device and role; this records the connection so that rings reach it.
 */
export class Connect {
  constructor(private readonly connections: ConnectionRepository) {}

  async execute(command: OpenConnection): Promise<Connection> {
    const connection = openConnection(command);
    await this.connections.save(connection);
    return connection;
  }
}
