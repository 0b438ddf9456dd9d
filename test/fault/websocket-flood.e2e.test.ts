import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MessageEvent } from '../../adapters/local-gateway/gateway-events';
import { MAX_QUEUED_FRAMES_PER_CONNECTION } from '../../adapters/local-gateway/gateway-options';
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import { MAX_CONNECTIONS_PER_DEVICE, startLocalDoorbell, type RunningLocalDoorbell } from '../../infrastructure/local/local-doorbell';
import { handshakeStatus, startHarness, type Harness } from '../adapters/local-gateway/gateway-harness';
import { deviceToken } from '../support/local-doorbell-moves';
import { SocketDevice } from '../support/socket-device';

/**
 * Floods are bounded, over real sockets: a connection may have `MAX_QUEUED_FRAMES_PER_CONNECTION` frames waiting
 * for its handler; one more closes it with 1008 and what was still waiting is dropped, not handled. A device may
 * hold `MAX_CONNECTIONS_PER_DEVICE` live connections. Other clients are served throughout, and the doorbell stops
 * mid-flood.
 */
const PING = JSON.stringify({ action: 'ping' });
/** "Within a few seconds": how long `doorbell start` may take to exit after SIGTERM, mid-flood. */
const SIGTERM_GRACE_MS = 10_000;
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'doorbell.js');
/** Enough to overflow the queue whether or not the first frame has already reached its handler. */
const OVERFLOW = MAX_QUEUED_FRAMES_PER_CONNECTION + 2;

describe('a flooding connection, on the gateway', () => {
  let harness: Harness | undefined;
  afterEach(() => harness?.stop());

  it('is closed with 1008 past the queue bound; its waiting frames are dropped; other clients are still served', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const handled: string[] = [];
    let flooderId = '';
    harness = await startHarness({
      routes: {
        $default: async (event: MessageEvent) => {
          handled.push(event.requestContext.connectionId);
          // The flooder's handler is stuck, so its frames can only pile up.
          if (event.requestContext.connectionId === flooderId) await held;
          return { statusCode: 200 };
        },
      },
    });
    const flooder = await harness.connect();
    flooderId = flooder.connectionId;
    const other = await harness.connect();

    for (let i = 0; i < OVERFLOW; i += 1) flooder.send(`frame ${i}`);
    const closed = await flooder.closed;
    other.send(PING);
    const reply = await other.receivedJson(1);
    release();
    await harness.disconnectOf(flooder.connectionId);

    expect(closed.code).toBe(1008);
    expect((await harness.disconnectOf(flooder.connectionId)).requestContext.disconnectStatusCode).toBe(1008);
    // At most the one frame that had reached its handler before the flood was noticed.
    expect(handled.filter((id) => id === flooder.connectionId).length).toBeLessThanOrEqual(1);
    expect(reply).toEqual([{ type: 'pong', version: 1 }]);
  });

  it('handles every frame of a burst within the bound', async () => {
    harness = await startHarness();
    const client = await harness.connect();

    for (let i = 0; i < MAX_QUEUED_FRAMES_PER_CONNECTION; i += 1) client.send(PING);

    expect(await client.received(MAX_QUEUED_FRAMES_PER_CONNECTION, 20_000)).toHaveLength(MAX_QUEUED_FRAMES_PER_CONNECTION);
    expect(client.socket.readyState).toBe(client.socket.OPEN);
  });

  it("refuses a principal's connection past its limit with 429, and admits one again once one closed", async () => {
    harness = await startHarness({ maxConnectionsPerPrincipal: 2 });
    const first = await harness.connect();
    await harness.connect();
    const url = `${harness.address.url}?token=good`;

    const refused = await handshakeStatus(url);
    first.socket.close();
    await harness.disconnectOf(first.connectionId);
    const admitted = await handshakeStatus(url);

    expect(refused.status).toBe(429);
    expect(admitted.status).toBe(101);
  });
});

