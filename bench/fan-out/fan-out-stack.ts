import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ApiGatewayDeviceNotifier } from '../../adapters/api-gateway/api-gateway-device-notifier';
import { createManagementApiClient } from '../../adapters/api-gateway/management-api-client';
import type { PostFaults } from '../../adapters/local-gateway/post-faults';
import { Announce } from '../../application/announce';
import { HouseholdBroadcast } from '../../application/household-broadcast';
import { DEFAULT_RING_SETTINGS } from '../../application/settings';
import { connectionId, deviceId, householdId, ringId } from '../../domain/ids';
import { TOKENS } from '../../infrastructure/di/tokens';
import { inMemoryContainer } from '../../infrastructure/local/in-memory-container';
import { aRing } from '../../test/support/builders';
import { FAN_OUT_HOUSEHOLD, type FanOutCounted, type FanOutMessage, type FanOutReady } from './gateway-protocol';

export const HOME = householdId(FAN_OUT_HOUSEHOLD);
const GATEWAY_PROCESS = fileURLToPath(new URL('./gateway-process.ts', import.meta.url));

/**
 * The announcer's side: Announce → HouseholdBroadcast → ApiGatewayDeviceNotifier → the real management-API client,
 * in this process; the local gateway and `count` client sockets in a child process (gateway-process.ts), as API
 * Gateway is another machine in AWS. The connections the child's $connect admitted are stored here, where the
 * announcer reads them (DynamoDB's part in AWS).
 */
export async function startFanOutStack(count: number, faults: Required<Pick<PostFaults, 'delayMs' | 'throttleRate'>> & { readonly seed: number }) {
  const child = fork(GATEWAY_PROCESS, [String(count), String(faults.delayMs), String(faults.throttleRate), String(faults.seed)], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const ready = await nextMessage<FanOutReady>(child);
  const container = inMemoryContainer();
  const connect = container.get(TOKENS.Connect);
  for (const { connectionId: id, connectedAt } of ready.connections) {
    await connect.execute({ id: connectionId(id), connectedAt, householdId: HOME, deviceId: deviceId('phone'), role: 'resident' });
  }
  let rings = 0;

  return {
    /**
     * Announces a fresh ring with `pushConcurrency`, through a client whose agent allows `maxSockets` sockets; the
     * time it took and what each socket received of it.
     */
    async announce(pushConcurrency: number, maxSockets: number) {
      const notifier = new ApiGatewayDeviceNotifier({
        client: createManagementApiClient({
          endpoint: ready.managementEndpoint,
          region: 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          maxSockets,
        }),
      });
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
      const counted = nextMessage<FanOutCounted>(child);
      send(child, { kind: 'count', ringId: ring.id });
      const { perSocket } = await counted;
      return { elapsedMs, result, perSocket };
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      send(child, { kind: 'stop' });
      await exited;
    },
  };
}

function send(child: ChildProcess, message: FanOutMessage): void {
  child.send(message);
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`the fan-out gateway process exited (${code})`));
    child.once('exit', exited);
    child.once('message', (message) => {
      child.off('exit', exited);
      resolve(message as T);
    });
  });
}
