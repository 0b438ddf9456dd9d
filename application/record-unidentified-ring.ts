import type { UnavailableReason } from '../domain/identification';
import type { RingIntake, RingIntakeResult } from './ring-intake';

/**
 * The workflow's fallback when identification failed for good: the ring is recorded as "unavailable" so that it
 * is still announced ("Someone is at the front door"). A doorbell must never stay silent.
 * Idempotent like Identify: if a ring was recorded for the photo meanwhile, that one stands.
 */
export class RecordUnidentifiedRing {
  constructor(private readonly intake: RingIntake) {}

  async execute(command: { readonly photoKey: string; readonly reason?: UnavailableReason }): Promise<RingIntakeResult> {
    const begun = await this.intake.begin(command.photoKey);
    if (begun.kind !== 'needs-identification') return begun;
    // A camera-less ring is that whatever else failed: its key says so.
    const reason = begun.key.camera === false ? 'no-camera' : (command.reason ?? 'recognizer-unavailable');
    return this.intake.record(command.photoKey, begun.key, { kind: 'unavailable', reason });
  }
}
