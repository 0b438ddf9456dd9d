import { describe, expect, it } from 'vitest';
import { DEFAULT_RING_SETTINGS, InvalidSettingsError, ringSettings, type RingSettings } from '../../application/settings';
import { seconds } from '../../domain/time';

describe('ringSettings', () => {
  it('returns the defaults when nothing is overridden', () => {
    // Act
    const settings = ringSettings();

    // Assess
    expect(settings).toEqual(DEFAULT_RING_SETTINGS);
  });

  it('applies valid overrides at the edges of their ranges', () => {
    // Prepare
    const overrides: Partial<RingSettings> = { pushConcurrency: 1, matchThreshold: 100, retentionDays: 1, debounceWindow: 0 };

    // Act
    const settings = ringSettings(overrides);

    // Assess
    expect(settings).toEqual({ ...DEFAULT_RING_SETTINGS, ...overrides });
  });

  it.each<[string, Partial<RingSettings>, keyof RingSettings]>([
    ['pushConcurrency NaN', { pushConcurrency: Number.NaN }, 'pushConcurrency'],
    ['pushConcurrency 0', { pushConcurrency: 0 }, 'pushConcurrency'],
    ['pushConcurrency 1.5', { pushConcurrency: 1.5 }, 'pushConcurrency'],
    ['pushConcurrency Infinity', { pushConcurrency: Number.POSITIVE_INFINITY }, 'pushConcurrency'],
    ['matchThreshold 101', { matchThreshold: 101 }, 'matchThreshold'],
    ['matchThreshold -1', { matchThreshold: -1 }, 'matchThreshold'],
    ['retentionDays 0', { retentionDays: 0 }, 'retentionDays'],
    ['debounceWindow 1.5 ms', { debounceWindow: 1.5 }, 'debounceWindow'],
    ['snapshotLinkExpiry NaN', { snapshotLinkExpiry: Number.NaN }, 'snapshotLinkExpiry'],
    ['uploadLinkExpiry under 1 s', { uploadLinkExpiry: seconds(1) - 1 }, 'uploadLinkExpiry'],
  ])('throws InvalidSettingsError naming the setting for %s', (_, overrides, setting) => {
    // Prepare
    const build = () => ringSettings(overrides);

    // Act + Assess
    expect(build).toThrow(InvalidSettingsError);
    expect(build).toThrow(new RegExp(`\\b${setting}\\b`));
  });
});
