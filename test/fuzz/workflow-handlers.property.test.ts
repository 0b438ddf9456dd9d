import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeAnnounceHandler } from '../../adapters/lambda/announce-handler';
import { makeAnswerWindowHandler } from '../../adapters/lambda/answer-window-handler';
import { makeIdentifyHandler } from '../../adapters/lambda/identify-handler';
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import { TOKENS } from '../../infrastructure/di/tokens';
import { objectCreatedEvent } from '../../infrastructure/local/object-created-event';
import { HOME, inMemoryDoorbell } from '../support/in-memory-doorbell';
import { sample } from '../support/sample-photos';
import { expectPrototypesUntouched, hostileEvent, prototypeSnapshot } from './hostile-input';

/**
 * The ring workflow's tasks, given inputs the state machine would never pass: a valid "Object Created" event or
 * Announce input with fields removed, retyped or added, or anything at all. Neither throws (a throw would be
 * retried by the workflow for nothing): each answers a typed result — Identify `recorded` or `rejected`, Announce
 * `announced`, `issued` or `skipped`, the answer window its outcome — and Object.prototype stays clean.
 */
const doorbell = inMemoryDoorbell();
let photoKey: string;
let ringId: string;
let prototypes: string;

beforeAll(async () => {
  prototypes = prototypeSnapshot();
  const camera = await doorbell.connect(HOME, 'doorbell', 'front door');
  await doorbell.connect(HOME, 'resident', 'Phone');
  photoKey = await doorbell.press(camera.device, sample('stranger.jpg'));
  const run = await doorbell.objectCreated(photoKey);
  ringId = (run.final['identified'] as { ringId: string }).ringId;
});

describe('the workflow task handlers, for hostile input', () => {
  it('Identify answers recorded or rejected, never throws', async () => {
    const handler = makeIdentifyHandler({
      identify: doorbell.get(TOKENS.Identify),
      recordUnidentified: doorbell.get(TOKENS.RecordUnidentifiedRing),
      telemetry: SILENT_TELEMETRY,
    });
    const valid = () => ({
      ...objectCreatedEvent({ bucket: 'photos', key: photoKey, size: 1_000, at: new Date(doorbell.clock.now()), eventId: 'fuzz' }),
      identifyFailure: { Error: 'RecognizerUnavailableError', Cause: 'down' },
    });
    await fc.assert(
      fc.asyncProperty(hostileEvent(valid), async (input) => {
        const output = await handler(input);
        expect(['recorded', 'rejected']).toContain(output.kind);
        if (output.kind === 'rejected') expect(output.reason).toEqual(expect.any(String));
      }),
      { numRuns: 300 },
    );
    expectPrototypesUntouched(prototypes);
  });

  it('Announce answers announced or skipped, never throws', async () => {
    const handler = makeAnnounceHandler({
      announce: doorbell.get(TOKENS.Announce),
      issueAccessCodes: doorbell.get(TOKENS.IssueAccessCode),
      telemetry: SILENT_TELEMETRY,
    });
    let claimants = 0;
    const valid = () => ({ householdId: HOME, ringId, claimant: `arn:aws:states:local:0:execution:ring:fuzz-${++claimants}` });
    await fc.assert(
      fc.asyncProperty(hostileEvent(valid), async (input) => {
        const output = await handler(input);
        expect(output).toEqual(
          output.kind === 'announced'
            ? { kind: 'announced', delivered: expect.any(Number), pruned: expect.any(Number), failed: expect.any(Number) }
            : output.kind === 'issued'
              ? { kind: 'issued', codes: expect.any(Number) }
              : { kind: 'skipped', reason: expect.any(String) },
        );
      }),
      { numRuns: 300 },
    );
    expectPrototypesUntouched(prototypes);
  });

  it('the answer window (AwaitAnswer, RecordUnansweredRing) answers a typed result, never throws', async () => {
    const handler = makeAnswerWindowHandler({
      awaitAnswer: doorbell.get(TOKENS.AwaitAnswer),
      recordUnanswered: doorbell.get(TOKENS.RecordUnansweredRing),
      telemetry: SILENT_TELEMETRY,
    });
    let tokens = 0;
    const valid = () =>
      tokens % 2 === 0
        ? { task: 'awaitAnswer', householdId: HOME, ringId, taskToken: `fuzz-token-${++tokens}` }
        : { task: 'recordUnanswered', householdId: HOME, ringId: `${ringId}${++tokens}` };
    await fc.assert(
      fc.asyncProperty(hostileEvent(valid), async (input) => {
        const output = await handler(input);
        expect(['waiting', 'already-answered', 'ring-not-found', 'answered', 'unanswered', 'skipped']).toContain(output.kind);
      }),
      { numRuns: 300 },
    );
    expectPrototypesUntouched(prototypes);
  });
});
