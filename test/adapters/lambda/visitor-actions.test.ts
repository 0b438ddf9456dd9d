import { describe, expect, it } from 'vitest';
import type { DeviceRole } from '../../../domain/device';
import type { VisitorsMessage } from '../../../domain/protocol/server-messages';
import { TOKENS } from '../../../infrastructure/di/tokens';
import { HOME, inMemoryDoorbell } from '../../support/in-memory-doorbell';
import { inMemoryMessageHandler } from '../../support/in-memory-message-handler';
import { sample } from '../../support/sample-photos';
import { recordingTelemetry } from './recording-telemetry';
import { sent } from './websocket-fixtures';

/** The message handler with the visitor use cases, as on-message and the local doorbell wire it. */
async function setUp(role: DeviceRole = 'resident', options: { withVisitors: boolean } = { withVisitors: true }) {
  const doorbell = inMemoryDoorbell();
  const get = doorbell.get;
  const handler = inMemoryMessageHandler(doorbell, recordingTelemetry().telemetry, options);
  const sender = await doorbell.connect(HOME, role, role === 'doorbell' ? 'front door' : 'Dashboard');
  const identity = { householdId: HOME, deviceId: sender.device.id, role };
  const say = async (message: unknown) => {
    const before = sender.received().length;
    const response = await handler(sent(sender.connectionId, identity, message));
    return { response, replies: sender.received().slice(before) };
  };
  const visitors = () => get(TOKENS.ListVisitors).execute({ householdId: HOME });
  const enrollAlice = () =>
    get(TOKENS.Enroll).execute({ householdId: HOME, name: 'Alice', trusted: true, photos: [sample('alice-1.jpg')] });
  return { say, visitors, enrollAlice };
}

const base64 = (name: string) => Buffer.from(sample(name)).toString('base64');
const error = (code: string, message: unknown = expect.any(String)) => ({ type: 'error', version: 1, code, message });

describe('the visitor actions of resident devices', () => {
  it('lists the household visitors without their face ids', async () => {
    const { say, enrollAlice } = await setUp();
    await enrollAlice();

    const { response, replies } = await say({ action: 'visitors' });

    expect(response).toEqual({ statusCode: 200 });
    expect(replies).toEqual([
      {
        type: 'visitors',
        version: 1,
        visitors: [{ visitorId: expect.any(String), name: 'Alice', trusted: true, faces: 1, enrolledAt: expect.stringMatching(/Z$/) }],
      },
    ]);
  });

  it('enrolls a new visitor from a base64 photo and answers with the list and what changed', async () => {
    const { say, visitors } = await setUp();

    const { replies } = await say({ action: 'enroll', name: ' Bob ', trusted: false, photos: [base64('bob.jpg')] });

    const reply = replies[0] as VisitorsMessage;
    expect(replies).toHaveLength(1);
    expect(reply.change).toEqual({ kind: 'enrolled', name: 'Bob', created: true, photos: ['indexed'] });
    expect(reply.visitors.map((visitor) => visitor.name)).toEqual(['Bob']);
    expect(await visitors()).toEqual([expect.objectContaining({ name: 'Bob', trusted: false, faceIds: [expect.any(String)] })]);
  });

  it('adds photos to a visitor enrolled before (one photo per frame)', async () => {
    const { say, enrollAlice, visitors } = await setUp();
    await enrollAlice();

    const { replies } = await say({ action: 'enroll', name: 'alice', photos: [base64('alice-2.jpg')] });

    expect((replies[0] as VisitorsMessage).change).toEqual({ kind: 'enrolled', name: 'Alice', created: false, photos: ['indexed'] });
    expect(await visitors()).toEqual([expect.objectContaining({ name: 'Alice', trusted: true })]);
  });

  it('refuses a photo without a face, creating nobody', async () => {
    const { say, visitors } = await setUp();

    const { response, replies } = await say({ action: 'enroll', name: 'Parcel', photos: [base64('empty-porch.jpg')] });

    expect(response).toEqual({ statusCode: 200 });
    expect(replies).toEqual([error('bad-request', expect.stringContaining('no face'))]);
    expect(await visitors()).toEqual([]);
  });

  it.each([
    ['an empty name', { action: 'enroll', name: '   ', photos: [base64('bob.jpg')] }],
    ['no photo', { action: 'enroll', name: 'Bob', photos: [] }],
    ['a photo that is not base64', { action: 'enroll', name: 'Bob', photos: ['not base64!'] }],
    ['an unknown field', { action: 'enroll', name: 'Bob', photos: [base64('bob.jpg')], admin: true }],
    ['a forget without a name', { action: 'forget' }],
  ])('answers bad-request to %s, changing nothing', async (_case, message) => {
    const { say, visitors } = await setUp();

    expect((await say(message)).replies).toEqual([error('bad-request')]);
    expect(await visitors()).toEqual([]);
  });

  it('forgets a visitor by name and answers with the list without them', async () => {
    const { say, enrollAlice, visitors } = await setUp();
    await enrollAlice();

    const { replies } = await say({ action: 'forget', name: 'ALICE' });

    expect(replies).toEqual([{ type: 'visitors', version: 1, visitors: [], change: { kind: 'forgotten', name: 'Alice' } }]);
    expect(await visitors()).toEqual([]);
  });

  it('answers not-found to forgetting someone unknown', async () => {
    const { say } = await setUp();
    expect((await say({ action: 'forget', name: 'Nobody' })).replies).toEqual([error('not-found')]);
  });

  it('refuses a doorbell device: a camera on the porch must not teach or forget faces', async () => {
    const { say, enrollAlice, visitors } = await setUp('doorbell');
    await enrollAlice();

    for (const message of [
      { action: 'visitors' },
      { action: 'enroll', name: 'Mallory', photos: [base64('stranger.jpg')] },
      { action: 'forget', name: 'Alice' },
    ]) {
      expect((await say(message)).replies).toEqual([error('forbidden')]);
    }
    expect((await visitors()).map((visitor) => visitor.name)).toEqual(['Alice']);
  });

  it('answers unknown-action where the visitor use cases are not wired', async () => {
    const { say } = await setUp('resident', { withVisitors: false });
    expect((await say({ action: 'visitors' })).replies).toEqual([error('unknown-action')]);
  });
});
