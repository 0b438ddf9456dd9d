import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeMessageHandler } from '../../../adapters/lambda/message-handler';
import { DEVICE_ACTION_NAMES, DEVICE_ACTIONS, mayPerform, type DeviceAction } from '../../../domain/protocol/device-actions';
import type { DeviceRole } from '../../../domain/device';
import { TOKENS } from '../../../infrastructure/di/tokens';
import { ACTION_FRAMES } from '../../support/action-frames';
import { HOME, inMemoryDoorbell } from '../../support/in-memory-doorbell';
import { sample } from '../../support/sample-photos';
import { recordingTelemetry } from './recording-telemetry';
import { sent } from './websocket-fixtures';

const ROLES: readonly DeviceRole[] = ['resident', 'doorbell'];

/** A household with a ring of Alice's, Alice enrolled, and a resident named Sam: what a doorbell must never learn. */
async function household() {
  const doorbell = inMemoryDoorbell();
  const alice = await sample('alice-1.jpg');
  await doorbell.enroll(HOME, 'Alice', alice, true);
  const samsPhone = await doorbell.connect(HOME, 'resident', "Sam's phone");
  const camera = await doorbell.connect(HOME, 'doorbell', 'front door');
  await doorbell.ring(camera.device, await sample('alice-2.jpg'));
  const handler = makeMessageHandler({
    ringHistory: doorbell.get(TOKENS.RingHistory),
    requestUpload: doorbell.get(TOKENS.RequestUpload),
    answerRing: doorbell.get(TOKENS.AnswerRing),
    verifyAccessCode: doorbell.get(TOKENS.VerifyAccessCode),
    visitors: { listVisitors: doorbell.get(TOKENS.ListVisitors), enroll: doorbell.get(TOKENS.Enroll), forget: doorbell.get(TOKENS.Forget) },
    webhooks: {
      listWebhooks: doorbell.get(TOKENS.ListWebhooks),
      addWebhook: doorbell.get(TOKENS.AddWebhook),
      removeWebhook: doorbell.get(TOKENS.RemoveWebhook),
      enableWebhook: doorbell.get(TOKENS.EnableWebhook),
    },
    notifier: doorbell.notifier,
    telemetry: recordingTelemetry().telemetry,
  });
  const senders = { resident: samsPhone, doorbell: camera };
  /** Sends one frame as the role's device; its one reply. */
  const say = async (role: DeviceRole, frame: Record<string, unknown>) => {
    const sender = senders[role];
    const before = sender.received().length;
    await handler(sent(sender.connectionId, { householdId: HOME, deviceId: sender.device.id, role }, frame));
    const replies = sender.received().slice(before) as { type: string; code?: string; message?: string }[];
    expect(replies).toHaveLength(1);
    return replies[0]!;
  };
  return { doorbell, say };
}

describe('the roles table (domain/protocol/device-actions.ts), for every action and every role', () => {
  it('names every action of the protocol, each allowed to at least one role', () => {
    expect([...DEVICE_ACTION_NAMES].sort()).toEqual([
      'addWebhook',
      'answer',
      'enableWebhook',
      'enroll',
      'forget',
      'history',
      'ping',
      'removeWebhook',
      'requestUpload',
      'verifyCode',
      'visitors',
      'webhooks',
    ]);
    for (const action of DEVICE_ACTION_NAMES) expect(DEVICE_ACTIONS[action].length).toBeGreaterThan(0);
  });

  it('keeps history, visitors, answering and webhooks from doorbells, uploads and the keypad from residents', () => {
    const doorbellActions = DEVICE_ACTION_NAMES.filter((action) => mayPerform('doorbell', action));
    const residentActions = DEVICE_ACTION_NAMES.filter((action) => mayPerform('resident', action));
    expect(doorbellActions.sort()).toEqual(['ping', 'requestUpload', 'verifyCode']);
    expect(residentActions.sort()).toEqual([
      'addWebhook',
      'answer',
      'enableWebhook',
      'enroll',
      'forget',
      'history',
      'ping',
      'removeWebhook',
      'visitors',
      'webhooks',
    ]);
  });

  it('a refused action answers `forbidden`, reveals no one and changes nothing; an allowed one is never forbidden', async () => {
    const { doorbell, say } = await household();
    const visitorsBefore = await doorbell.get(TOKENS.ListVisitors).execute({ householdId: HOME });
    const webhooksBefore = await doorbell.get(TOKENS.ListWebhooks).execute({ householdId: HOME });
    const frames = fc
      .constantFrom(...DEVICE_ACTION_NAMES)
      .chain((action: DeviceAction) => ACTION_FRAMES[action].map((frame) => ({ action, frame })));

    await fc.assert(
      fc.asyncProperty(frames, fc.constantFrom(...ROLES), async ({ action, frame }, role) => {
        const reply = await say(role, frame);

        if (mayPerform(role, action)) {
          expect(reply.code).not.toBe('forbidden');
          expect(reply.code).not.toBe('unknown-action');
        } else {
          expect(reply).toMatchObject({ type: 'error', code: 'forbidden', message: expect.stringContaining(action) });
          const text = JSON.stringify(reply);
          for (const secret of ['Alice', "Sam's phone", 'snapshot', '/photos/']) expect(text).not.toContain(secret);
        }
      }),
      { numRuns: 200 },
    );
    // Residents may have enrolled or forgotten meanwhile; a doorbell alone never could: replay its refusals only.
    const fresh = await household();
    for (const action of DEVICE_ACTION_NAMES.filter((candidate) => !mayPerform('doorbell', candidate))) {
      await fc.assert(
        fc.asyncProperty(ACTION_FRAMES[action], async (frame) => {
          expect((await fresh.say('doorbell', frame)).code).toBe('forbidden');
        }),
        { numRuns: 10 },
      );
    }
    expect(await fresh.doorbell.get(TOKENS.ListVisitors).execute({ householdId: HOME })).toEqual(visitorsBefore);
    expect(await fresh.doorbell.get(TOKENS.ListWebhooks).execute({ householdId: HOME })).toEqual(webhooksBefore);
  });
});
