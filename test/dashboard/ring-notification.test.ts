import { describe, expect, it } from 'vitest';
import { presetOf } from '../../dashboard/src/components/reply-labels';
import { ringPushPayload } from '../../domain/protocol/push-payload';
import type { RingPush } from '../../dashboard/src/push/push-frames';
import {
  answeredNotification,
  answerFailedNotification,
  FALLBACK_NOTIFICATION,
  notificationIntent,
  parseRingPush,
  ringNotification,
} from '../../dashboard/src/push/ring-notification';

const AT = '2026-12-02T10:00:00.000Z';
const pressed = Date.parse(AT);
const alice: RingPush = {
  type: 'ring',
  ringId: 'ring-1',
  at: AT,
  outcome: 'known',
  text: 'Alice is at the front door',
  visitors: [{ name: 'Alice' }],
  unknownFaces: 0,
  snapshotUrl: 'https://photos.example/ring-1.jpg?signature=x',
  answerBy: '2026-12-02T10:01:00.000Z',
  quickReplies: ['Coming!', 'Leave it at the door'],
  quickReplyPresets: ['coming', 'leave-it-at-the-door'],
  url: '/dashboard/#ring=ring-1',
};
const asPushed = (push: RingPush) => ({ ...push, version: 1 });

describe("the ring push's notification", () => {
  it('reads the payload the server pushes, version and all', () => {
    expect(parseRingPush(asPushed(alice))).toEqual(alice);
  });

  it('says who is there as the title, with the snapshot, the ring id as tag (re-alerting), and stays until handled', () => {
    const { title, options } = ringNotification(alice, pressed + 5_000);
    expect(title).toBe('Alice is at the front door');
    expect(options).toMatchObject({
      image: alice.snapshotUrl,
      icon: 'icon-192.png',
      tag: 'ring-1',
      renotify: true,
      requireInteraction: true,
      timestamp: pressed,
      data: alice,
    });
    expect(options.body).toContain('Known visitor');
  });

  it('says a door without a camera rang rather than "Not identified", from the reason the server pushes', () => {
    const noCamera = { ...alice, outcome: 'unavailable', reason: 'no-camera', text: 'Someone is at the front door', visitors: [] };
    expect(parseRingPush(asPushed(noCamera))).toEqual(noCamera);
    expect(ringNotification(noCamera, pressed).options.body).toContain('No camera at the door');
    const unidentified = { ...noCamera, reason: 'recognizer-unavailable' };
    expect(ringNotification(unidentified, pressed).options.body).toContain('Not identified');
  });

  it('offers the quick replies as actions that send the presets the doorbell knows, while the ring can be answered', () => {
    expect(ringNotification(alice, pressed).options.actions).toEqual([
      { action: 'coming', title: 'Coming!' },
      { action: 'leave-it-at-the-door', title: 'Leave it at the door' },
    ]);
    expect(ringNotification(alice, Date.parse(alice.answerBy)).options.actions).toBeUndefined();
    expect(ringNotification(alice, Date.parse(alice.answerBy)).options.body).not.toContain('answer by');
  });

  it('without the presets, sends the preset a label names, else the text; a ring without a photo has no image', () => {
    const { snapshotUrl: _, ...noPhoto } = alice;
    const { options } = ringNotification({ ...noPhoto, quickReplies: ['Coming', 'Come round the back'], quickReplyPresets: [] }, pressed);
    expect(options.actions).toEqual([
      { action: 'coming', title: 'Coming' },
      { action: 'Come round the back', title: 'Come round the back' },
    ]);
    expect(options).not.toHaveProperty('image');
  });

  it("reads what the server's payload builder makes", () => {
    const summary = {
      ringId: 'ring-1',
      doorbellId: 'front',
      doorName: 'front door',
      at: AT,
      outcome: 'known' as const,
      visitors: [{ name: 'Alice', similarity: 97 }],
      unknownFaces: 0,
      text: 'Alice is at the front door',
      snapshotUrl: alice.snapshotUrl!,
      answerableUntil: alice.answerBy,
    };
    expect(parseRingPush(JSON.parse(JSON.stringify(ringPushPayload(summary))))).toEqual(alice);
  });

  it('refuses anything but a ring push, so the worker shows the fallback', () => {
    for (const bad of [null, 'Alice', 42, [], {}, { ...alice, type: 'answer' }, { ...alice, ringId: 7 }, { ...alice, text: '' }]) {
      expect(parseRingPush(bad)).toBeUndefined();
    }
    expect(FALLBACK_NOTIFICATION.title).toBe('Someone is at the door');
  });

  it('drops what it cannot use rather than the ring: odd visitors, odd replies, a snapshot link that is no http(s) URL', () => {
    const odd = { ...alice, visitors: [{ name: 'Alice' }, 'Bob', null], quickReplies: ['Coming!', 3], snapshotUrl: 'javascript:alert(1)' };
    const { snapshotUrl: _, ...withoutSnapshot } = alice;
    expect(parseRingPush(odd)).toEqual({ ...withoutSnapshot, quickReplies: ['Coming!'] });
    expect(parseRingPush({ ...alice, quickReplyPresets: 'coming' })).toEqual({ ...alice, quickReplyPresets: [] });
  });
});

describe('a click on a notification', () => {
  it('answers the ring with the action’s reply, or opens the dashboard on the ring', () => {
    expect(notificationIntent(alice, 'coming')).toEqual({ kind: 'answer', push: alice, reply: 'coming' });
    expect(notificationIntent(alice, '')).toEqual({ kind: 'open', url: '/dashboard/#ring=ring-1', ringId: 'ring-1' });
  });

  it('opens the dashboard for the confirmation, the fallback, or data it cannot read', () => {
    expect(notificationIntent(answeredNotification(alice, 'coming').options.data, '')).toEqual({ kind: 'open', url: alice.url });
    expect(notificationIntent(FALLBACK_NOTIFICATION.options.data, '')).toEqual({ kind: 'open', url: './' });
    expect(notificationIntent(undefined, 'coming')).toEqual({ kind: 'open', url: './' });
  });

  it('confirms an answer in place of the ring’s notification, or says why it was not sent', () => {
    expect(answeredNotification(alice, 'coming', 'Phone')).toMatchObject({
      title: 'Answered: Coming!',
      options: { tag: 'ring-1', body: 'Alice is at the front door. Phone answered.' },
    });
    expect(answerFailedNotification(alice, 'too late')).toMatchObject({
      title: 'Your reply was not sent',
      options: { tag: 'ring-1', body: 'Alice is at the front door: too late' },
    });
  });
});

describe('quick replies named by label', () => {
  it('map to their preset whatever the case or closing punctuation, and other text to none', () => {
    expect(['coming', 'Coming', 'COMING!', 'Coming.'].map(presetOf)).toEqual(['coming', 'coming', 'coming', 'coming']);
    expect(presetOf('Leave it at the door')).toBe('leave-it-at-the-door');
    expect(presetOf('Come round the back')).toBeUndefined();
  });
});
