import type { VapidKeyPair, VapidKeyStore } from '../../domain/ports/vapid-key-store';

/**
 * VAPID keys held by this process: a given pair (the local doorbell's, kept with `--data`), or one made on first use
 * by `generate` and kept for the life of the process.
 */
export class InMemoryVapidKeyStore implements VapidKeyStore {
  private pair: VapidKeyPair | undefined;

  constructor(private readonly source: VapidKeyPair | (() => VapidKeyPair)) {}

  async keyPair(): Promise<VapidKeyPair> {
    this.pair ??= typeof this.source === 'function' ? this.source() : this.source;
    return this.pair;
  }
}
