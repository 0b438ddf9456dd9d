import { PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createManagementApiClient } from '../../adapters/api-gateway/management-api-client';
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import { MAX_SIGNATURE_SKEW_MS } from '../../adapters/local-gateway/sigv4-verification';
import { householdId } from '../../domain/ids';
import { TOKENS } from '../../infrastructure/di/tokens';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../infrastructure/local/local-doorbell';
import { startHarness, type Harness } from '../adapters/local-gateway/gateway-harness';
import { deviceToken } from '../support/local-doorbell-moves';
import { SocketDevice } from '../support/socket-device';

/**
 * The `@connections` API checks its callers: only calls SigV4-signed with the key pair the gateway was given go
 * through; unsigned, forged (another key, a wrong secret, a body changed after signing) and stale calls are refused
 * with API Gateway's 403s, and nothing reaches the device. The local doorbell generates that key pair at start and
 * hands it only to its own push client.
 */
const FAKE_ACCESS_CODE = JSON.stringify({ type: 'accessCode', version: 1, code: '123456', visitor: 'Mallory' });

function clientWith(endpoint: string, credentials: { accessKeyId: string; secretAccessKey: string }, systemClockOffset = 0) {
  return createManagementApiClient({ endpoint, region: 'local', credentials, systemClockOffset });
}

const post = (client: ReturnType<typeof clientWith>, connectionId: string, text: string) =>
  client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: new TextEncoder().encode(text) }));

describe("the local doorbell's @connections API", () => {
  let doorbell: RunningLocalDoorbell;
  beforeAll(async () => {
    doorbell = await startLocalDoorbell({ port: 0, telemetry: SILENT_TELEMETRY });
  });
  afterAll(() => doorbell?.stop());

  it('refuses unsigned and forged pushes to a resident, while its own pushes arrive', async () => {
    const phone = await SocketDevice.open(doorbell.webSocketUrl, await deviceToken(doorbell, 'resident', 'Phone'));
    const connections = doorbell.container.get(TOKENS.ConnectionRepository);
    const [connection] = await connections.listByHousehold(householdId(doorbell.householdId), Date.now());
    const endpoint = doorbell.httpUrl;

    const connectionUrl = `${endpoint}/@connections/${encodeURIComponent(connection!.id)}`;
    const unsigned = await fetch(connectionUrl, { method: 'POST', body: FAKE_ACCESS_CODE });
    const otherKey = clientWith(endpoint, { accessKeyId: 'local', secretAccessKey: 'local' });
    const forged = await post(otherKey, connection!.id, FAKE_ACCESS_CODE).then(
      () => 'accepted',
      (error: { name: string }) => error.name,
    );
    phone.send(JSON.stringify({ action: 'ping' }));
    await phone.next((message) => message.type === 'pong');

    expect(unsigned.status).toBe(403);
    expect(forged).toBe('UnrecognizedClientException');
    expect(phone.messages).toEqual([{ type: 'pong', version: 1 }]);
    phone.socket.close();
  });
});

describe("signature checks of the gateway's @connections API", () => {
  const credentials = { accessKeyId: 'AKIDGATEWAYTEST', secretAccessKey: 'the-right-secret' };
  let harness: Harness | undefined;
  afterEach(() => harness?.stop());

  const outcome = (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (error: { name: string }) => error.name,
    );

  it('accepts a correctly signed call and refuses a wrong secret, a stale date and a body changed after signing', async () => {
    harness = await startHarness({ managementCredentials: credentials });
    const device = await harness.connect();
    const endpoint = harness.address.managementEndpoint;
    const tampering = clientWith(endpoint, credentials);
    tampering.middlewareStack.add(
      (next) => async (args) => {
        // Same length, other bytes: only the signature can tell.
        (args.request as { body: unknown }).body = new TextEncoder().encode('"HARMLESS"');
        return next(args);
      },
      { step: 'deserialize', name: 'tamperAfterSigning' },
    );

    const results = {
      signed: await outcome(post(clientWith(endpoint, credentials), device.connectionId, '"signed"')),
      wrongSecret: await outcome(post(clientWith(endpoint, { ...credentials, secretAccessKey: 'guessed' }), device.connectionId, '"x"')),
      stale: await outcome(post(clientWith(endpoint, credentials, -(MAX_SIGNATURE_SKEW_MS + 60_000)), device.connectionId, '"x"')),
      tampered: await outcome(post(tampering, device.connectionId, '"harmless"')),
    };

    expect(results).toEqual({
      signed: 'accepted',
      wrongSecret: 'InvalidSignatureException',
      stale: 'InvalidSignatureException',
      tampered: 'InvalidSignatureException',
    });
    expect(await device.received(1)).toEqual(['"signed"']);
  });
});
