import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HmacTokenSigner } from '../../adapters/crypto/hmac-token-signer';
import { ManualClock } from '../../adapters/in-memory/manual-clock';
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import { deviceId, householdId } from '../../domain/ids';
import { days, hours } from '../../domain/time';
import { TOKENS } from '../../infrastructure/di/tokens';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../infrastructure/local/local-doorbell';
import { deviceToken } from '../support/local-doorbell-moves';
import { SocketDevice } from '../support/socket-device';

/**
 * Device tokens at the front door: the local doorbell over real sockets (the local gateway runs the authorizer
 * and $connect handlers as API Gateway does). Every refused token is refused at the handshake — 401 without one,
 * 403 otherwise — and no connection is stored, in this household or the one a token was rewritten to name.
 */
const OTHER_HOUSEHOLD = householdId('home-next-door');

let doorbell: RunningLocalDoorbell;
const clock = new ManualClock(Date.now());
/** Admitted devices stay connected until the end, so that no $disconnect changes the count a test compares. */
const admitted: SocketDevice[] = [];

beforeAll(async () => {
  doorbell = await startLocalDoorbell({ port: 0, telemetry: SILENT_TELEMETRY, clock });
});
afterAll(async () => {
  admitted.forEach((device) => device.socket.close());
  await doorbell?.stop();
});

async function storedConnections(): Promise<number> {
  const connections = doorbell.container.get(TOKENS.ConnectionRepository);
  const lists = await Promise.all(
    [householdId(doorbell.householdId), OTHER_HOUSEHOLD].map((home) => connections.listByHousehold(home, clock.now())),
  );
  return lists.flat().length;
}

/** The handshake's outcome: 'open', or the HTTP status that refused it. */
async function handshake(token?: string): Promise<'open' | string> {
  try {
    admitted.push(await SocketDevice.open(doorbell.webSocketUrl, token));
    return 'open';
  } catch (error) {
    return String((error as Error).message).replace('refused ', '');
  }
}

/** The token with one character changed in its payload (part 1) or its signature (part 2), mid-way. */
function flipped(token: string, part: 1 | 2): string {
  const parts = token.split('.');
  const text = parts[part]!;
  const at = Math.floor(text.length / 2);
  parts[part] = `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
  return parts.join('.');
}

/** The claims a token carries in its payload (`h` household, `d` device, …), read without checking anything. */
function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The token's payload rewritten to name another household, its signature kept. */
function rewrittenToNameAnotherHousehold(token: string): string {
  const [version, , signature] = token.split('.');
  return [version, Buffer.from(JSON.stringify({ ...claimsOf(token), h: OTHER_HOUSEHOLD })).toString('base64url'), signature].join('.');
}

/** A token signed with another secret, as another deployment would, for a device registered here. */
async function anotherDeploymentsToken(): Promise<string> {
  const home = householdId(doorbell.householdId);
  const registered = await doorbell.container.get(TOKENS.RegisterDevice).execute({ householdId: home, role: 'resident', name: 'Phone' });
  if (registered.kind !== 'registered') throw new Error(registered.reason);
  const now = clock.now();
  const claims = { householdId: home, deviceId: registered.device.id, role: 'resident' as const, issuedAt: now, expiresAt: now + days(1) };
  return new HmacTokenSigner('another-deployment-secret-of-32-bytes-or-more').sign(claims);
}

describe('device tokens at the handshake, over real sockets', () => {
  it('admit a valid token (the control: what the refusals below are measured against)', async () => {
    expect(await handshake(await deviceToken(doorbell, 'resident', 'Phone'))).toBe('open');
  });

  it.each([
    ['no token', async () => undefined, '401'],
    ['an empty token', async () => '', '401'],
    ['garbage', async () => 'not-a-token', '403'],
    ['a tampered payload (one character)', async () => flipped(await deviceToken(doorbell, 'resident', 'Phone'), 1), '403'],
    ['a tampered signature (one character)', async () => flipped(await deviceToken(doorbell, 'resident', 'Phone'), 2), '403'],
    [
      'a token rewritten to name another household',
      async () => rewrittenToNameAnotherHousehold(await deviceToken(doorbell, 'resident', 'Phone')),
      '403',
    ],
    ["another deployment's token (another secret) for a device of this household", anotherDeploymentsToken, '403'],
  ])('refuse %s (%#), storing no connection', async (_, token, status) => {
    const before = await storedConnections();

    expect(await handshake(await token())).toBe(status);

    expect(await storedConnections()).toBe(before);
  });

  it('refuse an expired token, admitted a moment before it expired', async () => {
    const token = await deviceToken(doorbell, 'resident', 'Phone', { lifetime: hours(1) });
    clock.advance(hours(1) - 1_000);
    expect(await handshake(token)).toBe('open');
    const before = await storedConnections();

    clock.advance(1_000);

    expect(await handshake(token)).toBe('403');
    expect(await storedConnections()).toBe(before);
  });

  it('refuse the token of a revoked device, admitted before the revocation', async () => {
    const token = await deviceToken(doorbell, 'resident', 'Tablet');
    expect(await handshake(token)).toBe('open');
    const before = await storedConnections();

    await doorbell.container
      .get(TOKENS.RevokeDevice)
      .execute({ householdId: householdId(doorbell.householdId), deviceId: deviceId(String(claimsOf(token)['d'])) });

    expect(await handshake(token)).toBe('403');
    expect(await storedConnections()).toBe(before);
  });
});
