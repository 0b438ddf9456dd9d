import { describe, expect, it } from 'vitest';
import { makeAuthorizerHandler } from '../../../adapters/lambda/authorizer-handler';
import type { DeviceRole } from '../../../domain/device';
import { deviceId } from '../../../domain/ids';
import { days } from '../../../domain/time';
import { TOKENS } from '../../../infrastructure/di/tokens';
import { T0 } from '../../support/builders';
import { HOME, inMemoryDoorbell } from '../../support/in-memory-doorbell';
import { signDayToken } from '../../support/sign-day-token';
import { recordingTelemetry } from './recording-telemetry';
import { authorizerRequest, fixture } from './websocket-fixtures';

const SECRET = 'the-deployment-secret-of-at-least-32-bytes';
const METHOD_ARN = fixture('authorizer-request')['methodArn'] as string;

function setUp() {
  const doorbell = inMemoryDoorbell({}, { tokenSecret: SECRET });
  const recording = recordingTelemetry();
  const handler = makeAuthorizerHandler({ authorize: doorbell.get(TOKENS.AuthorizeConnection), telemetry: recording.telemetry });
  const issue = async (role: DeviceRole = 'resident', lifetime = days(30)) => {
    const result = await doorbell.get(TOKENS.IssueDeviceToken).execute({ householdId: HOME, role, name: 'Phone', lifetime });
    if (result.kind !== 'issued') throw new Error(result.reason);
    return result;
  };
  return { doorbell, recording, handler, issue };
}

const deny = {
  principalId: 'denied',
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: METHOD_ARN }] },
};

describe('the $connect authorizer', () => {
  it('allows a valid token: Allow on the method ARN, the device as principal, its identity as context', async () => {
    const { handler, issue, recording } = setUp();
    const { device, token } = await issue('doorbell');

    const result = await handler(authorizerRequest(token));

    expect(result).toEqual({
      principalId: device.id,
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: METHOD_ARN }] },
      context: { householdId: HOME, deviceId: device.id, role: 'doorbell' },
    });
    expect(recording.total('ConnectionsAllowed')).toBe(1);
    expect(recording.text()).not.toContain(token);
  });

  it.each([
    ['no query string', undefined],
    ['an empty token', ''],
  ])('answers 401 (throws "Unauthorized") for %s', async (_, token) => {
    const { handler, recording } = setUp();

    await expect(handler(authorizerRequest(token))).rejects.toThrow(/^Unauthorized$/);
    expect(recording.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ reason: 'missing' }) }),
    );
  });

  it('answers 401 for an event that is not an authorizer request (no method ARN to name in a policy)', async () => {
    const { handler } = setUp();
    const event = authorizerRequest('whatever');
    delete event['methodArn'];

    await expect(handler(event)).rejects.toThrow('Unauthorized');
  });

  it('denies a malformed token', async () => {
    const { handler, recording } = setUp();
    const token = 'not-a-token-at-all';

    expect(await handler(authorizerRequest(token))).toEqual(deny);
    expect(recording.logs).toContainEqual(expect.objectContaining({ fields: expect.objectContaining({ reason: 'invalid' }) }));
    expect(recording.text()).not.toContain(token);
  });

  it('denies a token whose payload was changed (tampered)', async () => {
    const { handler, issue } = setUp();
    const { token } = await issue();
    const [version, , signature] = token.split('.');
    const payload = { h: HOME, d: 'someone-else', r: 'doorbell', iat: T0, exp: T0 + days(1) };
    const forged = `${version}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;

    expect(await handler(authorizerRequest(forged))).toEqual(deny);
  });

  it('denies a token signed with another secret', async () => {
    const { handler, issue, recording } = setUp();
    const { device } = await issue();
    const token = await signDayToken('another-deployment-secret-of-32-bytes!', {
      householdId: HOME,
      deviceId: device.id,
      role: 'resident',
      issuedAt: T0,
    });

    expect(await handler(authorizerRequest(token))).toEqual(deny);
    expect(recording.text()).not.toContain(token);
  });

  it('denies an expired token', async () => {
    const { handler, issue, doorbell, recording } = setUp();
    const { token } = await issue('resident', days(1));
    doorbell.clock.advance(days(1));

    expect(await handler(authorizerRequest(token))).toEqual(deny);
    expect(recording.logs).toContainEqual(expect.objectContaining({ fields: expect.objectContaining({ reason: 'expired' }) }));
    expect(recording.text()).not.toContain(token);
  });

  it('denies the token of a revoked device', async () => {
    const { handler, issue, doorbell, recording } = setUp();
    const { device, token } = await issue();
    await doorbell.get(TOKENS.RevokeDevice).execute({ householdId: HOME, deviceId: device.id });

    expect(await handler(authorizerRequest(token))).toEqual(deny);
    expect(recording.logs).toContainEqual(expect.objectContaining({ fields: expect.objectContaining({ reason: 'revoked' }) }));
    expect(recording.counts).toContainEqual({ metric: 'ConnectionsDenied', value: 1, dimensions: { reason: 'revoked' } });
    expect(recording.text()).not.toContain(token);
  });

  it('denies a well-signed token of a device that is not registered', async () => {
    const { handler, recording } = setUp();
    const token = await signDayToken(SECRET, { householdId: HOME, deviceId: deviceId('ghost'), role: 'resident', issuedAt: T0 });

    expect(await handler(authorizerRequest(token))).toEqual(deny);
    expect(recording.logs).toContainEqual(expect.objectContaining({ fields: expect.objectContaining({ reason: 'unknown-device' }) }));
  });
});
