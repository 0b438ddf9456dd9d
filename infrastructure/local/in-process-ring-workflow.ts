import type { Announce, AnnounceResult } from '../../application/announce';
import type { Identify } from '../../application/identify';
import type { RecordUnidentifiedRing } from '../../application/record-unidentified-ring';
import type { RingIntakeResult } from '../../application/ring-intake';
import { RecognizerUnavailableError } from '../../domain/errors';

export interface RingWorkflowResult {
  readonly intake: RingIntakeResult;
  /** Absent when the photo was rejected (not a ring photo). */
  readonly announcement?: AnnounceResult;
  /** Identification attempts made (1 when the first succeeded). */
  readonly attempts: number;
}

export interface RetryPolicy {
  /** Delays before each retry, in ms; its length is the number of retries. */
  readonly delays: readonly number[];
  readonly sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  delays: [200, 400, 800],
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * The ring workflow run in-process, with the semantics of the deployed state machine: Identify, retried with
 * backoff while the recognizer is unavailable; if it stays unavailable or fails otherwise, RecordUnidentifiedRing ("someone is at the
 * door"); then Announce, claimed by this run. It stands in for the state machine until the local doorbell runs the
 * very same definition.
 */
export class InProcessRingWorkflow {
  constructor(
    private readonly identify: Identify,
    private readonly recordUnidentified: RecordUnidentifiedRing,
    private readonly announce: Announce,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  async run(input: { readonly photoKey: string; readonly runId: string }): Promise<RingWorkflowResult> {
    const { intake, attempts } = await this.identifyWithRetries(input.photoKey);
    if (intake.kind === 'rejected') return { intake, attempts };
    const announcement = await this.announce.execute({
      householdId: intake.ring.householdId,
      ringId: intake.ring.id,
      claimant: input.runId,
    });
    return { intake, announcement, attempts };
  }

  private async identifyWithRetries(photoKey: string): Promise<{ intake: RingIntakeResult; attempts: number }> {
    for (let attempt = 0; ; attempt++) {
      try {
        return { intake: await this.identify.execute({ photoKey }), attempts: attempt + 1 };
      } catch (error) {
        // Like the state machine: Retry only what may pass (throttling), Catch everything else at once.
        const delay = error instanceof RecognizerUnavailableError ? this.retry.delays[attempt] : undefined;
        if (delay === undefined) {
          const intake = await this.recordUnidentified.execute({ photoKey, reason: 'recognizer-unavailable' });
          return { intake, attempts: attempt + 1 };
        }
        await this.retry.sleep(delay);
      }
    }
  }
}
