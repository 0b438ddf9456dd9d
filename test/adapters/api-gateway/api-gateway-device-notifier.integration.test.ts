import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiGatewayDeviceNotifier, type ApiGatewayDeviceNotifierOptions } from '../../../adapters/api-gateway/api-gateway-device-notifier';
import { NotificationError } from '../../../domain/errors';
import type { ConnectionId } from '../../../domain/ids';
import { errorMessage, pongMessage, type ServerMessage } from '../../../domain/protocol/server-messages';
import { deviceNotifierContract } from '../../contracts/device-notifier.contract';
import { FakeManagementApi } from '../../support/fake-management-api';

let api: FakeManagementApi;
beforeAll(async () => {
  api = await FakeManagementApi.start();
});
afterAll(() => api.close());

/** The real SDK client over HTTP; its own retries off, as the notifier owns them. */
const clientOf = (endpoint: string): ApiGatewayManagementApiClient =>
  new ApiGatewayManagementApiClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });

/** Sleeps recorded, never waited for. */
function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

const notifierWith = (options: Partial<ApiGatewayDeviceNotifierOptions> = {}) =>
  new ApiGatewayDeviceNotifier({ client: clientOf(api.endpoint), sleep: async () => {}, ...options });

const connectDevice = (): ConnectionId => api.connect() as ConnectionId;
const postsTo = (id: string) => api.calls.filter((call) => call.method === 'POST' && call.connectionId === id);

/** An error message whose JSON is exactly `bytes` long (ASCII padding). */
function messageOfBytes(bytes: number): ServerMessage {
  const overhead = JSON.stringify(errorMessage('bad-request', '')).length;
  return errorMessage('bad-request', 'x'.repeat(bytes - overhead));
}

deviceNotifierContract('API Gateway Management API (loopback)', async () => {
  const notifier = notifierWith();
  return {
    notifier,
    connectDevice: async () => {
      const connectionId = connectDevice();
      return {
        connectionId,
        receive: async () => api.received(connectionId) as ServerMessage[],
        vanish: async () => api.vanish(connectionId),
      };
    },
  };
});

