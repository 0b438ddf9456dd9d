import type { ConnectionId } from '../domain/ids';
import type { ConnectionRepository } from '../domain/ports/connection-repository';

/** A device's WebSocket closed (or API Gateway closed it). Idempotent. */
export class Disconnect {
  constructor(private readonly connections: ConnectionRepository) {}

  async execute(command: { readonly connectionId: ConnectionId }): Promise<void> {
    await this.connections.remove(command.connectionId);
  }
}
