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
export async function startFanOutStack(
  count: number,
  faults: Required<Pick<PostFaults, 'delayMs' | 'throttleRate'>> & { readonly seed: number },
) {
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
  let gatewayCpuMicros = ready.cpuMicros;

  return {
    /**
     * Announces a fresh ring with `pushConcurrency`, through a client whose agent allows `maxSockets` sockets: the
     * time it took, what each socket received of it, the CPU time each side spent (this process: the announcer; the
     * child: the gateway and the sockets), and the posts it made (retries included) with their total round trip.
     */
    async announce(pushConcurrency: number, maxSockets: number) {
      const client = createManagementApiClient({
        endpoint: ready.managementEndpoint,
        region: 'local',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxSockets,
      });
      const posts = timePosts(client);
      const notifier = new ApiGatewayDeviceNotifier({ client });
      const ring = aRing({ householdId: HOME, id: ringId(`fan-out-${++rings}`), doorbellId: deviceId('front-door'), at: Date.now() });
      await container.get(TOKENS.RingRepository).create(ring);
      const announce = new Announce(
        container.get(TOKENS.RingRepository),
        container.get(TOKENS.DeviceRepository),
        container.get(TOKENS.PhotoStore),
        new HouseholdBroadcast(container.get(TOKENS.ConnectionRepository), notifier, container.get(TOKENS.Clock), { pushConcurrency }),
        container.get(TOKENS.Clock),
        DEFAULT_RING_SETTINGS,
      );
      const cpuBefore = process.cpuUsage();
      const started = process.hrtime.bigint();
      const result = await announce.execute({ householdId: HOME, ringId: ring.id, claimant: `run-${rings}` });
      const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
      const { user, system } = process.cpuUsage(cpuBefore);
      const counted = nextMessage<FanOutCounted>(child);
      send(child, { kind: 'count', ringId: ring.id });
      const { perSocket, cpuMicros } = await counted;
      const gatewayCpuMs = (cpuMicros - gatewayCpuMicros) / 1000;
      gatewayCpuMicros = cpuMicros;
      return {
        elapsedMs,
        result,
        perSocket,
        announcerCpuMs: (user + system) / 1000,
        gatewayCpuMs,
        posts: posts.count,
        postsMs: posts.totalMs,
      };
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      send(child, { kind: 'stop' });
      await exited;
    },
  };
}

/**
 * Counts `client`'s requests and adds up how long each took, from `send` to its answer: the time each post held its
 * concurrency slot, the backoff between retries excluded.
 */
function timePosts(client: { send: (...args: never[]) => Promise<unknown> }): { readonly count: number; readonly totalMs: number } {
  const totals = { count: 0, totalMs: 0 };
  const send = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
  client.send = (async (...args: unknown[]) => {
    const started = performance.now();
    try {
      return await send(...args);
    } finally {
      totals.count += 1;
      totals.totalMs += performance.now() - started;
    }
  }) as typeof client.send;
  return totals;
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
