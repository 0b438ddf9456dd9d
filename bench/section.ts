/** What a benchmark hands to the report: headline figures against their targets, a detail table, notes, raw data. */

export type Verdict = 'met' | 'missed' | 'info';

export interface Figure {
  /** What was measured, e.g. "on-connect cold import over the floor". */
  readonly name: string;
  readonly value: string;
  /** The baseline measured in the same run, and the ratio to it. */
  readonly baseline: string;
  /** The target, or '' when the figure is informative. */
  readonly target: string;
  readonly verdict: Verdict;
}

export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface BenchmarkSection {
  readonly id: string;
  readonly title: string;
  readonly figures: readonly Figure[];
  readonly tables: readonly Table[];
  /** How it was measured and what the figures mean: one paragraph each. */
  readonly notes: readonly string[];
  /** The raw measurements, written to the JSON file. */
  readonly data: unknown;
}

export interface BenchmarkOptions {
  /** A fast smoke run: fewer repetitions and connections; figures are not meant to be compared. */
  readonly quick: boolean;
}

export interface Benchmark {
  readonly id: string;
  readonly title: string;
  run(options: BenchmarkOptions): Promise<BenchmarkSection>;
}

/** 'met' when `ok`, 'missed' otherwise. */
export function verdict(ok: boolean): Verdict {
  return ok ? 'met' : 'missed';
}
