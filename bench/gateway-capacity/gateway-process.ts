/**
 * The local doorbell in a process of its own, so that its memory can be read apart from the clients': prints its
 * WebSocket URL and a resident token, then answers each 'measure' message with its memory after a full GC.
 * Run with `node --expose-gc --import tsx`.
 */
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import { householdId } from '../../domain/ids';
import { TOKENS } from '../../infrastructure/di/tokens';
import { startLocalDoorbell } from '../../infrastructure/local/local-doorbell';

export interface GatewayMemory {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly externalBytes: number;
}

/** Every socket uses the one token: the per-device cap (8) is lifted, since this measures memory per connection. */
const UNCAPPED = 2 ** 31 - 1;
const doorbell = await startLocalDoorbell({ port: 0, telemetry: SILENT_TELEMETRY, maxConnectionsPerDevice: UNCAPPED });
const issued = await doorbell.container
  .get(TOKENS.IssueDeviceToken)
  .execute({ householdId: householdId(doorbell.householdId), role: 'resident', name: 'Phone' });
if (issued.kind !== 'issued') throw new Error(issued.reason);

const gc = (globalThis as { gc?: () => void }).gc;
process.on('message', (message) => {
  if (message !== 'measure') return;
  gc?.();
  const { rss, heapUsed, external } = process.memoryUsage();
  process.send?.({ rssBytes: rss, heapUsedBytes: heapUsed, externalBytes: external } satisfies GatewayMemory);
});
process.on('disconnect', () => void doorbell.stop().then(() => process.exit(0)));
process.send?.({ url: doorbell.webSocketUrl, token: issued.token });
