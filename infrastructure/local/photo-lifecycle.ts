import type { InMemoryPhotoStore } from '../../adapters/in-memory/in-memory-photo-store';
import type { HandlerLogger } from '../../adapters/lambda/telemetry';
import { hours, type Duration } from '../../domain/time';

/** How often the local doorbell looks for expired photos (S3's lifecycle rule, too, acts some time after the expiry). */
export const PHOTO_SWEEP_INTERVAL: Duration = hours(1);

export interface PhotoLifecycle {
  /** Deletes the photos past their retention now (also done at start and every interval). */
  sweep(): void;
  stop(): void;
}

/**
 * The local stand-in for the photo bucket's lifecycle rule: deletes the photos past their retention from the store
 * (files with `--data`, memory without) at start and then every `interval`, on a timer that never keeps the process
 * alive. A photo that cannot be deleted is logged and tried again next time; a failed pass is logged and the next
 * one runs as planned.
 */
export function startPhotoLifecycle(options: {
  readonly photos: InMemoryPhotoStore;
  readonly retentionDays: number;
  readonly logger: HandlerLogger;
  readonly interval?: Duration;
}): PhotoLifecycle {
  const { photos, retentionDays, logger } = options;
  const sweep = () => {
    try {
      const { deleted, vanished, failed } = photos.deleteExpired(retentionDays);
      if (deleted.length > 0) logger.info('expired photos deleted', { count: deleted.length, retentionDays });
      for (const key of vanished) logger.info('expired photo was already gone', { key });
      for (const { key, error } of failed) logger.warn('expired photo could not be deleted; trying again later', { key, error });
    } catch (error) {
      logger.error('expired photos could not be listed; trying again later', { error: String(error) });
    }
  };
  sweep();
  const timer = setInterval(sweep, options.interval ?? PHOTO_SWEEP_INTERVAL);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
