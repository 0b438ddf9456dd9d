import type { VapidKeyStore } from '../domain/ports/vapid-key-store';

/** The deployment's VAPID public key, which a browser subscribes with (made on first use, then the same). */
export class GetPushKey {
  constructor(private readonly keys: VapidKeyStore) {}

  async execute(): Promise<string> {
    return (await this.keys.keyPair()).publicKey;
  }
}
