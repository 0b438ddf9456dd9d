import type { RandomSource } from '../../domain/ports/random-source';

/** Math.random: jitter needs spread, not secrecy. */
export class MathRandomSource implements RandomSource {
  fraction(): number {
    return Math.random();
  }
}
