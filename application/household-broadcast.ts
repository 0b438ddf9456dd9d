import type { ConnectionId, HouseholdId } from '../domain/ids';
import { messageFor, type BroadcastMessage } from '../domain/protocol/server-messages';
import type { Clock } from '../domain/ports/clock';
import type { ConnectionRepository } from '../domain/ports/connection-repository';
import type { DeviceNotifier } from '../domain/ports/device-notifier';
import { settleWithConcurrency } from './concurrency';
import type { RingSettings } from './settings';

export interface BroadcastResult {
  readonly delivered: readonly ConnectionId[];
  /** Connections that were gone (410) and have been removed. */
  readonly pruned: readonly ConnectionId[];
  /** Connections whose push failed for another reason; they are kept and the rest were still notified. */
  readonly failed: readonly { readonly connectionId: ConnectionId; readonly error: string }[];
}

/**
 * Tells every live device of a household what its role may hear of a message (messageFor: residents the message,
 * a doorbell a redacted `ringing` or `reply`, or nothing), with bounded concurrency, pruning connections that are
 * gone. Shared by the ring, its access codes and its answer, so all three reach devices the same way.
 */
export class HouseholdBroadcast {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly notifier: DeviceNotifier,
    private readonly clock: Clock,
    private readonly settings: Pick<RingSettings, 'pushConcurrency'>,
  ) {}

  /** `except`: a connection already answered directly (the sender of a message gets its one reply). */
  async send(
    householdId: HouseholdId,
    message: BroadcastMessage,
    options: { readonly except?: ConnectionId } = {},
  ): Promise<BroadcastResult> {
    const connections = await this.connections.listByHousehold(householdId, this.clock.now());
    const recipients = connections.flatMap((connection) => {
      const view = messageFor(message, connection.role);
      return view === undefined || connection.id === options.except ? [] : [{ connection, view }];
    });

    const outcomes = await settleWithConcurrency(recipients, this.settings.pushConcurrency, async ({ connection, view }) => {
      const result = await this.notifier.push(connection.id, view);
      // Remove the connection that is gone (never the caller's): API Gateway answered 410 for this id.
      if (result === 'gone') await this.connections.remove(connection.id);
      return result;
    });

    const delivered: ConnectionId[] = [];
    const pruned: ConnectionId[] = [];
    const failed: { connectionId: ConnectionId; error: string }[] = [];
    outcomes.forEach((outcome, index) => {
      const connectionId = recipients[index]!.connection.id;
      if (outcome.status === 'rejected') failed.push({ connectionId, error: describe(outcome.reason) });
      else (outcome.value === 'delivered' ? delivered : pruned).push(connectionId);
    });
    return { delivered, pruned, failed };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
