import type { Clock } from '../../domain/ports/clock';
import type { Duration, Instant } from '../../domain/time';

/** A clock that moves only when told: tests and scripted demos control time exactly. */
export class ManualClock implements Clock {
  constructor(private current: Instant) {}

  now(): Instant {
    return this.current;
  }

  advance(by: Duration): void {
    this.current += by;
  }

  set(to: Instant): void {
    this.current = to;
  }
}
