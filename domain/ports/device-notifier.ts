import type { ConnectionId } from '../ids';
import type { ServerMessage } from '../protocol/server-messages';

export type PushResult = 'delivered' | 'gone';

/** Sends messages to connected devices (API Gateway's @connections API in AWS). */
export interface DeviceNotifier {
  /**
   * Sends one message to one connection: 'delivered', or 'gone' when the connection no longer exists (410).
   * Rejects with NotificationError when it could not tell (e.g. still throttled after its own retries).
   */
  push(connectionId: ConnectionId, message: ServerMessage): Promise<PushResult>;
}
