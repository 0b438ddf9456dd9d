import { DEFAULT_DEBOUNCE_WINDOW } from '../domain/debounce';
import { DEFAULT_MATCH_THRESHOLD } from '../domain/identification';
import { DEFAULT_RETENTION_DAYS } from '../domain/retention';
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
}

export const DEFAULT_RING_SETTINGS: RingSettings = {
  matchThreshold: DEFAULT_MATCH_THRESHOLD,
  debounceWindow: DEFAULT_DEBOUNCE_WINDOW,
  retentionDays: DEFAULT_RETENTION_DAYS,
  snapshotLinkExpiry: minutes(15),
  uploadLinkExpiry: minutes(1),
  pushConcurrency: 16,
};
