import { describe, expect, it } from 'vitest';
import { DEFAULT_RING_SETTINGS } from '../../../application/settings';
import { ConfigError, env, readEnvironment, ringSettingsFromEnvironment } from '../../../infrastructure/di/config';

describe('readEnvironment', () => {
  it('returns the parsed values of a valid environment', () => {
    expect(
      readEnvironment(
        { CONNECTIONS_TABLE: 'doorbell-connections', PHOTOS_BUCKET: 'doorbell-photos-123' },
        {
          CONNECTIONS_TABLE: env.tableName(),
          PHOTOS_BUCKET: env.bucketName(),
        },
      ),
    ).toEqual({ CONNECTIONS_TABLE: 'doorbell-connections', PHOTOS_BUCKET: 'doorbell-photos-123' });
  });

  it('names every missing or malformed variable at once', () => {
    const read = () =>
      readEnvironment(
        { PHOTOS_BUCKET: 'Not_A_Bucket', CONNECTIONS_API_ENDPOINT: 'ftp://x' },
        {
          CONNECTIONS_TABLE: env.tableName(),
          PHOTOS_BUCKET: env.bucketName(),
          CONNECTIONS_API_ENDPOINT: env.url(),
        },
      );
    expect(read).toThrow(ConfigError);
    try {
      read();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'CONNECTIONS_TABLE: is required but not set',
        'PHOTOS_BUCKET: must be an S3 bucket name (got "Not_A_Bucket")',
        'CONNECTIONS_API_ENDPOINT: must be an http(s) or ws(s) URL (got "ftp://x")',
      ]);
    }
  });

  it('treats an empty variable as unset', () => {
    expect(() => readEnvironment({ CONNECTIONS_TABLE: '' }, { CONNECTIONS_TABLE: env.tableName() })).toThrow(
      /CONNECTIONS_TABLE: is required but not set/,
    );
  });
});

describe('ringSettingsFromEnvironment', () => {
  it('uses the defaults when nothing is set', () => {
    expect(ringSettingsFromEnvironment({})).toEqual(DEFAULT_RING_SETTINGS);
  });

  it('reads seconds and days into the settings', () => {
    const settings = ringSettingsFromEnvironment({
      MATCH_THRESHOLD: '95.5',
      DEBOUNCE_SECONDS: '10',
      RETENTION_DAYS: '7',
      SNAPSHOT_LINK_SECONDS: '600',
      UPLOAD_LINK_SECONDS: '30',
      PUSH_CONCURRENCY: '32',
      ANSWER_WINDOW_SECONDS: '45',
    });
    expect(settings).toEqual({
      matchThreshold: 95.5,
      debounceWindow: 10_000,
      retentionDays: 7,
      snapshotLinkExpiry: 600_000,
      uploadLinkExpiry: 30_000,
      pushConcurrency: 32,
      answerWindow: 45_000,
    });
  });

  it('refuses out-of-range or non-numeric values, naming them', () => {
    expect(() => ringSettingsFromEnvironment({ MATCH_THRESHOLD: '120', PUSH_CONCURRENCY: 'lots' })).toThrow(
      /MATCH_THRESHOLD[\s\S]*PUSH_CONCURRENCY: must be a number/,
    );
    expect(() => ringSettingsFromEnvironment({ RETENTION_DAYS: '1.5' })).toThrow(/RETENTION_DAYS/);
    expect(() => ringSettingsFromEnvironment({ ANSWER_WINDOW_SECONDS: '2' })).toThrow(/ANSWER_WINDOW_SECONDS/);
  });
});