describe('ApiGatewayDeviceNotifier', () => {
  it.each([
    ['an empty body', ''],
    ['an HTML body', '<html><body>410 Gone</body></html>'],
  ])("answers 'gone' for a 410 without GoneException's name, as a proxy sends it (%s)", async (_name, body) => {
    // Arrange
    const id = connectDevice();
    api.failNext(id, 1, { status: 410, body });

    // Act
    const result = await notifierWith().push(id, pongMessage());

    // Assess
    expect(result).toBe('gone');
    expect(postsTo(id)).toHaveLength(1);
  });

  it('retries a throttled push with jittered, exponentially capped delays until it is delivered', async () => {
    // Arrange
    const id = connectDevice();
    api.failNext(id, 2);
    const { sleep, delays } = recordingSleep();
    const notifier = notifierWith({ sleep, baseDelayMs: 100, random: () => 0.75 });

    // Act
    const result = await notifier.push(id, pongMessage());

    // Assess
    expect(result).toBe('delivered');
    expect(postsTo(id).map((call) => call.status)).toEqual([429, 429, 200]);
    expect(delays).toEqual([75, 150]);
    expect(api.received(id)).toEqual([pongMessage()]);
  });

  it('keeps every jittered delay within its exponential cap', async () => {
    // Arrange
    const id = connectDevice();
    api.failNext(id, 5);
    const { sleep, delays } = recordingSleep();
    const randoms = [0.999, 0, 0.5, 0.999];
    const notifier = notifierWith({ sleep, maxAttempts: 5, baseDelayMs: 40, random: () => randoms.shift() ?? 0 });

    // Act
    await notifier.push(id, pongMessage()).catch(() => undefined);

    // Assess
    expect(delays).toHaveLength(4);
    delays.forEach((ms, retry) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThanOrEqual(40 * 2 ** retry);
    });
    expect(delays).toEqual([39, 0, 80, 319]);
  });

  it('retries ThrottlingException like LimitExceededException', async () => {
    // Arrange
    const id = connectDevice();
    api.failNext(id, 1, { status: 429, type: 'ThrottlingException' });

    // Act
    const result = await notifierWith().push(id, pongMessage());

    // Assess
    expect(result).toBe('delivered');
    expect(postsTo(id)).toHaveLength(2);
  });

  it('gives up with a NotificationError saying it was throttled, after exactly maxAttempts posts', async () => {
    // Arrange
    const id = connectDevice();
    api.failNext(id, 100);
    const { sleep, delays } = recordingSleep();

    // Act
    const push = notifierWith({ sleep, maxAttempts: 3 }).push(id, pongMessage());

    // Assess
    await expect(push).rejects.toThrow(NotificationError);
    await expect(push).rejects.toThrow(/throttled .* 3 attempts .*LimitExceededException \(HTTP 429\)/);
    expect(postsTo(id)).toHaveLength(3);
    expect(delays).toHaveLength(2);
    expect(api.received(id)).toEqual([]);
  });

  it('defaults to 4 attempts', async () => {
    // Arrange
    const id = connectDevice();
    api.failNext(id, 100);

    // Act
    await notifierWith()
      .push(id, pongMessage())
      .catch(() => undefined);

    // Assess
    expect(postsTo(id)).toHaveLength(4);
  });

  it('rejects with a NotificationError naming the 128 KB limit when API Gateway answers 413', async () => {
    // Arrange
    const id = connectDevice();
    api.failNext(id, 1, { status: 413, type: 'PayloadTooLargeException', body: '{"message":"Message too long"}' });

    // Act
    const push = notifierWith().push(id, pongMessage());

    // Assess
    await expect(push).rejects.toThrow(NotificationError);
    await expect(push).rejects.toThrow(/128 KB/);
    expect(postsTo(id)).toHaveLength(1);
  });

  it('refuses a message over 128 KiB of UTF-8 without any request, even when its string is shorter', async () => {
    // Arrange
    const id = connectDevice();
    const multibyte = errorMessage('bad-request', 'é'.repeat(70_000)); // 70,000 characters, 140,000 bytes
    const callsBefore = api.calls.length;

    // Act
    const pushes = [notifierWith().push(id, multibyte), notifierWith().push(id, messageOfBytes(128 * 1024 + 1))];

    // Assess
    for (const push of pushes) {
      await expect(push).rejects.toThrow(NotificationError);
      await expect(push).rejects.toThrow(/128 KB/);
    }
    expect(api.calls.length).toBe(callsBefore);
  });

  it('delivers a message of exactly 128 KiB, which API Gateway accepts', async () => {
    // Arrange
    const id = connectDevice();
    const message = messageOfBytes(128 * 1024);

    // Act
    const result = await notifierWith().push(id, message);

    // Assess
    expect(result).toBe('delivered');
    expect(api.received(id)).toEqual([message]);
  });

  it.each([
    [
      '500 InternalServerErrorException',
      { status: 500, type: 'InternalServerErrorException' },
      /InternalServerErrorException \(HTTP 500\)/,
    ],
    [
      '403 ForbiddenException',
      { status: 403, type: 'ForbiddenException', body: '{"message":"Forbidden"}' },
      /ForbiddenException \(HTTP 403\): Forbidden/,
    ],
    ['502 from a proxy, not JSON', { status: 502, body: '<html>Bad Gateway</html>' }, /HTTP 502/],
  ])('rejects with a NotificationError carrying the cause on %s, without retrying', async (_name, fault, reason) => {
    // Arrange
    const id = connectDevice();
    api.failNext(id, 1, fault);

    // Act
    const push = notifierWith().push(id, pongMessage());

    // Assess
    const error = await push.then(
      () => expect.unreachable('push resolved'),
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(NotificationError);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).cause).toBeDefined();
    expect(postsTo(id)).toHaveLength(1);
  });

  it('rejects with a NotificationError when API Gateway cannot be reached', async () => {
    // Arrange: a port nothing listens on any more.
    const closed = await FakeManagementApi.start();
    await closed.close();
    const notifier = new ApiGatewayDeviceNotifier({ client: clientOf(closed.endpoint), sleep: async () => {} });

    // Act
    const push = notifier.push('L0SM9cOFvHcCIhw=' as ConnectionId, pongMessage());

    // Assess
    await expect(push).rejects.toThrow(NotificationError);
    await expect(push).rejects.toHaveProperty('cause.code', 'ECONNREFUSED');
  });

  it.each(['L0SM9cOFvHcCIhw=', 'a+b/c=d==', 'ü ?#%&'])(
    "round-trips the connection id %j through the SDK's percent-encoding",
    async (raw) => {
      // Arrange
      const id = api.connect(raw) as ConnectionId;

      // Act
      const result = await notifierWith().push(id, pongMessage());

      // Assess
      expect(result).toBe('delivered');
      expect(api.received(raw)).toEqual([pongMessage()]);
      expect(postsTo(raw).at(-1)?.connectionId).toBe(raw);
    },
  );

  it('delivers many concurrent pushes to distinct connections', async () => {
    // Arrange
    const ids = Array.from({ length: 64 }, connectDevice);
    const notifier = notifierWith();

    // Act
    const results = await Promise.all(ids.map((id, n) => notifier.push(id, errorMessage('bad-request', `to ${n}`))));

    // Assess
    expect(results.every((result) => result === 'delivered')).toBe(true);
    ids.forEach((id, n) => expect(api.received(id)).toEqual([errorMessage('bad-request', `to ${n}`)]));
  });

  it.each([0, 1.5, -1, Number.NaN])('refuses maxAttempts %s at construction', (maxAttempts) => {
    expect(() => notifierWith({ maxAttempts })).toThrow(/maxAttempts/);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses baseDelayMs %s at construction', (baseDelayMs) => {
    expect(() => notifierWith({ baseDelayMs })).toThrow(/baseDelayMs/);
  });
});
