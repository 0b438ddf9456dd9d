import type WebSocket from 'ws';
import { ApiGatewayDeviceNotifier } from '../../adapters/api-gateway/api-gateway-device-notifier';
import { createManagementApiClient } from '../../adapters/api-gateway/management-api-client';
import { makeConnectHandler } from '../../adapters/lambda/connect-handler';
import { makeDisconnectHandler } from '../../adapters/lambda/disconnect-handler';
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import type { AuthorizerEvent } from '../../adapters/local-gateway/gateway-events';
import { LocalWebSocketGateway } from '../../adapters/local-gateway/local-websocket-gateway';
import type { PostFaults } from '../../adapters/local-gateway/post-faults';
import { Announce } from '../../application/announce';
import { HouseholdBroadcast } from '../../application/household-broadcast';
import { DEFAULT_RING_SETTINGS } from '../../application/settings';
import { deviceId, householdId, ringId } from '../../domain/ids';
import { TOKENS } from '../../infrastructure/di/tokens';
import { inMemoryContainer } from '../../infrastructure/local/in-memory-container';
import { aRing } from '../../test/support/builders';
import { closeSockets, openSockets } from '../support/open-sockets';

export const HOME = householdId('home-fan-out');
const SILENT_GATEWAY_LOGGER = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The local gateway with injected post faults, the $connect/$disconnect handlers over the in-memory container,
 * and `count` resident devices on real sockets, each counting the ring messages it receives.
 */
export async function startFanOutStack(count: number, faults: PostFaults) {
  const container = inMemoryContainer();
  const gateway = new LocalWebSocketGateway({
    logger: SILENT_GATEWAY_LOGGER,
    postFaults: faults,
    routes: {
      // Every device is let in as a resident of one household: the handshake is not what is measured.
      authorizer: async (event: AuthorizerEvent) => ({
        principalId: 'phone',
        policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: event.methodArn }] },
        context: { householdId: HOME, deviceId: 'phone', role: 'resident' },
      }),
      $connect: makeConnectHandler({ connect: container.get(TOKENS.Connect), telemetry: SILENT_TELEMETRY }),
      $disconnect: makeDisconnectHandler({ disconnect: container.get(TOKENS.Disconnect), telemetry: SILENT_TELEMETRY }),
    },
  });
  const address = await gateway.start();
  const sockets = await openSockets(address.url, count);
  const received = sockets.map((socket) => countRings(socket));
  const notifier = new ApiGatewayDeviceNotifier({
    client: createManagementApiClient({ endpoint: address.managementEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  });
  let rings = 0;

  return {
    /** Announces a fresh ring with `pushConcurrency`; the time it took and what each socket received of it. */
    async announce(pushConcurrency: number) {
      const ring = aRing({ householdId: HOME, id: ringId(`fan-out-${++rings}`), doorbellId: deviceId('front-door'), at: Date.now() });
      await container.get(TOKENS.RingRepository).create(ring);
      const announce = new Announce(
        container.get(TOKENS.RingRepository),
        container.get(TOKENS.DeviceRepository),
        container.get(TOKENS.PhotoStore),
        new HouseholdBroadcast(container.get(TOKENS.ConnectionRepository), notifier, container.get(TOKENS.Clock), { pushConcurrency }),
        container.get(TOKENS.Clock),
        { snapshotLinkExpiry: DEFAULT_RING_SETTINGS.snapshotLinkExpiry },
      );
      const started = process.hrtime.bigint();
      const result = await announce.execute({ householdId: HOME, ringId: ring.id, claimant: `run-${rings}` });
      const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
      // Frames posted before `execute` resolved may still be in flight to the client: let them land.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const perSocket = received.map((counts) => counts.get(ring.id) ?? 0);
      return { elapsedMs, result, perSocket };
    },
    async stop() {
      await closeSockets(sockets);
      await gateway.stop();
    },
  };
}

function countRings(socket: WebSocket): Map<string, number> {
  const counts = new Map<string, number>();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { type?: string; ringId?: string };
    if (message.type === 'ring' && message.ringId) counts.set(message.ringId, (counts.get(message.ringId) ?? 0) + 1);
  });
  return counts;
}
