import { afterAll, beforeAll } from 'vitest';
import type { ConnectionId } from '../../../domain/ids';
import type { ServerMessage } from '../../../domain/protocol/server-messages';
import { deviceNotifierContract } from '../../contracts/device-notifier.contract';
import { startHarness, type Harness } from './gateway-harness';

/**
 * ApiGatewayDeviceNotifier, unchanged, against the local gateway's management API, with real WebSocket clients as
 * the devices: what a device receives is what arrived on its socket, and a device that vanishes has its TCP socket
 * destroyed without a close frame.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

deviceNotifierContract('API Gateway Management API (local WebSocket gateway, ws clients)', async () => ({
  notifier: h.notifier,
  connectDevice: async () => {
    const client = await h.connect();
    return {
      connectionId: client.connectionId as ConnectionId,
      receive: async (count) => (await client.receivedJson(count)) as ServerMessage[],
      vanish: async () => {
        client.vanish();
        // The gateway learns of it when the TCP close arrives; its $disconnect marks that moment.
        await h.disconnectOf(client.connectionId);
      },
    };
  },
}));
