import { DEFAULT_ANSWER_WINDOW } from '../domain/answer';
import { DEFAULT_DEBOUNCE_WINDOW } from '../domain/debounce';
import { DEFAULT_MATCH_THRESHOLD } from '../domain/identification';
import { DEFAULT_RETENTION_DAYS, isValidRetentionDays } from '../domain/retention';
import { minutes, type Duration } from '../domain/time';

/** Tunables of the ring flow; the composition root fills them from configuration. */
export interface RingSettings {
  /** Minimum similarity (0–100) for a face to name a visitor. */
  readonly matchThreshold: number;
  readonly debounceWindow: Duration;
  readonly retentionDays: number;
  /** How long a snapshot link in a notification or the history works. */
  readonly snapshotLinkExpiry: Duration;
  /** How long the doorbell's upload URL works. */
  readonly uploadLinkExpiry: Duration;
  /** At most this many pushes in flight per announcement. */
  readonly pushConcurrency: number;
  /** How long residents can answer a ring (and the workflow waits for it): whole seconds. */
  readonly answerWindow: Duration;
}

export const DEFAULT_RING_SETTINGS: RingSettings = {
  matchThreshold: DEFAULT_MATCH_THRESHOLD,
  debounceWindow: DEFAULT_DEBOUNCE_WINDOW,
  retentionDays: DEFAULT_RETENTION_DAYS,
  snapshotLinkExpiry: minutes(15),
  uploadLinkExpiry: minutes(1),
  pushConcurrency: 16,
  answerWindow: DEFAULT_ANSWER_WINDOW,
};

export class InvalidSettingsError extends Error {
  constructor(setting: keyof RingSettings, rule: string, value: unknown) {
    super(`Setting ${setting} must be ${rule}, got ${JSON.stringify(value)}`);
    this.name = 'InvalidSettingsError';
  }
}

const RULES: { readonly [K in keyof RingSettings]: readonly [rule: string, valid: (value: number) => boolean] } = {
  matchThreshold: ['a number from 0 to 100', (v) => v >= 0 && v <= 100],
  debounceWindow: ['a whole number of milliseconds ≥ 0', (v) => Number.isSafeInteger(v) && v >= 0],
  retentionDays: ['a whole number of days from 1 to 3650', isValidRetentionDays],
  snapshotLinkExpiry: ['from 1 s to 7 days, in ms', (v) => v >= 1_000 && v <= 604_800_000],
  uploadLinkExpiry: ['from 1 s to 7 days, in ms', (v) => v >= 1_000 && v <= 604_800_000],
  pushConcurrency: ['a whole number from 1 to 1000', (v) => Number.isInteger(v) && v >= 1 && v <= 1000],
  // Whole seconds: it is also the workflow state's TimeoutSeconds.
  answerWindow: ['whole seconds from 5 s to 1 hour, in ms', (v) => Number.isInteger(v / 1000) && v >= 5_000 && v <= 3_600_000],
};

/** The defaults with `overrides` applied, each checked: a bad value is an error naming the setting, never a silent doorbell. */
export function ringSettings(overrides: Partial<RingSettings> = {}): RingSettings {
  const settings = { ...DEFAULT_RING_SETTINGS, ...overrides };
  for (const [name, [rule, valid]] of Object.entries(RULES) as [keyof RingSettings, (typeof RULES)[keyof RingSettings]][]) {
    const value = settings[name];
    if (typeof value !== 'number' || Number.isNaN(value) || !valid(value)) throw new InvalidSettingsError(name, rule, value);
  }
  return settings;
}
