import { randomUUID } from 'node:crypto';
import type { IdGenerator } from '../../domain/ports/id-generator';

/** Random UUIDs (v4, from the CSPRNG): unguessable, so an id in a URL or key reveals nothing. */
export class RandomIdGenerator implements IdGenerator {
  next(): string {
    return randomUUID();
  }
}
