import type { DoorbellAdmin } from './doorbell-admin';
import type { Output } from './output';

/** What every command gets: where the doorbell is, how to administer it, where to write. */
export interface CommandContext {
  /** The WebSocket URL devices connect to (`ws://127.0.0.1:8080` locally, `wss://…/prod` deployed). */
  readonly webSocketUrl: string;
  readonly admin: DoorbellAdmin;
  readonly output: Output;
}