describe('a flood against the local doorbell', () => {
  let doorbell: RunningLocalDoorbell;
  beforeAll(async () => {
    doorbell = await startLocalDoorbell({ port: 0, telemetry: SILENT_TELEMETRY });
  });
  afterAll(() => doorbell?.stop());

  it('closes the flooding device with 1008 while another device is still answered', async () => {
    const flooder = await SocketDevice.open(doorbell.webSocketUrl, await deviceToken(doorbell, 'resident', 'Flooder'));
    const phone = await SocketDevice.open(doorbell.webSocketUrl, await deviceToken(doorbell, 'resident', 'Phone'));
    const closed = flooder.closed();

    // Sent in one go: the frames reach the server far faster than pings are answered.
    for (let i = 0; i < 20 * MAX_QUEUED_FRAMES_PER_CONNECTION; i += 1) flooder.send(PING);
    phone.send(PING);

    expect(await closed).toBe(1008);
    expect(await phone.next((message) => message.type === 'pong')).toEqual({ type: 'pong', version: 1 });
    expect(flooder.messages.length).toBeLessThan(20 * MAX_QUEUED_FRAMES_PER_CONNECTION);
    phone.socket.close();
  });

  it(`lets one device hold ${MAX_CONNECTIONS_PER_DEVICE} live connections and refuses the next with 429`, async () => {
    const token = await deviceToken(doorbell, 'resident', 'Tabs');
    const open = () => SocketDevice.open(doorbell.webSocketUrl, token);
    const tabs = await Promise.all(Array.from({ length: MAX_CONNECTIONS_PER_DEVICE }, open));

    await expect(SocketDevice.open(doorbell.webSocketUrl, token)).rejects.toThrow('refused 429');
    const otherDevice = await SocketDevice.open(doorbell.webSocketUrl, await deviceToken(doorbell, 'resident', 'Other'));

    expect(otherDevice.socket.readyState).toBe(otherDevice.socket.OPEN);
    [...tabs, otherDevice].forEach((device) => device.socket.close());
  });

  it('stops while a device is flooding it', async () => {
    const flooding = await startLocalDoorbell({ port: 0, telemetry: SILENT_TELEMETRY });
    const flooder = await SocketDevice.open(flooding.webSocketUrl, await deviceToken(flooding, 'resident', 'Flooder'));
    const closed = flooder.closed();
    // Keeps the queue just under its bound, so the connection stays open until the doorbell stops.
    const burst = () => {
      for (let i = 0; i < MAX_QUEUED_FRAMES_PER_CONNECTION / 2; i += 1) flooder.send(PING);
    };
    burst();
    await flooder.next((message) => message.type === 'pong');
    burst();

    await flooding.stop();

    expect(await closed).toBeGreaterThanOrEqual(1000);
  });
});

describe('doorbell start under a flood', () => {
  it(`exits on SIGTERM within ${SIGTERM_GRACE_MS / 1000} s while a device floods it`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'doorbell-flood-'));
    const args = [BIN, 'start', '--port', '0', '--json', '--empty'];
    const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      let stdout = '';
      const started = await new Promise<Record<string, string>>((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
          if (stdout.includes('\n')) resolve(JSON.parse(stdout.split('\n')[0] ?? '') as Record<string, string>);
        });
        void exited.then(() => reject(new Error('doorbell start exited before it printed its address')));
      });
      const flooder = await SocketDevice.open(started['webSocketUrl'] ?? '', started['residentToken']);
      for (let i = 0; i < MAX_QUEUED_FRAMES_PER_CONNECTION / 2; i += 1) flooder.send(PING);
      await flooder.next((message) => message.type === 'pong');
      for (let i = 0; i < 20 * MAX_QUEUED_FRAMES_PER_CONNECTION; i += 1) flooder.send(PING);

      child.kill('SIGTERM');
      const late = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), SIGTERM_GRACE_MS).unref());

      expect(await Promise.race([exited, late])).toEqual({ code: 0, signal: null });
    } finally {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
