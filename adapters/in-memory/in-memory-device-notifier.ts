import { NotificationError } from '../../domain/errors';
import type { ConnectionId } from '../../domain/ids';
import type { ServerMessage } from '../../domain/protocol/server-messages';
import type { DeviceNotifier, PushResult } from '../../domain/ports/device-notifier';

type Listener = (message: ServerMessage) => void;

/**
 * Devices "connected" in memory. A push to an open connection is delivered (recorded, and handed to its listener);
 * to a connection that was never opened, or that vanished, it is 'gone' — as API Gateway answers 410.
 * `breakConnection` makes pushes to one connection fail, to show that one bad device never blocks the others.
 */
export class InMemoryDeviceNotifier implements DeviceNotifier {
  private readonly devices = new Map<ConnectionId, { open: boolean; received: ServerMessage[]; listener?: Listener; broken?: string }>();

  /** A device connects; `listener` sees each message delivered to it. */
  connect(connectionId: ConnectionId, listener?: Listener): void {
    this.devices.set(connectionId, { open: true, received: [], ...(listener ? { listener } : {}) });
  }

  /** The device disappears without saying goodbye: later pushes answer 'gone'. What it received stays readable. */
  vanish(connectionId: ConnectionId): void {
    const device = this.devices.get(connectionId);
    if (device) device.open = false;
  }

  /** Pushes to this connection reject with NotificationError(reason) from now on. */
  breakConnection(connectionId: ConnectionId, reason: string): void {
    const device = this.devices.get(connectionId);
    if (device) device.broken = reason;
  }

  /** Every message delivered to the connection so far, oldest first. */
  received(connectionId: ConnectionId): readonly ServerMessage[] {
    return [...(this.devices.get(connectionId)?.received ?? [])];
  }

  /**
   * 'delivered' to a connected device, 'gone' for one that vanished or never connected.
   * @throws NotificationError for a connection `breakConnection` broke.
   */
  async push(connectionId: ConnectionId, message: ServerMessage): Promise<PushResult> {
    const device = this.devices.get(connectionId);
    if (!device?.open) return 'gone';
    if (device.broken !== undefined) throw new NotificationError(`push to ${connectionId} failed: ${device.broken}`);
    // Serialize like the wire does, so a message that can't be sent as JSON fails here too.
    const delivered = JSON.parse(JSON.stringify(message)) as ServerMessage;
    device.received.push(delivered);
    device.listener?.(delivered);
    return 'delivered';
  }
}
