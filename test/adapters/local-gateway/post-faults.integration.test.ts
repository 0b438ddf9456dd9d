import { LimitExceededException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiGatewayDeviceNotifier } from '../../../adapters/api-gateway/api-gateway-device-notifier';
import { LocalWebSocketGateway } from '../../../adapters/local-gateway/local-websocket-gateway';
import { connectionId } from '../../../domain/ids';
import { startHarness, type Harness } from './gateway-harness';

/** Injected faults on POST @connections: a delay per post and a share of 429s, through the real SDK client. */
let h: Harness | undefined;
afterEach(() => h?.stop());

const post = (harness: Harness, id: string) =>
  harness.client.send(new PostToConnectionCommand({ ConnectionId: id, Data: new TextEncoder().encode('hi') }));

describe('LocalWebSocketGateway postFaults', () => {
  it('answers 429 LimitExceededException to a throttled post and sends nothing', async () => {
    // Arrange
    h = await startHarness({ postFaults: { throttleRate: 1 } });
    const client = await h.connect();

    // Act
    const attempt = post(h, client.connectionId);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(LimitExceededException);
    await expect(attempt).rejects.toMatchObject({ $metadata: { httpStatusCode: 429 } });
    expect(client.frames).toEqual([]);
  });

  it('delays every post, then delivers it', async () => {
    // Arrange
    h = await startHarness({ postFaults: { delayMs: 60 } });
    const client = await h.connect();

    // Act
    const started = Date.now();
    await post(h, client.connectionId);

    // Assess
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(await client.received(1)).toEqual(['hi']);
  });

  it('throttles the share its random source says, which the notifier retries until delivered', async () => {
    // Arrange: the first draw throttles, the next passes.
    const draws = [0.1, 0.9];
    h = await startHarness({ postFaults: { throttleRate: 0.5, random: () => draws.shift() ?? 0.9 } });
    const client = await h.connect();
    const notifier = new ApiGatewayDeviceNotifier({ client: h.client, baseDelayMs: 1 });

    // Act
    const result = await notifier.push(connectionId(client.connectionId), { type: 'pong', version: 1 });

    // Assess
    expect(result).toBe('delivered');
    expect(draws).toEqual([]);
    expect(await client.received(1)).toHaveLength(1);
  });

  it('refuses a bad delay or rate at construction, naming it', () => {
    expect(() => new LocalWebSocketGateway({ routes: {}, postFaults: { delayMs: -1 } })).toThrow(/postFaults\.delayMs/);
    expect(() => new LocalWebSocketGateway({ routes: {}, postFaults: { throttleRate: 1.5 } })).toThrow(/postFaults\.throttleRate/);
  });
});
