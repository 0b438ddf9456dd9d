/** The few statistics every benchmark reports: medians, percentiles and ratios to a baseline. */

/** The q-quantile (0–1) by nearest rank, so a reported p99 is one of the measured values. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`percentile: q must be in 0–1, got ${q}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** value / baseline; undefined when the baseline is not positive (no meaningful ratio). */
export function ratio(value: number, baseline: number): number | undefined {
  return baseline > 0 ? value / baseline : undefined;
}

export interface Summary {
  readonly count: number;
  readonly median: number;
  readonly p50: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
}

export function summarize(values: readonly number[]): Summary {
  return {
    count: values.length,
    median: median(values),
    p50: percentile(values, 0.5),
    p99: percentile(values, 0.99),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

/** Runs `measure` `times` times, one after another, and returns every result. */
export async function repeat(times: number, measure: (index: number) => Promise<number> | number): Promise<number[]> {
  const results: number[] = [];
  for (let index = 0; index < times; index += 1) results.push(await measure(index));
  return results;
}

/** Fixed-point text for tables: `digits` decimals, or '–' for a missing value. */
export function fixed(value: number | undefined, digits = 1): string {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

/** A ratio as text: `×1.23`. */
/** A difference with its sign: `+3.2`, `-1.0`. */
export function signed(value: number, digits = 1): string {
  return `${value >= 0 ? '+' : '-'}${fixed(Math.abs(value), digits)}`;
}

export function times(value: number | undefined): string {
  return value === undefined ? '–' : `×${value.toFixed(2)}`;
}
