/**
 * The far side of the fan-out benchmark, in a process of its own as API Gateway is another machine in AWS: the
 * local gateway (with the injected post faults) and `count` resident devices on real sockets, each counting the
 * ring frames it receives. Speaks to the benchmark over IPC (see FanOutMessage). Run with `node --import tsx`.
 * Arguments: count, delay ms, throttle rate, seed.
 */
import type WebSocket from 'ws';
import { makeConnectHandler } from '../../adapters/lambda/connect-handler';
import { makeDisconnectHandler } from '../../adapters/lambda/disconnect-handler';
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import type { AuthorizerEvent } from '../../adapters/local-gateway/gateway-events';
import { LocalWebSocketGateway } from '../../adapters/local-gateway/local-websocket-gateway';
import { TOKENS } from '../../infrastructure/di/tokens';
import { inMemoryContainer } from '../../infrastructure/local/in-memory-container';
import { closeSockets, openSockets } from '../support/open-sockets';
import { seededRandom } from '../support/seeded-random';
import { FAN_OUT_HOUSEHOLD, type FanOutCounted, type FanOutMessage, type FanOutReady } from './gateway-protocol';

const [count, delayMs, throttleRate, seed] = process.argv.slice(2).map(Number) as [number, number, number, number];
const SILENT_GATEWAY_LOGGER = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
// Frames posted before the announcer's `execute` resolved may still be in flight to a client: let them land.
const SETTLE_MS = 200;

const container = inMemoryContainer();
const gateway = new LocalWebSocketGateway({
  logger: SILENT_GATEWAY_LOGGER,
  postFaults: { delayMs, throttleRate, random: seededRandom(seed) },
  routes: {
    // Every device is let in as a resident of one household: the handshake is not what is measured.
    authorizer: async (event: AuthorizerEvent) => ({
      principalId: 'phone',
      policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: event.methodArn }] },
      context: { householdId: FAN_OUT_HOUSEHOLD, deviceId: 'phone', role: 'resident' },
    }),
    $connect: makeConnectHandler({ connect: container.get(TOKENS.Connect), telemetry: SILENT_TELEMETRY }),
    $disconnect: makeDisconnectHandler({ disconnect: container.get(TOKENS.Disconnect), telemetry: SILENT_TELEMETRY }),
  },
});
const address = await gateway.start();
const sockets = await openSockets(address.url, count);
const received = sockets.map((socket) => countRings(socket));

process.on('message', (message: FanOutMessage) => {
  if (message.kind === 'count') {
    setTimeout(() => {
      const perSocket = received.map((counts) => counts.get(message.ringId) ?? 0);
      process.send?.({ kind: 'counted', perSocket, cpuMicros: cpuMicros() } satisfies FanOutCounted);
    }, SETTLE_MS);
  } else if (message.kind === 'stop') {
    void closeSockets(sockets)
      .then(() => gateway.stop())
      .then(() => process.exit(0));
  }
});
process.send?.({
  kind: 'ready',
  managementEndpoint: address.managementEndpoint,
  connections: gateway.connections().map(({ connectionId, connectedAt }) => ({ connectionId, connectedAt })),
  cpuMicros: cpuMicros(),
} satisfies FanOutReady);

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

function countRings(socket: WebSocket): Map<string, number> {
  const counts = new Map<string, number>();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { type?: string; ringId?: string };
    if (message.type === 'ring' && message.ringId) counts.set(message.ringId, (counts.get(message.ringId) ?? 0) + 1);
  });
  return counts;
}
