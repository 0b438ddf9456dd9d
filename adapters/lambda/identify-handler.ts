import * as v from 'valibot';
import type { Identify } from '../../application/identify';
import type { RecordUnidentifiedRing } from '../../application/record-unidentified-ring';
import type { RingIntakeResult } from '../../application/ring-intake';
import { issueSummary } from '../validation/issues';
import type { HandlerTelemetry } from './telemetry';
import { IDENTIFY_FAILURE_KEY, identifyFailure, objectCreatedEvent, photoKeyOf, type IdentifyOutput } from './workflow-events';

/**
 * The workflow's Identify (and RecordUnidentifiedRing) task: an "Object Created" event → a recorded ring.
 * When the state machine's Catch has added `identifyFailure`, identification failed for good: the ring is recorded
 * as unavailable instead, so that it is still announced. Malformed input is rejected, never thrown: retrying it
 * would not help. Recognizer throttling propagates (RecognizerUnavailableError) for the workflow's Retry.
 */
export function makeIdentifyHandler(deps: {
  readonly identify: Pick<Identify, 'execute'>;
  readonly recordUnidentified: Pick<RecordUnidentifiedRing, 'execute'>;
  readonly telemetry: HandlerTelemetry;
}) {
  const { logger } = deps.telemetry;
  return async (input: unknown): Promise<IdentifyOutput> => {
    const event = v.safeParse(objectCreatedEvent, input);
    if (!event.success) {
      logger.warn('not an Object Created event', { issues: issueSummary(event.issues) });
      return { kind: 'rejected', reason: 'not an S3 Object Created event' };
    }
    const photoKey = photoKeyOf(event.output.detail.object.key);
    const failure = v.safeParse(identifyFailure, (input as Record<string, unknown>)[IDENTIFY_FAILURE_KEY]);
    const fails = IDENTIFY_FAILURE_KEY in (input as object) && failure.success;

    const result = fails
      ? await deps.recordUnidentified.execute({ photoKey, reason: 'recognizer-unavailable' })
      : await deps.identify.execute({ photoKey });
    if (fails) logger.warn('identification failed for good; recorded as unavailable', { photoKey, error: failure.output?.Error });
    return output(result, photoKey, deps.telemetry);
  };
}

function output(result: RingIntakeResult, photoKey: string, telemetry: HandlerTelemetry): IdentifyOutput {
  if (result.kind === 'rejected') {
    telemetry.logger.warn('photo rejected', { photoKey, reason: result.reason });
    return result;
  }
  const { ring, fresh } = result;
  const outcome = ring.identification.kind;
  if (fresh) telemetry.count('Rings', 1, { outcome });
  telemetry.logger.info('ring recorded', { ringId: ring.id, householdId: ring.householdId, outcome, fresh });
  return { kind: 'recorded', householdId: ring.householdId, ringId: ring.id, photoKey: ring.photoKey, outcome, fresh };
}
