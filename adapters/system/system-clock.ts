import type { Clock } from '../../domain/ports/clock';
import type { Instant } from '../../domain/time';

export class SystemClock implements Clock {
  now(): Instant {
    return Date.now();
  }
}
