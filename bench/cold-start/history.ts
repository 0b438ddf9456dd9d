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

export const COLD_START_HISTORY: readonly ColdStartStep[] = [];
