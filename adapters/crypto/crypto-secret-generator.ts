import { randomBytes } from 'node:crypto';
import type { SecretGenerator } from '../../domain/ports/secret-generator';

/** 32 bytes from Node's CSPRNG, hex. */
export class CryptoSecretGenerator implements SecretGenerator {
  next(): string {
    return randomBytes(32).toString('hex');
  }
}
