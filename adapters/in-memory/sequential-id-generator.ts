import type { IdGenerator } from '../../domain/ports/id-generator';

/** Readable, predictable ids (`ring-1`, `ring-2`…) for tests and transcripts. */
export class SequentialIdGenerator implements IdGenerator {
  private counter = 0;

  constructor(private readonly prefix = 'id') {}

  next(): string {
    this.counter += 1;
    return `${this.prefix}-${this.counter}`;
  }
}
