import { NotificationError } from '../../domain/errors';
import type { ConnectionId } from '../../domain/ids';
import type { ServerMessage } from '../../domain/messages';
import type { DeviceNotifier, PushResult } from '../../domain/ports/device-notifier';

type Listener = (message: ServerMessage) => void;

/**
 * Devices "connected" in memory. A push to an open connection is delivered (recorded, and handed to its listener);
 * to a connection that was never opened, or that vanished, it is 'gone' — as API Gateway answers 410.
 * `breakConnection` makes pushes to one connection fail, to show that one bad device never blocks the others.
 */
export class InMemoryDeviceNotifier implements DeviceNotifier {
  private readonly open = new Map<ConnectionId, { received: ServerMessage[]; listener?: Listener; broken?: string }>();

  /** A device connects; `listener` sees each message delivered to it. */
  connect(connectionId: ConnectionId, listener?: Listener): void {
    this.open.set(connectionId, { received: [], ...(listener ? { listener } : {}) });
  }

  /** The device disappears without saying goodbye: later pushes answer 'gone'. */
  vanish(connectionId: ConnectionId): void {
    this.open.delete(connectionId);
  }

  /** Pushes to this connection reject with NotificationError(reason) from now on. */
  breakConnection(connectionId: ConnectionId, reason: string): void {
    const entry = this.open.get(connectionId);
    if (entry) entry.broken = reason;
  }

  /** Every message delivered to the connection so far, oldest first. */
  received(connectionId: ConnectionId): readonly ServerMessage[] {
    return [...(this.open.get(connectionId)?.received ?? [])];
  }

  async push(connectionId: ConnectionId, message: ServerMessage): Promise<PushResult> {
    const entry = this.open.get(connectionId);
    if (!entry) return 'gone';
    if (entry.broken !== undefined) throw new NotificationError(`push to ${connectionId} failed: ${entry.broken}`);
    // Serialize like the wire does, so a message that can't be sent as JSON fails here too.
    const delivered = JSON.parse(JSON.stringify(message)) as ServerMessage;
    entry.received.push(delivered);
    entry.listener?.(delivered);
    return 'delivered';
  }
}
