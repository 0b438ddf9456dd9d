/**
 * The cold-start work, step by step: what each change removed from the cold imports and what it gained, measured
 * before and after in one run (the same machine stretch for both). Newest last; the report prints it as a table.
 */
export interface ColdStartStep {
  /** What changed, and why it was loaded at import before. */
  readonly step: string;
  /** The gain per function, as measured: "on-connect 31.2 → 26.0 ms over the new floor (…)". */
  readonly gain: string;
}

export const COLD_START_HISTORY: readonly ColdStartStep[] = [
  {
    step:
      'The new floor: each floor handler in an inversify container bound as the roots bind (one container, one binding). ' +
      'Over it, every function was already within +120 KB (on-connect +62, on-resident-message +109); the time over it is ' +
      'what the steps below work on.',
    gain: 'baseline (15 rounds, CPU time over the new floor): on-connect +6.0 ms, on-resident-message +22.6 ms, identify +23.3 ms',
  },
  {
    step:
      'Route and workflow-state use cases resolved at their first request, not at import (resolve-on-use.ts), and the ' +
      'S3, Rekognition and Step Functions clients built when their adapter is first asked for: a cold start builds only ' +
      "its own request's use case and clients (on-resident-message, on-doorbell-message, announce, answer-window)",
    gain:
      '21 rounds, paired after − before, CPU / wall ms: on-resident-message -17.4 / -25.3, on-doorbell-message -3.3 / -10.4, ' +
      'announce -10.4 / -39.0, answer-window -4.1 / +2.6 (wall time under a load average of 13 on 2 cores: CPU time is the ' +
      'steadier figure). A second run, 15 rounds, CPU time over the new floor before → after: on-resident-message 14.0 → 8.4, ' +
      'on-doorbell-message 19.0 → 13.5, announce 18.1 → 9.0, answer-window 12.5 → 8.1 ms; the functions left unchanged ' +
      'moved by up to ±6 ms between the two builds, the noise of that run',
  },
];
