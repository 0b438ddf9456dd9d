import { describe, expect, it } from 'vitest';
import type { DeviceRole } from '../../domain/device';
import { deviceId } from '../../domain/ids';
import { days, minutes } from '../../domain/time';
import { TOKENS } from '../../infrastructure/di/tokens';
import { HOME, inMemoryDoorbell, OTHER_HOME } from '../support/in-memory-doorbell';

async function issued(doorbell: ReturnType<typeof inMemoryDoorbell>, role: DeviceRole = 'resident', lifetime?: number) {
  const result = await doorbell
    .get(TOKENS.IssueDeviceToken)
    .execute({ householdId: HOME, role, name: 'Phone', ...(lifetime ? { lifetime } : {}) });
  if (result.kind !== 'issued') throw new Error(result.reason);
  return result;
}

describe('device tokens', () => {
  it('let a registered device connect as itself, in its household and role', async () => {
    const doorbell = inMemoryDoorbell();
    const { device, token } = await issued(doorbell, 'doorbell');

    const authorization = await doorbell.get(TOKENS.AuthorizeConnection).execute({ token });

    expect(authorization).toEqual({ kind: 'allowed', householdId: HOME, deviceId: device.id, role: 'doorbell' });
  });

  it.each([
    ['missing', undefined],
    ['missing', ''],
    ['invalid', 'not-a-token'],
    ['invalid', 'v1.e30.AAAA'],
  ])('are denied as %s for %j', async (reason, token) => {
    const doorbell = inMemoryDoorbell();
    expect(await doorbell.get(TOKENS.AuthorizeConnection).execute({ token })).toEqual({ kind: 'denied', reason });
  });

  it('are denied once expired, and not a moment before', async () => {
    const doorbell = inMemoryDoorbell();
    const { token } = await issued(doorbell, 'resident', days(1));
    const authorize = doorbell.get(TOKENS.AuthorizeConnection);

    doorbell.clock.advance(days(1) - 1);
    expect((await authorize.execute({ token })).kind).toBe('allowed');
    doorbell.clock.advance(1);
    expect(await authorize.execute({ token })).toEqual({ kind: 'denied', reason: 'expired' });
  });

  it('are denied after the device is revoked, and stay void when it is registered again', async () => {
    const doorbell = inMemoryDoorbell();
    const { device, token: oldToken } = await issued(doorbell);
    const authorize = doorbell.get(TOKENS.AuthorizeConnection);

    await doorbell.get(TOKENS.RevokeDevice).execute({ householdId: HOME, deviceId: device.id });
    expect(await authorize.execute({ token: oldToken })).toEqual({ kind: 'denied', reason: 'revoked' });

    const again = await doorbell
      .get(TOKENS.IssueDeviceToken)
      .execute({ householdId: HOME, role: 'resident', name: 'Phone', deviceId: device.id });
    if (again.kind !== 'issued') throw new Error(again.reason);
    expect(await authorize.execute({ token: oldToken })).toEqual({ kind: 'denied', reason: 'revoked' });
    expect((await authorize.execute({ token: again.token })).kind).toBe('allowed');
  });

  it('are denied for a device that is not registered (e.g. signed elsewhere with the same secret, or deleted)', async () => {
    const secret = 'shared-secret-shared-secret-shared!!';
    const issuer = inMemoryDoorbell({}, { tokenSecret: secret });
    const other = inMemoryDoorbell({}, { tokenSecret: secret });
    const { token } = await issued(issuer);

    expect(await other.get(TOKENS.AuthorizeConnection).execute({ token })).toEqual({ kind: 'denied', reason: 'unknown-device' });
  });

  it('are not accepted by a doorbell deployment with another secret', async () => {
    const { token } = await issued(inMemoryDoorbell());
    expect(await inMemoryDoorbell().get(TOKENS.AuthorizeConnection).execute({ token })).toEqual({ kind: 'denied', reason: 'invalid' });
  });

  it('refuse to be issued with a role the device does not have, or a bad lifetime', async () => {
    const doorbell = inMemoryDoorbell();
    const { device } = await issued(doorbell, 'resident');
    const issue = doorbell.get(TOKENS.IssueDeviceToken);
    expect((await issue.execute({ householdId: HOME, role: 'doorbell', name: 'Phone', deviceId: device.id })).kind).toBe('rejected');
    expect((await issue.execute({ householdId: HOME, role: 'resident', name: 'Phone', lifetime: -minutes(1) })).kind).toBe('rejected');
  });

  it("give a doorbell a door apart from its name; a re-issued token keeps it; a resident can't have one", async () => {
    const doorbell = inMemoryDoorbell();
    const issue = doorbell.get(TOKENS.IssueDeviceToken);

    const doorPage = await issue.execute({ householdId: HOME, role: 'doorbell', name: 'Door page', door: '  back   door ' });
    const plain = await issue.execute({ householdId: HOME, role: 'doorbell', name: 'front door' });
    expect(doorPage).toMatchObject({ kind: 'issued', device: { name: 'Door page', door: 'back door' } });
    expect(plain).toMatchObject({ kind: 'issued', device: { name: 'front door' } });
    expect(plain.kind === 'issued' && plain.device).not.toHaveProperty('door');

    // A new token for the same device, without --door, keeps where it hangs; with one, moves it.
    const id = doorPage.kind === 'issued' ? doorPage.device.id : deviceId('missing');
    expect(await issue.execute({ householdId: HOME, role: 'doorbell', name: 'Door page', deviceId: id })).toMatchObject({
      device: { door: 'back door' },
    });
    expect(
      await issue.execute({ householdId: HOME, role: 'doorbell', name: 'Door page', deviceId: id, door: 'garden gate' }),
    ).toMatchObject({
      device: { door: 'garden gate' },
    });
    expect(await doorbell.get(TOKENS.DeviceRepository).get(HOME, id)).toMatchObject({ door: 'garden gate' });

    expect(await issue.execute({ householdId: HOME, role: 'resident', name: 'Phone', door: 'front door' })).toEqual({
      kind: 'rejected',
      reason: 'only a doorbell has a door',
    });
    for (const door of ['', '   ', 'x'.repeat(65), 'front\u0000door']) {
      expect(await issue.execute({ householdId: HOME, role: 'doorbell', name: 'Door page', door })).toMatchObject({ kind: 'rejected' });
    }
  });

  it('name one household only: a token of one never authorizes a device of another', async () => {
    const doorbell = inMemoryDoorbell();
    const mine = await issued(doorbell);
    await doorbell
      .get(TOKENS.IssueDeviceToken)
      .execute({ householdId: OTHER_HOME, role: 'resident', name: 'Phone', deviceId: deviceId(mine.device.id) });

    const authorization = await doorbell.get(TOKENS.AuthorizeConnection).execute({ token: mine.token });

    expect(authorization).toMatchObject({ kind: 'allowed', householdId: HOME });
  });
});
